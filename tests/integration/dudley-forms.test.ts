import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant, db } from '../../src/platform/db/unit-of-work.js';
import { createChild } from '../../src/people/children.js';
import { createStaffAccount } from '../../src/accounts/staff/staff-accounts.js';
import { createStaff, emailedCode } from '../support/staff.js';
import request from 'supertest';
import { randomBytes } from 'node:crypto';
import { binary, pdfText } from '../support/pdf.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { codeIn, createProfessional, formAgent, type Professional, SAM_TAYLOR_SENCO } from '../support/accounts.js';

const DUDLEY = 'dudley.localhost';
const MARF = 'multi-agency-referral';

const decode = (html: string) => html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
const visible = (html: string) =>
  decode(html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
const errorsOf = (html: string) => visible(html.match(/govuk-error-summary__list[\s\S]*?<\/ul>/)?.[0] ?? '');

describe('Dudley: forms about a family, from the Social Care tile to Submitted Forms', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  async function signedIn(slug = 'dudley', host = DUDLEY) {
    const pro = await createProfessional(t, slug, { ...SAM_TAYLOR_SENCO, two_step: 'email' });
    const form = await formAgent(t, host);
    await form.post('/sign-in', { email: pro.email, password: pro.password });
    expect((await form.post('/sign-in/code', { code: codeIn((await t.emailTo(pro.email)).text) })).status).toBe(303);
    return { pro, form };
  }
  type Agent = Awaited<ReturnType<typeof signedIn>>['form'];

  async function startReferral(form: Agent): Promise<string> {
    const res = await form.post('/forms/start', { form: MARF });
    expect(res.status).toBe(303);
    return /^\/forms\/([0-9a-f-]{36})$/.exec(res.headers.location!)![1]!;
  }

  async function save(form: Agent, id: string, step: string, body: Record<string, string | string[]>, next?: string) {
    const res = await form.post(`/forms/${id}/steps/${step}`, body);
    expect(res.status, `${step}: ${errorsOf(res.text)}`).toBe(303);
    if (next) expect(res.headers.location).toBe(`/forms/${id}/steps/${next}`);
    return res;
  }

  /** The ids of the people on the people step, in order, as the page lists them. */
  async function peopleIds(form: Agent, id: string): Promise<string[]> {
    const page = await form.get(`/forms/${id}/steps/people`);
    return [...page.text.matchAll(/name="people" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
  }

  const person = (pid: string, p: Record<string, string>) => Object.fromEntries(Object.entries(p).map(([k, v]) => [`person-${pid}-${k}`, v]));

  /** A referral up to the people step: referrer and consent, then a child and an adult. */
  async function withFamily(form: Agent, pro: Professional): Promise<{ id: string; child: string; adult: string }> {
    const id = await startReferral(form);
    const role = await t.db.platform('work_roles').where({ account_id: pro.account.id }).first();
    await save(form, id, 'workDetails', { workRole: role.id }, 'consent');
    await save(form, id, 'consent', { familyTold: 'yes', consentGiven: 'yes' }, 'people');
    const [child] = await peopleIds(form, id);
    const added = await form.post(`/forms/${id}/steps/people`, { people: [child!], action: 'add-adult' });
    expect(added.status).toBe(303);
    const [, adult] = await peopleIds(form, id);
    expect(added.headers.location).toBe(`/forms/${id}/steps/people#person-${adult}`);
    await save(
      form,
      id,
      'people',
      {
        people: [child!, adult!],
        ...person(child!, { forename: 'Amy', surname: 'Smith', 'dateOfBirth-day': '3', 'dateOfBirth-month': '4', 'dateOfBirth-year': '2016', gender: 'female', 'address-mode': 'manual', 'address-building': '1', 'address-street': 'High Street', 'address-town': 'Dudley', 'address-postcode': 'DY1 1HF' }),
        ...person(adult!, { forename: 'Jo', surname: 'Smith', 'dateOfBirth-day': '9', 'dateOfBirth-month': '10', 'dateOfBirth-year': '1988', gender: 'female', relationship: 'mother', sameAddress: 'yes' }),
      },
      'aboutFamily',
    );
    return { id, child: child!, adult: adult! };
  }

  /** The steps after the people step, Jo with her own first language. */
  async function answerTheRest(form: Agent, id: string, adult: string) {
    await save(form, id, 'aboutFamily', { 'firstLanguage-separate': adult, firstLanguage: 'english', [`firstLanguage-${adult}`]: 'polish', interpreterNeeded: 'no', disability: 'no' }, 'reason');
    await save(form, id, 'reason', { reason: 'Amy has told her teacher she is often left alone.', concerns: ['neglect'] }, 'immediateRisk');
    await save(form, id, 'immediateRisk', { immediateRisk: 'no' }, 'household');
    await save(form, id, 'household', { housing: 'social-housing', workerSafety: 'no' }, 'professionals');
    await save(form, id, 'professionals', { 'professionals-items': '0' }, 'views');
    await save(form, id, 'views', { childVoice: 'Amy says she is hungry at school.', parentsViews: 'Jo says she works nights.', strengths: 'Jo loves Amy.', familyWants: 'Help with childcare.' }, 'documents');
    await save(form, id, 'documents', {}, 'summary');
  }

  it('lists the referral on the Social Care tile and starts it without Select Person, about no child yet', async () => {
    const { form } = await signedIn();
    const area = await form.get('/social-care');
    expect(area.status).toBe(200);
    expect(visible(area.text)).toContain('Multi Agency Referral Form');
    expect(area.text).toContain(`name="form" value="${MARF}"`);
    const early = await form.get('/early-help');
    expect(visible(early.text)).toContain('External Early Help Assessment');
    const id = await startReferral(form);
    const row = await t.db.platform('form_responses').where({ id }).first();
    expect(row.child_id).toBeNull();
    expect(row.form_version).toBe(1);
    expect((await form.get(`/forms/${id}`)).status).toBe(200);
  });

  it('keeps the people in the subjects table, answers per person, and submits', async () => {
    const { pro, form } = await signedIn();
    const { id, child, adult } = await withFamily(form, pro);
    const subjects = await t.db.platform('form_subjects').where({ response_id: id }).orderBy('position');
    expect(subjects.map((s) => [s.person_id, s.kind, s.forename, s.surname, s.date_of_birth])).toEqual([
      [child, 'child', 'Amy', 'Smith', '2016-04-03'],
      [adult, 'adult', 'Jo', 'Smith', '1988-10-09'],
    ]);

    // "Answer for:" on a per-person question: separating Jo is a server round trip that says so.
    let page = await form.get(`/forms/${id}/steps/aboutFamily`);
    expect(visible(page.text)).toContain('Answer for:');
    const separated = await form.post(`/forms/${id}/steps/aboutFamily`, { firstLanguage: 'english', action: `separate-firstLanguage-${adult}` });
    expect(separated.status).toBe(303);
    expect(separated.headers.location).toMatch(new RegExp(`^/forms/${id}/steps/aboutFamily\\?answerFor=`));
    page = await form.get(separated.headers.location!);
    expect(page.text).toMatch(/role="status" aria-live="polite">[^<]*Jo Smith/);
    expect(page.text).toContain(`name="firstLanguage-separate" value="${adult}"`);
    await answerTheRest(form, id, adult);

    const summary = visible((await form.get(`/forms/${id}/steps/summary`)).text);
    expect(summary).toContain('Everyone else: English');
    expect(summary).toContain('Jo Smith: Polish');
    // Create PDF before submitting: every person, the separate answer, marked not submitted.
    const draftPdf = await form.agent.get(`/forms/${id}/pdf`).set('Host', DUDLEY).buffer(true).parse(binary);
    expect(draftPdf.status).toBe(200);
    expect(draftPdf.headers['content-type']).toBe('application/pdf');
    expect(draftPdf.headers['cache-control']).toContain('no-store');
    const draftText = await pdfText(draftPdf.body as Buffer);
    if (draftText !== undefined) {
      const flat = draftText.replace(/\s+/g, ' ');
      for (const words of ['Amy Smith', 'Jo Smith', 'Everyone else: English', 'Jo Smith: Polish', 'Draft – not submitted', 'Dudley']) expect(flat).toContain(words);
    }
    const submitted = await form.post(`/forms/${id}/submit`, { accurate: 'agree', sharing: 'agree' });
    expect(submitted.status, errorsOf(submitted.text)).toBe(303);
    expect(submitted.headers.location).toBe(`/forms/${id}/submitted`);
    expect(visible((await form.get(`/forms/${id}/submitted`)).text)).toContain('Amy Smith');

    // Submitted Forms: the referral, linked to its view.
    const list = await form.get('/forms/submitted');
    expect(list.status).toBe(200);
    expect(list.headers['cache-control']).toContain('no-store');
    expect(list.text).toContain(`href="/forms/${id}/view"`);
    expect(visible(list.text)).toContain('Multi Agency Referral Form');
    const view = visible((await form.get(`/forms/${id}/view`)).text);
    expect(view).toContain('Jo Smith: Polish');
    expect(list.text).toContain(`href="/forms/${id}/pdf"`);
    const finalPdf = await form.agent.get(`/forms/${id}/pdf`).set('Host', DUDLEY).buffer(true).parse(binary);
    expect(finalPdf.status).toBe(200);
    const finalText = await pdfText(finalPdf.body as Buffer);
    if (finalText !== undefined) {
      const flat = finalText.replace(/\s+/g, ' ');
      expect(flat).toContain('Jo Smith: Polish');
      expect(flat).toContain('Submitted');
      expect(flat).not.toContain('not submitted');
    }
  });

  it('the menu under the name: Update Account, Recover a form, Submitted Forms and Sign out on every page; the form links only for an account that may use the forms', async () => {
    const menuOf = (html: string) => html.match(/<details class="portal-account-menu">[\s\S]*?<\/details>/)?.[0] ?? '';
    const linksOf = (html: string) => [...menuOf(html).matchAll(/<a class="portal-account-menu__link" href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => `${decode(m[2]!)} ${m[1]}`);
    const { form } = await signedIn();
    for (const path of ['/', '/social-care', '/forms/saved', '/my-account', '/messages']) {
      const page = await form.get(path);
      expect(page.status, path).toBe(200);
      expect(linksOf(page.text), path).toEqual(['Update Account /my-account', 'Recover a form /forms/saved', 'Submitted Forms /forms/submitted']);
      expect(visible(menuOf(page.text)), path).toMatch(/^Account menu for Sam Taylor .*Sign out$/);
      expect(menuOf(page.text), path).toContain('action="/sign-out"');
    }
    // Welsh texts where the council is bilingual.
    const { form: welsh } = await signedIn('vale-of-glamorgan', 'vale.localhost');
    await welsh.get('/?lang=cy');
    expect(linksOf((await welsh.get('/my-account')).text)).toEqual(['Diweddaru Cyfrif /my-account', 'Adfer ffurflen /forms/saved', 'Ffurflenni a Gyflwynwyd /forms/submitted']);
    // An account still awaiting verification cannot use the forms: Update Account only.
    const waiting = await createProfessional(t, 'dudley', { ...SAM_TAYLOR_SENCO, status: 'awaiting_verification', two_step: 'email' });
    const pending = await formAgent(t, DUDLEY);
    await pending.post('/sign-in', { email: waiting.email, password: waiting.password });
    await pending.post('/sign-in/code', { code: codeIn((await t.emailTo(waiting.email)).text) });
    expect(linksOf((await pending.get('/my-account')).text)).toEqual(['Update Account /my-account']);
  });

  it('only lists forms submitted within the council’s submittedListDays', async () => {
    const { pro, form } = await signedIn();
    const recent = await startReferral(form);
    const old = await startReferral(form);
    await inTenant(t.db.app, pro.tenantId, async () => {
      const trx = await db();
      await trx('form_responses').where({ id: recent }).update({ status: 'submitted', version: 1, submitted_at: new Date(Date.now() - 29 * 86_400_000) });
      await trx('form_responses').where({ id: old }).update({ status: 'submitted', version: 1, submitted_at: new Date(Date.now() - 31 * 86_400_000) });
    });
    const list = await form.get('/forms/submitted');
    expect(list.text).toContain(`/forms/${recent}/view`);
    expect(list.text).not.toContain(`/forms/${old}/view`);
    expect(visible(list.text)).toContain('in the last 30 days');
  });

  it('saves for later without checking, emails a link to Recover a form, and lists the draft with its Days Left', async () => {
    const { pro, form } = await signedIn();
    const id = await startReferral(form);
    const role = await t.db.platform('work_roles').where({ account_id: pro.account.id }).first();
    await save(form, id, 'workDetails', { workRole: role.id }, 'consent');
    // Half a step: saved as typed, no errors, the step stays unfinished.
    const saved = await form.post(`/forms/${id}/steps/consent`, { familyTold: 'yes', action: 'save-for-later' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/forms/${id}/saved`);
    const row = await t.db.platform('form_responses').where({ id }).first();
    expect(row.answers.consent.familyTold).toMatchObject({ answer: 'yes' });
    expect(row.completed_steps).not.toContain('consent');
    const page = visible((await form.get(`/forms/${id}/saved`)).text);
    expect(page).toContain('Your form has been saved');
    expect(page).toMatch(/until the end of \d{1,2} \w+ \d{4}/);

    const email = await t.emailTo(pro.email);
    expect(email.subject).toContain('Multi Agency Referral Form');
    expect(email.text).toContain(`http://${DUDLEY}:${t.config.PORT}/forms/saved?form=${id}`);
    expect(email.text).not.toContain('familyTold');

    // The link needs a sign-in, then lands on Recover a form with the form highlighted.
    const stranger = await formAgent(t, DUDLEY);
    const link = await stranger.get(`/forms/saved?form=${id}`);
    expect(link.status).toBe(302);
    expect(link.headers.location).toBe('/sign-in');

    const recover = await form.get(`/forms/saved?form=${id}`);
    expect(recover.status).toBe(200);
    expect(recover.headers['cache-control']).toContain('no-store');
    const text = visible(recover.text);
    expect(text).toContain('Recover a Social Care Form');
    expect(text).toContain('Recover an Early Help Form');
    expect(recover.text).toMatch(new RegExp(`id="form-${id}"[\\s\\S]*?href="/forms/${id}/continue"[\\s\\S]*?From your email[\\s\\S]*?>30</td>`));
    // Also reachable from My Account.
    const account = await form.get('/my-account');
    expect(account.text).toContain('href="/forms/saved"');
    expect(account.text).toContain('href="/forms/submitted"');
    // Continue: the first unfinished step.
    const next = await form.get(`/forms/${id}/continue`);
    expect(next.headers.location).toBe(`/forms/${id}/steps/consent`);
  });

  it('shows Days Left from the start date: 1 on the last day, sorted by days left; expired drafts are not listed', async () => {
    const { pro, form } = await signedIn();
    const [lastDay, fresh, gone] = [await startReferral(form), await startReferral(form), await startReferral(form)];
    await inTenant(t.db.app, pro.tenantId, async () => {
      const trx = await db();
      // Expires at the next UK midnight: today is its last day.
      const { ukMidnight, ukDay } = await import('../../src/forms/days-left.js');
      await trx('form_responses').where({ id: lastDay }).update({ draft_expires_at: ukMidnight(ukDay(new Date()) + 1) });
      await trx('form_responses').where({ id: gone }).update({ draft_expires_at: new Date(Date.now() - 1000) });
    });
    const page = await form.get('/forms/saved');
    const rows = [...page.text.matchAll(/id="form-([0-9a-f-]{36})"[\s\S]*?<td class="govuk-table__cell govuk-table__cell--numeric">(\d+)<\/td>/g)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual([
      [lastDay, '1'],
      [fresh, '30'],
    ]);
    expect(page.text).not.toContain(gone);
  });

  it('refuses tampered per-person and people buttons without storing anything, and a SEND council has no Social Care', async () => {
    const { pro, form } = await signedIn();
    const { id } = await withFamily(form, pro);
    const before = (await t.db.platform('form_responses').where({ id }).first()).answers;
    const stranger = '00000000-0000-4000-8000-000000000000';
    for (const action of [`separate-firstLanguage-${stranger}`, `include-ethnicity-${stranger}`, `separate-nosuch-${stranger}`]) {
      const res = await form.post(`/forms/${id}/steps/aboutFamily`, { action });
      expect(res.status, action).toBe(400);
    }
    expect((await form.post(`/forms/${id}/steps/people`, { action: `remove-person-${stranger}` })).status).toBe(400);
    expect((await t.db.platform('form_responses').where({ id }).first()).answers).toEqual(before);
    const leicester = await signedIn('leicester', 'leicester.localhost');
    expect((await leicester.form.get('/social-care')).status).toBe(404);
    expect((await leicester.form.post('/forms/start', { form: MARF })).status).toBe(404);
  });

  it('records the linked child of a SEND form as its subject, and keeps subjects to their council (RLS, composite keys)', async () => {
    const { pro, form } = await signedIn('leicester', 'leicester.localhost');
    const child = await inTenant(t.db.app, pro.tenantId, () =>
      createChild(
        { forename: 'August', surname: 'Apple', dateOfBirth: '2014-08-21', gender: 'male', school: null, address: { house_number: null, house_name: null, building_name: null, street: 'Pindar Road', district: null, town: 'Leicester', county: null, postcode: 'LE3 9RN', country: null, uprn: null } },
        { accountId: pro.account.id },
      ),
    );
    const started = await form.post('/forms/start', { form: 'professional-request-ehc-assessment', child: child.id });
    const id = started.headers.location!.split('/')[2]!;
    const rows = await t.db.platform('form_subjects').where({ response_id: id });
    expect(rows.map((r) => [r.kind, r.child_id, r.forename, r.surname, r.date_of_birth])).toEqual([['child', child.id, 'August', 'Apple', '2014-08-21']]);
    // The page still names the child as before.
    expect(visible((await form.get(`/forms/${id}`)).text)).toContain('Back to August Apple');

    const dudley = t.registry.forSlug('dudley')!.id;
    // Another council's unit of work sees none of them, and cannot attach a subject to this council's response.
    expect(await inTenant(t.db.app, dudley, async () => (await db())('form_subjects').where({ response_id: id }))).toEqual([]);
    await expect(
      inTenant(t.db.app, dudley, async () => (await db())('form_subjects').insert({ response_id: id, person_id: child.id, position: 1, kind: 'child' })),
    ).rejects.toThrow(/foreign key|row-level security/);
    expect(await inTenant(t.db.app, pro.tenantId, async () => (await db())('form_subjects').where({ response_id: id }))).toHaveLength(1);
  });

  /** A staff member's browser on a council's host, signed in to the back office. */
  async function staffAgent(host: string, login: { email: string; password: string }) {
    const agent = request.agent(t.app.callback());
    const ip = `10.${randomBytes(3).join('.')}`;
    const get = (url: string) => agent.get(url).set('Host', host).set('X-Forwarded-For', ip);
    const token = (await get('/backoffice/sign-in')).text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const post = (url: string, body: Record<string, string> = {}) => agent.post(url).set('Host', host).set('X-Forwarded-For', ip).type('form').send({ ...body, _csrf: token });
    expect((await post('/backoffice/sign-in', { email: login.email, password: login.password })).status).toBe(303);
    expect((await post('/backoffice/sign-in/code', { code: await emailedCode(t, login.email) })).status).toBe(303);
    return { get, post };
  }

  it("puts a submitted referral in the council's Social Care intake queue: assign, read per person, message the referrer, close with an outcome", async () => {
    const { pro, form } = await signedIn();
    const { id, adult } = await withFamily(form, pro);
    await answerTheRest(form, id, adult);
    expect((await form.post(`/forms/${id}/submit`, { accurate: 'agree', sharing: 'agree' })).status).toBe(303);
    const row = await t.db.platform('form_intake').where({ response_id: id }).first();
    expect(row).toMatchObject({ service: 'socialCare', status: 'new', assigned_to: null });
    // The team mailbox is told, without personal data.
    const notice = await t.emailTo('childrensportal@dudley.gov.uk');
    expect(notice.subject).toContain('Multi Agency Referral Form');
    expect(notice.text).toContain('/backoffice/social-care');
    for (const personal of ['Amy', 'Smith', pro.email]) expect(notice.text).not.toContain(personal);

    const login = await createStaff(t, 'dudley');
    const staff = await staffAgent(DUDLEY, login);
    expect(visible((await staff.get('/backoffice')).text)).toContain('Social Care referrals');
    const queue = await staff.get('/backoffice/social-care');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(`href="/backoffice/intake/${id}"`);
    expect(visible(queue.text)).toContain('Multi Agency Referral Form: Amy Smith');
    const page = visible((await staff.get(`/backoffice/intake/${id}`)).text);
    expect(page).toContain('Jo Smith: Polish');
    expect(page).toContain('Everyone else: English');

    expect((await staff.post(`/backoffice/intake/${id}/assign`)).status).toBe(303);
    const staffId = (await t.db.platform('accounts').where({ email: login.email }).first()).id;
    expect(await t.db.platform('form_intake').where({ response_id: id }).first()).toMatchObject({ status: 'inProgress', assigned_to: staffId });

    const empty = await staff.post(`/backoffice/intake/${id}/message`, { message: '  ' });
    expect(empty.status).toBe(400);
    expect(visible(empty.text)).toContain('Enter your message');
    const sent = await staff.post(`/backoffice/intake/${id}/message`, { message: 'Please tell us the name of Amy’s school.' });
    expect(sent.status).toBe(303);
    const messages = await t.db.platform('messages').where({ account_id: pro.account.id }).orderBy('created_at');
    expect(messages.at(-1)).toMatchObject({ body: 'Please tell us the name of Amy’s school.', link_path: `/forms/${id}/view` });
    const told = await t.emailTo(pro.email);
    expect(told.text).not.toContain('school');
    expect(visible((await form.get('/messages')).text)).toContain('A message about your Multi Agency Referral Form');

    const wrong = await staff.post(`/backoffice/intake/${id}/close`, { outcome: 'bogus' });
    expect(wrong.status).toBe(400);
    expect(visible(wrong.text)).toContain('Select the outcome');
    expect((await staff.post(`/backoffice/intake/${id}/close`, { outcome: 'moreInformation' })).status).toBe(303);
    expect(await t.db.platform('form_intake').where({ response_id: id }).first()).toMatchObject({ status: 'closed', outcome: 'moreInformation' });
    expect(visible((await staff.get('/backoffice/social-care?status=closed')).text)).toContain('More information requested');

    const pdf = await staff.get(`/backoffice/intake/${id}/pdf`).buffer(true).parse(binary);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.body as Buffer);
    if (text !== undefined) expect(text.replace(/\s+/g, ' ')).toContain('Jo Smith: Polish');
    const json = JSON.parse((await staff.get(`/backoffice/intake/${id}/json`)).text);
    expect(json).toMatchObject({ formId: MARF, formVersion: 1, intake: { status: 'closed', outcome: 'moreInformation' } });
    expect(json.people.map((p: { name: string }) => p.name)).toEqual(['Amy Smith', 'Jo Smith']);

    // Staff without the Social Care role, and another council's staff: nothing to see.
    const sendOnly = await createStaffAccount(t.db.platform, { tenant: 'dudley', email: `send.${randomBytes(3).toString('hex')}@council.example`, forename: 'Sam', surname: 'Send', roles: ['send-officer'] });
    const other = await staffAgent(DUDLEY, sendOnly);
    expect((await other.get(`/backoffice/intake/${id}`)).status).toBe(404);
    expect((await other.get('/backoffice/social-care')).status).toBe(403);
    const leicester = await staffAgent('leicester.localhost', await createStaff(t, 'leicester'));
    for (const url of [`/backoffice/intake/${id}`, `/backoffice/intake/${id}/pdf`, `/backoffice/intake/${id}/json`]) expect((await leicester.get(url)).status, url).toBe(404);
    expect((await leicester.post(`/backoffice/intake/${id}/close`, { outcome: 'noFurtherAction' })).status).toBe(404);
    expect((await leicester.get('/backoffice/social-care')).status).toBe(404);
  });

  it('gives each form a link to share: through sign-in to its Start page; an emailed link to a deleted form says why it is gone', async () => {
    const pro = await createProfessional(t, 'dudley', { ...SAM_TAYLOR_SENCO, two_step: 'email' });
    const form = await formAgent(t, DUDLEY);
    const shared = await form.get(`/forms/new/${MARF}`);
    expect(shared.status).toBe(302);
    expect(shared.headers.location).toBe('/sign-in');
    await form.post('/sign-in', { email: pro.email, password: pro.password });
    const done = await form.post('/sign-in/code', { code: codeIn((await t.emailTo(pro.email)).text) });
    expect(done.headers.location).toBe(`/forms/new/${MARF}`);
    const page = await form.get(`/forms/new/${MARF}`);
    expect(page.status).toBe(200);
    expect(visible(page.text)).toContain('Multi Agency Referral Form');
    expect(page.text).toContain(`name="form" value="${MARF}"`);
    expect((await form.get('/forms/new/no-such-form')).status).toBe(404);
    const leicester = await signedIn('leicester', 'leicester.localhost');
    expect((await leicester.form.get(`/forms/new/${MARF}`)).status).toBe(404);
    expect((await leicester.form.get('/forms/new/professional-request-ehc-assessment')).status).toBe(404);

    const gone = visible((await form.get('/forms/saved?form=00000000-0000-4000-8000-000000000000')).text);
    expect(gone).toContain('is no longer saved here');
    expect(gone).toContain('within 30 days');
    const id = await startReferral(form);
    expect(visible((await form.get(`/forms/saved?form=${id}`)).text)).not.toContain('is no longer saved here');
  });

  it('starts the External Early Help Assessment from the Early Help tile and takes the family the same way', async () => {
    const { pro, form } = await signedIn();
    const area = await form.get('/early-help');
    expect(area.text).toContain('name="form" value="early-help-assessment"');
    const started = await form.post('/forms/start', { form: 'early-help-assessment' });
    expect(started.status).toBe(303);
    const id = started.headers.location!.split('/')[2]!;
    expect(visible((await form.get(`/forms/${id}`)).text)).toContain('External Early Help Assessment');
    const role = await t.db.platform('work_roles').where({ account_id: pro.account.id }).first();
    await save(form, id, 'workDetails', { workRole: role.id }, 'consent');
    await save(form, id, 'consent', { familyTold: 'yes', consentGiven: 'yes' }, 'people');
    const [child] = await peopleIds(form, id);
    await save(form, id, 'people', { people: [child!], ...person(child!, { forename: 'Ben', surname: 'Jones', 'dateOfBirth-day': '1', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2019', gender: 'male', 'address-mode': 'manual', 'address-building': '2', 'address-street': 'Castle Hill', 'address-town': 'Dudley', 'address-postcode': 'DY1 4QF' }) }, 'aboutFamily');
    expect((await t.db.platform('form_subjects').where({ response_id: id })).map((r) => r.forename)).toEqual(['Ben']);
    // Save for later lists it under Early Help.
    expect((await form.post(`/forms/${id}/steps/aboutFamily`, { action: 'save-for-later' })).headers.location).toBe(`/forms/${id}/saved`);
    const recover = await form.get('/forms/saved');
    expect(recover.text).toMatch(new RegExp(`id="earlyHelp"[\\s\\S]*id="form-${id}"`));
  });
});
