import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, inTenant } from '../../src/platform/db/unit-of-work.js';
import { createChild } from '../../src/people/children.js';
import { createDraft } from '../../src/forms/responses.js';
import { WorkRole } from '../../src/accounts/queries/work-roles.js';
import { tenantRouters } from '../../src/app/routes.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { codeIn, createProfessional, formAgent, type Professional } from '../support/sign-in.js';
import { createStaff } from '../support/staff.js';

const FORM = 'professional-request-ehc-assessment';

interface Owned {
  childId: string;
  responseId: string;
  uploadId: string;
  messageId: string;
  roleId: string;
  accountId: string;
  documentId: string;
}

/** A professional's child, draft form, document, message and work role, made as the app would. */
async function ownedBy(t: TestApp, pro: Professional): Promise<Owned> {
  return inTenant(t.db.app, pro.tenantId, async () => {
    const child = await createChild({ forename: 'Ada', surname: 'Owner', dateOfBirth: '2015-03-04', gender: null, address: {} as never, school: null }, { accountId: pro.account.id });
    const response = await createDraft({ accountId: pro.account.id, childId: child.id, formId: FORM, draftDays: 30 });
    const [upload] = await (await db())('uploads')
      .insert({ response_id: response.id, question_id: 'documents', account_id: pro.account.id, file_name: 'report.pdf', media_type: 'application/pdf', size: 10, storage_key: 'missing', sha256: 'x', status: 'clean' })
      .returning('id');
    const [message] = await (await db())('messages').insert({ account_id: pro.account.id, subject: 'Private', body: 'Private' }).returning('id');
    const role = await WorkRole.query(await db()).findOne({ account_id: pro.account.id });
    const [document] = await (await db())('uploads')
      .insert({ child_id: child.id, staff_id: '00000000-0000-4000-8000-000000000001', description: 'draft-ehc-plan', file_name: 'plan.pdf', media_type: 'application/pdf', size: 10, storage_key: 'missing', sha256: 'x', status: 'clean' })
      .returning('id');
    return { childId: child.id, responseId: response.id, uploadId: upload.id, messageId: message.id, roleId: role!.id, accountId: pro.account.id, documentId: document.id };
  });
}

/** Every route of a council's host that takes an id, with the ids of `owned` filled in. */
function routesWithIds(t: TestApp, owned: Owned): { method: string; path: string }[] {
  const firstStep = t.services.forms.get(FORM)!.steps[0]!.id;
  const fill = (path: string) =>
    path
      .replace(':childId', owned.childId)
      .replace(':responseId', owned.responseId)
      .replace(':stepId', firstStep)
      .replace(':version', '1')
      .replace(':accountId', owned.accountId)
      .replace(':documentId', owned.documentId)
      .replace(/^\/messages\/:id/, `/messages/${owned.messageId}`)
      .replace(/^\/uploads\/:id/, `/uploads/${owned.uploadId}`)
      .replace(/^\/my-account\/work-details\/:id/, `/my-account/work-details/${owned.roleId}`)
      .replace(/^\/backoffice\/registrations\/:id/, `/backoffice/registrations/${owned.accountId}`);
  const routes: { method: string; path: string }[] = [];
  for (const router of tenantRouters(t.services)) {
    for (const layer of (router as unknown as { stack: { path: string; methods: string[] }[] }).stack) {
      if (!layer.path.includes(':') || layer.path.includes(':token')) continue;
      for (const method of layer.methods.filter((m) => m === 'GET' || m === 'POST')) routes.push({ method, path: fill(layer.path) });
    }
  }
  return routes;
}

async function signedIn(t: TestApp, host: string, pro: Professional) {
  const form = await formAgent(t, host);
  await form.post('/sign-in', { email: pro.email, password: pro.password });
  const done = await form.post('/sign-in/code', { code: codeIn((await t.emailTo(pro.email)).text) });
  expect(done.status).toBe(303);
  return form;
}

describe('ids of someone else: every route with an id answers 404', () => {
  let t: TestApp;
  let owned: Owned;
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    t = await buildTestApp();
    const owner = await createProfessional(t, 'leicester', { two_step: 'email' });
    owned = await ownedBy(t, owner);
    routes = routesWithIds(t, owned);
  });
  afterAll(() => t.close());

  const check = async (label: string, form: Awaited<ReturnType<typeof formAgent>>, only: (path: string) => boolean) => {
    const answers: string[] = [];
    for (const route of routes.filter((r) => only(r.path))) {
      const res = route.method === 'GET' ? await form.get(route.path) : await form.post(route.path, {});
      if (res.status !== 404) answers.push(`${route.method} ${route.path} → ${res.status}`);
    }
    expect(answers, `${label}: routes that did not answer 404`).toEqual([]);
  };
  const professionalRoute = (path: string) => !path.startsWith('/backoffice');

  it('covers every kind of id', () => {
    const paths = routes.map((r) => r.path).join('\n');
    for (const id of Object.values(owned)) expect(paths).toContain(id);
    expect(paths).toContain(`/send/children/${owned.childId}/edit`);
    expect(paths).toContain(`/send/children/${owned.childId}/documents/${owned.documentId}`);
    expect(paths).toContain(`/backoffice/send/children/${owned.childId}/documents`);
    expect(routes.length).toBeGreaterThan(25);
  });

  it('for another professional of the same council, without a link', async () => {
    const other = await createProfessional(t, 'leicester', { two_step: 'email' });
    await check('same council', await signedIn(t, 'leicester.localhost', other), professionalRoute);
  });

  it("for a professional of another council, on that council's host", async () => {
    const welsh = await createProfessional(t, 'vale-of-glamorgan', { two_step: 'email' });
    await check('another council', await signedIn(t, 'vale.localhost', welsh), professionalRoute);
  });

  it("for council staff of another council, on the back office's routes", async () => {
    const staff = await createStaff(t, 'redcar-and-cleveland');
    const form = await formAgent(t, 'redcar.localhost', '/backoffice/sign-in');
    await form.post('/backoffice/sign-in', { email: staff.email, password: staff.password });
    const code = codeIn((await t.emailTo(staff.email)).text);
    const done = await form.post('/backoffice/sign-in/code', { code });
    expect(done.status).toBe(303);
    await check('staff of another council', form, (path) => path.startsWith('/backoffice'));
  });

  it('leaves everything as it was', async () => {
    const rows = await t.db.platform('uploads').where({ id: owned.uploadId }).first();
    expect(rows.deleted_at).toBeNull();
    const message = await t.db.platform('messages').where({ id: owned.messageId }).first();
    expect(message.read_at).toBeNull();
    expect(await t.db.platform('work_roles').where({ id: owned.roleId }).first()).toBeDefined();
    expect(await t.db.platform('children').where({ id: owned.childId }).first()).toMatchObject({ forename: 'Ada', surname: 'Owner' });
  });
});
