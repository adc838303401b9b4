import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeLibraryVersions } from '../../src/forms/definitions.js';
import type { FormDefinition } from '../../src/forms/definition.js';
import { FormLibrary } from '../../src/forms/library.js';
import { createChild, type Child } from '../../src/people/children.js';
import { inTenant } from '../../src/platform/db/unit-of-work.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { GOOD } from '../support/request-form.js';
import { codeIn, createProfessional, formAgent, type Professional, SAM_TAYLOR_SENCO } from '../support/accounts.js';
import { createStaff, emailedCode } from '../support/staff.js';

const LEICESTER = 'leicester.localhost';
const REQUEST = 'professional-request-ehc-assessment';
const OLD_LABEL = 'Name of the child or young person&#x27;s current school or setting';
const NEW_LABEL = 'School, college or early years setting attended now';

/** The request form as a council's library editor might change it: one question's label reworded. */
function reworded(form: FormDefinition): FormDefinition {
  const copy = structuredClone(form);
  const step = copy.steps.find((s) => s.id === 'academicProgress')!;
  if (step.type !== 'questions') throw new Error('academicProgress is a step of questions');
  const question = step.questions.find((q) => q.id === 'setting')!;
  (question as { label: { en: string; cy?: string } }).label = { en: NEW_LABEL, cy: 'Ysgol, coleg neu leoliad blynyddoedd cynnar presennol' };
  return copy;
}

describe('versioned form definitions: a response is always shown with the definition it was started with', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  async function signedIn() {
    const pro = await createProfessional(t, 'leicester', { ...SAM_TAYLOR_SENCO, two_step: 'email' });
    const form = await formAgent(t, LEICESTER);
    await form.post('/sign-in', { email: pro.email, password: pro.password });
    expect((await form.post('/sign-in/code', { code: codeIn((await t.emailTo(pro.email)).text) })).status).toBe(303);
    return { pro, form };
  }
  type Agent = Awaited<ReturnType<typeof signedIn>>['form'];

  const childOf = (pro: Professional, forename: string): Promise<Child> =>
    inTenant(t.db.app, pro.tenantId, () =>
      createChild(
        {
          forename,
          surname: 'Apple',
          dateOfBirth: '2014-08-21',
          gender: 'male',
          school: 'Dovelands Primary School',
          address: { house_number: null, house_name: null, building_name: null, street: 'Pindar Road', district: null, town: 'Leicester', county: null, postcode: 'LE3 9RN', country: null, uprn: null },
        },
        { accountId: pro.account.id },
      ),
    );

  async function start(form: Agent, child: Child): Promise<string> {
    const res = await form.post('/forms/start', { form: REQUEST, child: child.id });
    expect(res.status).toBe(303);
    return /^\/forms\/([0-9a-f-]{36})$/.exec(res.headers.location!)![1]!;
  }

  async function submit(form: Agent, pro: Professional, id: string) {
    const role = await t.db.platform('work_roles').where({ account_id: pro.account.id }).first();
    expect((await form.post(`/forms/${id}/steps/workDetails`, { workRole: role.id })).status).toBe(303);
    for (const [step, body] of Object.entries(GOOD)) expect((await form.post(`/forms/${id}/steps/${step}`, body)).status, step).toBe(303);
    const res = await form.post(`/forms/${id}/submit`, { declaration: 'agree', sharing: 'agree' });
    expect(res.headers.location).toBe(`/forms/${id}/submitted`);
  }

  async function staffAgent() {
    const login = await createStaff(t, 'leicester');
    const agent = request.agent(t.app.callback());
    const ip = `10.${randomBytes(3).join('.')}`;
    const get = (url: string) => agent.get(url).set('Host', LEICESTER).set('X-Forwarded-For', ip);
    const token = (await get('/backoffice/sign-in')).text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const post = (url: string, body: Record<string, string>) => agent.post(url).set('Host', LEICESTER).set('X-Forwarded-For', ip).type('form').send({ ...body, _csrf: token });
    expect((await post('/backoffice/sign-in', { email: login.email, password: login.password })).status).toBe(303);
    expect((await post('/backoffice/sign-in/code', { code: await emailedCode(t, login.email) })).status).toBe(303);
    return { get };
  }

  it('stores each library form once per definition, and a new version when the definition changes', async () => {
    const library = FormLibrary.load().all();
    // The library as the test database was made: nothing new to store.
    expect(await storeLibraryVersions(t.db.platform, library)).toEqual([]);
    const stored = await t.db.platform('form_definitions').where({ form_id: REQUEST }).orderBy('version');
    expect(stored.map((r) => r.version)).toEqual([1]);
    expect(stored[0].hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('keeps a submitted form and a draft on their version after the library changes; new drafts take the new version', async () => {
    const { pro, form } = await signedIn();
    const submitted = await start(form, await childOf(pro, 'August'));
    await submit(form, pro, submitted);
    const draft = await start(form, await childOf(pro, 'Bella'));
    const role = await t.db.platform('work_roles').where({ account_id: pro.account.id }).first();
    expect((await form.post(`/forms/${draft}/steps/workDetails`, { workRole: role.id })).status).toBe(303);

    // The library file changes: a new version is stored (as at start-up or tenants:sync) and the portal reloads.
    const written = await storeLibraryVersions(t.db.platform, FormLibrary.load().all().map((f) => (f.id === REQUEST ? reworded(f) : f)));
    expect(written.map((v) => [v.form_id, v.version])).toEqual([[REQUEST, 2]]);
    await t.services.forms.reload(t.db.app);
    expect(t.services.forms.latest(REQUEST)?.version).toBe(2);

    // The professional's view of the submitted form: the old label.
    const view = await form.get(`/forms/${submitted}/view`);
    expect(view.status).toBe(200);
    expect(view.text).toContain(OLD_LABEL);
    expect(view.text).not.toContain(NEW_LABEL);

    // The back office page and its JSON: the old label, and the version it was answered against.
    const staff = await staffAgent();
    const page = await staff.get(`/backoffice/send/submissions/${submitted}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(OLD_LABEL);
    expect(page.text).not.toContain(NEW_LABEL);
    const json = await staff.get(`/backoffice/send/submissions/${submitted}/versions/1/json`);
    expect(JSON.parse(json.text ?? json.body.toString())).toMatchObject({ formId: REQUEST, formVersion: 1, version: 1 });

    // The draft started before the change carries on with the old definition.
    const oldDraft = await form.get(`/forms/${draft}/steps/academicProgress`);
    expect(oldDraft.status).toBe(200);
    expect(oldDraft.text).toContain(OLD_LABEL);
    expect(oldDraft.text).not.toContain(NEW_LABEL);
    expect((await t.db.platform('form_responses').where({ id: draft }).first()).form_version).toBe(1);

    // A new draft starts on version 2 and shows the new label.
    const fresh = await start(form, await childOf(pro, 'Cara'));
    expect((await t.db.platform('form_responses').where({ id: fresh }).first()).form_version).toBe(2);
    expect((await form.post(`/forms/${fresh}/steps/workDetails`, { workRole: role.id })).status).toBe(303);
    const newPage = await form.get(`/forms/${fresh}/steps/academicProgress`);
    expect(newPage.text).toContain(NEW_LABEL);
    expect(newPage.text).not.toContain(OLD_LABEL);
  });

  it('finds a version another process stored since this one loaded', async () => {
    const { pro, form } = await signedIn();
    // Another replica stores version 3 and starts a draft on it; this process has not reloaded.
    const before = t.services.forms.versions(REQUEST);
    const library = FormLibrary.load().all().map((f) => (f.id === REQUEST ? { ...reworded(f), title: { en: 'Request v3', cy: 'Cais v3' } } : f));
    await storeLibraryVersions(t.db.platform, library);
    expect(t.services.forms.versions(REQUEST)).toEqual(before);
    const child = await childOf(pro, 'Dora');
    const id = await inTenant(t.db.app, pro.tenantId, async () => {
      const { createDraft } = await import('../../src/forms/responses.js');
      return (await createDraft({ accountId: pro.account.id, childId: child.id, formId: REQUEST, formVersion: 3, draftDays: 30 })).id;
    });
    const page = await form.get(`/forms/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Request v3');
  });
});
