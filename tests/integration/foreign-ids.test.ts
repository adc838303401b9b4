import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, inTenant } from '../../src/platform/db/unit-of-work.js';
import { createChild } from '../../src/people/children.js';
import { createDraft } from '../../src/forms/responses.js';
import { WorkRole } from '../../src/accounts/queries/work-roles.js';
import { tenantRouters } from '../../src/app/routes.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { codeIn, createProfessional, formAgent, type Professional, SAM_TAYLOR_SENCO } from '../support/accounts.js';
import { createStaff } from '../support/staff.js';
import { createStaffAccount } from '../../src/accounts/staff/staff-accounts.js';

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
    const owner = await createProfessional(t, 'leicester', { ...SAM_TAYLOR_SENCO, two_step: 'email' });
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
    expect(paths).toContain(`/backoffice/send/children/${owned.childId}/documents/${owned.documentId}/download`);
    expect(paths).toContain(`/backoffice/send/children/${owned.childId}/documents/${owned.documentId}/remove`);
    expect(routes.length).toBeGreaterThan(25);
  });

  it('for another professional of the same council, without a link', async () => {
    const other = await createProfessional(t, 'leicester', { ...SAM_TAYLOR_SENCO, two_step: 'email' });
    await check('same council', await signedIn(t, 'leicester.localhost', other), professionalRoute);
  });

  it("for a professional of another council, on that council's host", async () => {
    const welsh = await createProfessional(t, 'vale-of-glamorgan', { ...SAM_TAYLOR_SENCO, two_step: 'email' });
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
    expect(await t.db.platform('uploads').where({ id: owned.documentId }).first()).toMatchObject({ deleted_at: null });
    const message = await t.db.platform('messages').where({ id: owned.messageId }).first();
    expect(message.read_at).toBeNull();
    expect(await t.db.platform('work_roles').where({ id: owned.roleId }).first()).toBeDefined();
    expect(await t.db.platform('children').where({ id: owned.childId }).first()).toMatchObject({ forename: 'Ada', surname: 'Owner' });
  });
});

describe('ids of someone else on a form about a family (Dudley): every route of a response answers 404', () => {
  let t: TestApp;
  let responseId: string;
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    t = await buildTestApp();
    const owner = await createProfessional(t, 'dudley', { two_step: 'email' });
    const form = t.services.forms.get('multi-agency-referral')!;
    // A referral submitted and waiting in Dudley's Social Care intake queue.
    responseId = await inTenant(t.db.app, owner.tenantId, async () => {
      const id = (await createDraft({ accountId: owner.account.id, formId: form.id, draftDays: 30 })).id;
      const trx = await db();
      await trx('form_versions').insert({ response_id: id, version: 1, answers: '{}', documents: '[]', submitted_by: owner.account.id });
      await trx('form_responses').where({ id }).update({ status: 'submitted', version: 1, submitted_at: new Date(), draft_expires_at: null });
      await trx('form_intake').insert({ response_id: id, service: 'socialCare' });
      return id;
    });
    const people = form.steps.find((s) => s.type === 'people')!.id;
    routes = [];
    for (const router of tenantRouters(t.services)) {
      for (const layer of (router as unknown as { stack: { path: string; methods: string[] }[] }).stack) {
        if (!layer.path.startsWith('/forms/:responseId') && !layer.path.startsWith('/backoffice/intake/:responseId')) continue;
        const path = layer.path.replace(':responseId', responseId).replace(':stepId', people).replace(':version', '1');
        for (const method of layer.methods.filter((m) => m === 'GET' || m === 'POST')) routes.push({ method, path });
      }
    }
  });
  afterAll(() => t.close());

  const check = async (label: string, form: Awaited<ReturnType<typeof formAgent>>, only: (path: string) => boolean = (path) => !path.startsWith('/backoffice')) => {
    const answers: string[] = [];
    for (const route of routes.filter((r) => only(r.path))) {
      const res = route.method === 'GET' ? await form.get(route.path) : await form.post(route.path, { action: 'add-child' });
      if (res.status !== 404) answers.push(`${route.method} ${route.path} → ${res.status}`);
    }
    expect(answers, `${label}: routes that did not answer 404`).toEqual([]);
  };

  it('covers the new routes of a response (saved, continue, the people step)', () => {
    const paths = routes.map((r) => r.path);
    for (const end of ['/saved', '/continue', '/steps/people', '/pdf']) expect(paths.some((p) => p.startsWith('/forms/') && p.endsWith(end)), end).toBe(true);
    for (const end of [responseId, '/assign', '/close', '/message', '/pdf', '/json']) expect(paths.some((p) => p.startsWith('/backoffice/intake/') && p.endsWith(end)), end).toBe(true);
  });

  it('for another professional of the same council', async () => {
    const other = await createProfessional(t, 'dudley', { two_step: 'email' });
    await check('same council', await signedIn(t, 'dudley.localhost', other));
  });

  it("for a professional of another council, on that council's host", async () => {
    const leicester = await createProfessional(t, 'leicester', { two_step: 'email' });
    await check('another council', await signedIn(t, 'leicester.localhost', leicester));
  });

  const staffAgent = async (slug: string, host: string, roles?: ('send-officer' | 'social-care-intake')[]) => {
    const email = `staff.${Math.random().toString(16).slice(2, 10)}@council.example`;
    const login = roles ? await createStaffAccount(t.db.platform, { tenant: slug, email, forename: 'Sam', surname: 'Staff', roles }) : await createStaff(t, slug);
    const form = await formAgent(t, host, '/backoffice/sign-in');
    await form.post('/backoffice/sign-in', { email: login.email, password: login.password });
    expect((await form.post('/backoffice/sign-in/code', { code: codeIn((await t.emailTo(login.email)).text) })).status).toBe(303);
    return form;
  };
  const intakeRoute = (path: string) => path.startsWith('/backoffice/intake/');

  it("for another council's staff, on the intake queue's routes", async () => {
    await check('staff of another council', await staffAgent('leicester', 'leicester.localhost'), intakeRoute);
  });

  it("for the council's staff without the Social Care role", async () => {
    await check('staff without the role', await staffAgent('dudley', 'dudley.localhost', ['send-officer']), intakeRoute);
  });

  it('leaves the form as it was', async () => {
    const row = await t.db.platform('form_responses').where({ id: responseId }).first();
    expect(row.answers).toEqual({});
    expect(await t.db.platform('form_subjects').where({ response_id: responseId })).toEqual([]);
    expect(await t.db.platform('form_intake').where({ response_id: responseId }).first()).toMatchObject({ status: 'new', assigned_to: null, outcome: null });
    expect(await t.db.platform('messages').where({ link_path: `/forms/${responseId}/view` })).toEqual([]);
  });
});
