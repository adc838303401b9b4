import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/platform/db/unit-of-work.js';
import { createChild, type Child } from '../../src/people/children.js';
import { daysLeft, draftExpiry } from '../../src/forms/days-left.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { codeIn, createProfessional, formAgent, type Professional, SAM_TAYLOR_SENCO } from '../support/accounts.js';
import { GOOD } from '../support/request-form.js';

const LEICESTER = 'leicester.localhost';
const VALE = 'vale.localhost';
const REQUEST = 'professional-request-ehc-assessment';
const ADVICE = 'educational-advice-ehc-assessment';

const decoded = (text: string) => text.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

describe('forms engine: the request form, its steps, submission and edits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  async function signedIn(slug = 'leicester', host = LEICESTER) {
    const pro = await createProfessional(t, slug, { ...SAM_TAYLOR_SENCO, two_step: 'email' });
    const form = await formAgent(t, host);
    const started = await form.post('/sign-in', { email: pro.email, password: pro.password });
    expect(started.headers.location).toBe('/sign-in/code');
    const done = await form.post('/sign-in/code', { code: codeIn((await t.emailTo(pro.email)).text) });
    expect(done.status).toBe(303);
    return { pro, form };
  }

  function childOf(pro: Professional): Promise<Child> {
    return inTenant(t.db.app, pro.tenantId, () =>
      createChild(
        {
          forename: 'August',
          surname: 'Apple',
          dateOfBirth: '2014-08-21',
          gender: 'male',
          school: 'Dovelands Primary School',
          address: { house_number: null, house_name: null, building_name: null, street: 'Pindar Road', district: null, town: 'Leicester', county: null, postcode: 'LE3 9RN', country: null, uprn: null },
        },
        { accountId: pro.account.id },
      ),
    );
  }

  type Agent = Awaited<ReturnType<typeof signedIn>>['form'];

  async function start(form: Agent, child: Child, formId = REQUEST): Promise<string> {
    const res = await form.post('/forms/start', { form: formId, child: child.id });
    expect(res.status).toBe(303);
    const id = /^\/forms\/([0-9a-f-]{36})$/.exec(res.headers.location!)?.[1];
    expect(id).toBeDefined();
    return id!;
  }

  async function chooseRole(form: Agent, pro: Professional, id: string) {
    const role = await t.db.platform('work_roles').where({ account_id: pro.account.id }).first();
    const res = await form.post(`/forms/${id}/steps/workDetails`, { workRole: role.id });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/forms/${id}/steps/academicProgress`);
  }

  async function completeAll(form: Agent, pro: Professional, id: string) {
    await chooseRole(form, pro, id);
    for (const [step, body] of Object.entries(GOOD)) {
      const res = await form.post(`/forms/${id}/steps/${step}`, body as Record<string, string>);
      expect(res.status, `${step}: ${res.text.match(/govuk-error-summary__list[\s\S]*?<\/ul>/)?.[0]}`).toBe(303);
    }
  }

  const response = (id: string) => t.db.platform('form_responses').where({ id }).first();

  it('shows the progress page: child, timeline with the current stage, what happens now, key dates and Start', async () => {
    const { pro, form } = await signedIn();
    const child = await childOf(pro);
    let page = await form.get(`/send/children/${child.id}`);
    expect(page.status).toBe(200);
    const html = decoded(page.text);
    expect(html).toContain('<h1 class="govuk-heading-l">August Apple</h1>');
    expect(html).toContain('Date of birth: 21 August 2014');
    expect(html).toMatch(/<li aria-current="step">\s*<strong>Request<\/strong> <strong class="govuk-tag govuk-tag--green">Current stage<\/strong>/);
    expect(html).toContain('The local authority will decide within 6 weeks');
    expect(html).toContain('Information we collect at this stage');
    expect(html).toContain('Professional Request for Statutory EHC Assessment');
    expect(html).not.toContain('Educational Advice for Statutory EHC Assessment');
    expect(html).not.toContain('Key dates');

    await t.db.platform('send_assessments').insert({ tenant_id: pro.tenantId, child_id: child.id, stage: 'assessment', key_dates: { adviceDue: '2026-11-26', requestReceived: '2026-09-01' } });
    page = await form.get(`/send/children/${child.id}`);
    expect(page.text).toMatch(/<li aria-current="step">\s*<strong>Assessment<\/strong>/);
    expect(page.text).toContain('Key dates');
    expect(page.text).toContain('<dt class="govuk-summary-list__key">Advice due</dt>');
    expect(page.text).toContain('26 November 2026');
    // A key date of another stage is not shown.
    expect(page.text).not.toContain('1 September 2026');
    // Nothing to start at this stage until the council asks for Educational Advice.
    expect(page.text).toContain('There are no forms for you to complete at this stage.');
    expect((await form.post('/forms/start', { form: ADVICE, child: child.id })).status).toBe(404);
  });

  it('starts a draft that expires after the council’s draft days, once per form and child', async () => {
    const { pro, form } = await signedIn();
    const child = await childOf(pro);
    const id = await start(form, child);
    const row = await response(id);
    expect(row.status).toBe('draft');
    // Kept to the end of the 30th UK calendar day, counting the start day (src/forms/days-left.ts).
    expect(new Date(row.draft_expires_at).toISOString()).toBe(draftExpiry(new Date(row.created_at), 30).toISOString());
    expect(daysLeft(new Date(row.draft_expires_at), new Date(row.created_at))).toBe(30);
    expect(row.form_version).toBe(1);
    expect(await start(form, child)).toBe(id);
    const list = await form.get(`/forms/${id}`);
    expect(list.text).toContain('govuk-task-list');
    expect(list.text).toContain('You have completed 0 of 7 steps.');
    const audits = await t.db.platform('audit_log').where({ action: 'form.started', subject_id: id });
    expect(audits).toHaveLength(1);
  });

  it('validates each step, keeps and saves what was typed, and refuses 31/02/2020 and over-long text', async () => {
    const { pro, form } = await signedIn();
    const child = await childOf(pro);
    const id = await start(form, child);

    let res = await form.post(`/forms/${id}/steps/workDetails`, {});
    expect(res.status).toBe(400);
    expect(res.text).toContain('Select the professional role you are completing this form as');
    // Later steps cannot be opened before the earlier ones are done.
    expect((await form.get(`/forms/${id}/steps/senNeeds`)).headers.location).toBe(`/forms/${id}`);
    await chooseRole(form, pro, id);

    res = await form.post(`/forms/${id}/steps/academicProgress`, { setting: 'Dovelands', attainment: 'x'.repeat(30001) });
    expect(res.status).toBe(400);
    const html = decoded(res.text);
    expect(html).toContain('There is a problem');
    expect(html).toContain("The answer to “What is the child or young person's current attainment?” must be 30,000 characters or fewer");
    expect(html).toContain('<a href="#yearGroup">Select the year group</a>');
    expect(html).toContain('value="Dovelands"');
    // Nothing typed is lost: the draft holds it even though the step is not complete.
    let row = await response(id);
    expect(row.answers.academicProgress.attainment).toHaveLength(30001);
    expect(row.completed_steps).not.toContain('academicProgress');
    expect((await form.get(`/forms/${id}/steps/academicProgress`)).text).toContain('x'.repeat(30001));

    res = await form.post(`/forms/${id}/steps/academicProgress`, { ...GOOD.academicProgress, attainment: 'y'.repeat(30000) } as Record<string, string>);
    expect(res.status).toBe(303);
    row = await response(id);
    expect(row.completed_steps).toContain('academicProgress');

    await form.post(`/forms/${id}/steps/senNeeds`, GOOD.senNeeds as Record<string, string>);
    res = await form.post(`/forms/${id}/steps/actionTaken`, { ...GOOD.actionTaken, 'senSupportSince-day': '31', 'senSupportSince-month': '2', 'senSupportSince-year': '2020' } as Record<string, string>);
    expect(res.status).toBe(400);
    expect(decoded(res.text)).toContain('<a href="#senSupportSince-day">“When did the child or young person start to receive SEN support?” must be a real date, for example 27 3 2024</a>');
    expect(res.text).toContain('name="senSupportSince-day" type="text" inputmode="numeric" value="31"');
    row = await response(id);
    expect(row.answers.actionTaken['senSupportSince']).toEqual({ day: '31', month: '2', year: '2020' });

    // A question shown by an answer is required only then.
    res = await form.post(`/forms/${id}/steps/actionTaken`, { ...GOOD.actionTaken, specialistAdvice: 'yes' } as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.text).toContain('Describe who gave advice and how it has been acted on');
  });

  it('adds and removes contacts with Add more and Remove, and autosaves in the background', async () => {
    const { pro, form } = await signedIn();
    const child = await childOf(pro);
    const id = await start(form, child);
    await completeAll(form, pro, id);

    let res = await form.post(`/forms/${id}/steps/discussedWith`, { ...GOOD.discussedWith, action: 'add-contacts' } as Record<string, string>);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/forms/${id}/steps/discussedWith#contacts-1`);
    let page = await form.get(`/forms/${id}/steps/discussedWith`);
    expect(page.text).toContain('Contact 2</legend>');
    expect(page.text).toContain('value="Mary Apple"');

    res = await form.post(`/forms/${id}/steps/discussedWith`, { ...GOOD.discussedWith, 'contacts-items': '2', 'contacts-1-name': 'John Apple', action: 'remove-contacts-0' } as Record<string, string>);
    expect(res.status).toBe(303);
    page = await form.get(`/forms/${id}/steps/discussedWith`);
    expect(page.text).toContain('value="John Apple"');
    expect(page.text).not.toContain('value="Mary Apple"');
    expect(page.text).not.toContain('Contact 2</legend>');

    // Autosave: 204, saved, the step's status unchanged.
    const saved = await form.agent
      .post(`/forms/${id}/steps/over18s/autosave`)
      .set('Host', LEICESTER)
      .set('x-csrf-token', form.token)
      .type('form')
      .send({ isOver18: 'yes', moreTime: 'Typed, then the session ended' });
    expect(saved.status).toBe(204);
    const row = await response(id);
    expect(row.answers.over18s.moreTime).toBe('Typed, then the session ended');
    expect(row.completed_steps).toContain('over18s');
    // Without the token, refused.
    expect((await form.agent.post(`/forms/${id}/steps/over18s/autosave`).set('Host', LEICESTER).type('form').send({ isOver18: 'no' })).status).toBe(403);
  });

  it('requires both declarations, refuses a pending upload, then submits version 1 and edits to version 2 with a reason', async () => {
    const { pro, form } = await signedIn();
    const child = await childOf(pro);
    const id = await start(form, child);
    await completeAll(form, pro, id);

    const summary = await form.get(`/forms/${id}/steps/summary`);
    expect(summary.status).toBe(200);
    const html = decoded(summary.text);
    for (const text of ['Dovelands Primary School', 'Year 5', 'Specific learning difficulty (dyslexia).', '1 September 2023', 'Mary Apple', '2 March 2024', 'SEN Co-ordinator (SENCO)', 'Babington Academy']) expect(html).toContain(text);
    expect(html).toContain(`href="/forms/${id}/steps/senNeeds">Change<span class="govuk-visually-hidden"> SEN needs</span>`);

    let res = await form.post(`/forms/${id}/submit`, {});
    expect(res.status).toBe(400);
    expect(res.text).toContain('Confirm that you are submitting this form with permission');
    expect(res.text).toContain('Agree that the information can be shared');

    const [upload] = await t.db.platform('uploads')
      .insert({ tenant_id: pro.tenantId, response_id: id, question_id: 'documents', account_id: pro.account.id, file_name: 'report.pdf', description: 'medical-report', media_type: 'application/pdf', size: 1000, storage_key: 'nothing-here', sha256: 'x', status: 'pending' })
      .returning('id');
    res = await form.post(`/forms/${id}/submit`, { declaration: 'agree', sharing: 'agree' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('A document is still waiting for its virus scan');
    expect((await response(id)).status).toBe('draft');

    await t.db.platform('uploads').where({ id: upload.id }).update({ status: 'clean' });
    res = await form.post(`/forms/${id}/submit`, { declaration: 'agree', sharing: 'agree' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/forms/${id}/submitted`);
    const done = await form.get(res.headers.location!);
    expect(decoded(done.text)).toContain('Thank you for submitting Professional Request for Statutory EHC Assessment for August Apple. The Local Authority will be in contact with you.');
    expect(done.text).toContain(`href="/send/children/${child.id}"`);

    let row = await response(id);
    expect(row).toMatchObject({ status: 'submitted', version: 1 });
    const v1 = await t.db.platform('form_versions').where({ response_id: id, version: 1 }).first();
    expect(v1.answers.discussedWith.contacts[0].name).toBe('Mary Apple');
    expect(v1.answers._workRole.organisation).toBe('Babington Academy');
    expect(v1.documents).toEqual([expect.objectContaining({ id: upload.id, fileName: 'report.pdf' })]);
    expect(v1.edit_reason).toBeNull();
    const message = await t.db.platform('messages').where({ account_id: pro.account.id }).first();
    expect(message.subject).toBe('Form submitted: Professional Request for Statutory EHC Assessment for August Apple');

    const progress = await form.get(`/send/children/${child.id}`);
    const today = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/London' }).format(new Date());
    expect(progress.text).toContain(`Submitted by you on ${today}`);

    // A submitted form is read-only until an edit is started with a reason.
    expect((await form.get(`/forms/${id}/steps/academicProgress`)).headers.location).toBe(`/forms/${id}/view`);
    const view = await form.get(`/forms/${id}/view`);
    expect(view.status).toBe(200);
    expect(view.text).toContain('Mary Apple');
    expect(view.text).toContain(`/uploads/${upload.id}/download`);
    res = await form.post(`/forms/${id}/edit`, { reason: '   ' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Enter why you are editing this form');
    res = await form.post(`/forms/${id}/edit`, { reason: 'The parents gave a new phone number' });
    expect(res.headers.location).toBe(`/forms/${id}`);
    res = await form.post(`/forms/${id}/steps/discussedWith`, { ...GOOD.discussedWith, 'contacts-0-contactDetails': '0116 111 1111' } as Record<string, string>);
    expect(res.status).toBe(303);
    res = await form.post(`/forms/${id}/submit`, { declaration: 'agree', sharing: 'agree' });
    expect(res.headers.location).toBe(`/forms/${id}/submitted`);

    row = await response(id);
    expect(row).toMatchObject({ status: 'submitted', version: 2 });
    expect(row.answers._edit).toBeUndefined();
    const versions = await t.db.platform('form_versions').where({ response_id: id }).orderBy('version');
    expect(versions.map((v) => [v.version, v.edit_reason, v.submitted_by])).toEqual([
      [1, null, pro.account.id],
      [2, 'The parents gave a new phone number', pro.account.id],
    ]);
    expect(versions[1].answers.discussedWith.contacts[0].contactDetails).toBe('0116 111 1111');
    const actions = (await t.db.platform('audit_log').where({ subject_id: id }).orderBy('id')).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['form.started', 'form.submitted', 'form.viewed', 'form.edit-started', 'form.resubmitted']));
  });

  it('lets a professional start a form the council asked for, shown in its own section', async () => {
    const { pro, form } = await signedIn();
    const child = await childOf(pro);
    await t.db.platform('form_requests').insert({ tenant_id: pro.tenantId, form_id: ADVICE, child_id: child.id, account_id: pro.account.id, requested_by_staff: pro.account.id, due_date: '2026-12-01' });
    const page = await form.get(`/send/children/${child.id}`);
    expect(page.text).toContain('Information the local authority has asked you for');
    expect(page.text).toContain('Educational Advice for Statutory EHC Assessment');
    expect(page.text).toContain('Due by 1 December 2026');
    const id = await start(form, child, ADVICE);
    expect((await response(id)).request_id).toBeTruthy();
    expect((await form.get(`/forms/${id}/steps/workDetails`)).status).toBe(200);
  });

  it('answers 404 for another professional’s response, another council’s host and unknown ids on every route', async () => {
    const owner = await signedIn();
    const child = await childOf(owner.pro);
    const id = await start(owner.form, child);
    await completeAll(owner.form, owner.pro, id);
    const other = await signedIn();
    const vale = await signedIn('vale-of-glamorgan', VALE);
    const routes: [string, string][] = [
      ['get', `/forms/${id}`],
      ['get', `/forms/${id}/steps/workDetails`],
      ['get', `/forms/${id}/steps/summary`],
      ['post', `/forms/${id}/steps/academicProgress`],
      ['post', `/forms/${id}/steps/academicProgress/autosave`],
      ['post', `/forms/${id}/submit`],
      ['get', `/forms/${id}/submitted`],
      ['get', `/forms/${id}/edit`],
      ['post', `/forms/${id}/edit`],
      ['get', `/forms/${id}/view`],
      ['get', `/send/children/${child.id}`],
    ];
    for (const who of [other, vale]) {
      for (const [method, url] of routes) {
        const res = method === 'get' ? await who.form.get(url) : await who.form.post(url, { reason: 'x', declaration: 'agree', sharing: 'agree' });
        expect(res.status, `${method} ${url}`).toBe(404);
      }
      expect((await who.form.post('/forms/start', { form: REQUEST, child: child.id })).status).toBe(404);
    }
    for (const url of ['/forms/00000000-0000-4000-8000-000000000000', '/forms/not-an-id/steps/workDetails', `/forms/${id}/steps/no-such-step`]) {
      expect((await owner.form.get(url)).status, url).toBe(404);
    }
    // Nothing changed by those attempts.
    expect((await response(id)).status).toBe('draft');
  });

  it('works in Welsh on the Vale of Glamorgan', async () => {
    const { pro, form } = await signedIn('vale-of-glamorgan', VALE);
    const child = await childOf(pro);
    expect((await form.get(`/send/children/${child.id}?lang=cy`)).status).toBe(303);
    const page = await form.get(`/send/children/${child.id}`);
    expect(page.status).toBe(200);
    expect(decoded(page.text)).toContain('Cynnydd yr Asesiad Statudol');
    expect(decoded(page.text)).toContain('Cais Proffesiynol am Asesiad EHC Statudol');
    const id = await start(form, child);
    const res = await form.post(`/forms/${id}/steps/workDetails`, {});
    expect(res.status).toBe(400);
    expect(decoded(res.text)).toContain("Dewiswch y rôl broffesiynol rydych chi'n llenwi'r ffurflen hon ynddi");
  });
});
