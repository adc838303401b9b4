import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, linkChild, type Child } from '../../src/people/children.js';
import { db, inTenant } from '../../src/platform/db/unit-of-work.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createProfessional, type Professional, SAM_TAYLOR_SENCO } from '../support/accounts.js';
import { createStaff, emailedCode } from '../support/staff.js';
import { binary, pdfText } from '../support/pdf.js';

const LEICESTER = { slug: 'leicester', host: 'leicester.localhost' };
const STOKE = { slug: 'stoke-on-trent', host: 'stoke.localhost' };
const VALE = { slug: 'vale-of-glamorgan', host: 'vale.localhost' };
const DUDLEY = { slug: 'dudley', host: 'dudley.localhost' };
const ADVICE = 'educational-advice-ehc-assessment';

const decode = (html: string) =>
  html
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, '=')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
/** The page's text as a person reads it: no tags, single spaces. */
const visible = (html: string) =>
  decode(html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();

describe('the SEND back office', () => {
  let t: TestApp;
  let server: ReturnType<TestApp['app']['callback']>;

  beforeAll(async () => {
    t = await buildTestApp({ TRUST_PROXY: 'true' });
    server = t.app.callback();
  });
  afterAll(() => t?.close());

  const tenantId = (slug: string) => t.registry.forSlug(slug)!.id;

  /** One person's browser on a council's host: cookies kept, forms sent with their CSRF token. */
  function visitor(host: string) {
    const agent = request.agent(server);
    const ip = `10.${randomBytes(3).join('.')}`;
    let token = '';
    const get = (url: string) => agent.get(url).set('Host', host).set('X-Forwarded-For', ip);
    return {
      get,
      async post(url: string, form: Record<string, string | string[]> = {}) {
        if (!token) token = (await get('/backoffice/sign-in')).text.match(/name="_csrf" value="([^"]+)"/)![1]!;
        return agent.post(url).set('Host', host).set('X-Forwarded-For', ip).type('form').send({ ...form, _csrf: token });
      },
      async signIn(email: string, password: string) {
        expect((await this.post('/backoffice/sign-in', { email, password })).status).toBe(303);
        expect((await this.post('/backoffice/sign-in/code', { code: await emailedCode(t, email) })).status).toBe(303);
      },
    };
  }

  async function signedInStaff(council: { slug: string; host: string }) {
    const login = await createStaff(t, council.slug, { forename: 'Casey', surname: `Officer${randomBytes(2).toString('hex')}` });
    const staff = visitor(council.host);
    await staff.signIn(login.email, login.password);
    const account = await t.db.platform('accounts').where({ tenant_id: tenantId(council.slug), email: login.email }).first();
    return { ...staff, login, id: account.id as string };
  }

  function childIn(slug: string, details: Partial<{ forename: string; surname: string; dateOfBirth: string; school: string }> = {}, by?: Professional): Promise<Child> {
    return inTenant(t.db.app, tenantId(slug), () =>
      createChild(
        {
          forename: details.forename ?? 'August',
          surname: details.surname ?? `Apple${randomBytes(2).toString('hex')}`,
          dateOfBirth: details.dateOfBirth ?? '2014-08-21',
          gender: 'male',
          school: details.school ?? 'Dovelands Primary School',
          address: { house_number: null, house_name: null, building_name: 'New Parks House', street: 'Pindar Road', district: null, town: 'Leicester', county: null, postcode: 'LE3 9RN', country: null, uprn: null },
        },
        by ? { accountId: by.account.id } : { staffId: randomBytes(16).toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5') },
      ),
    );
  }

  /** A form submitted (and perhaps edited) by a professional, written as the forms engine freezes it. */
  async function submittedForm(slug: string, child: Child, pro: Professional, versions: { answers: Record<string, unknown>; reason?: string }[], uploads: { name: string; status: 'clean' | 'pending' | 'infected' }[] = []) {
    return inTenant(t.db.app, tenantId(slug), async () => {
      const trx = await db();
      const [response] = await trx('form_responses')
        .insert({ form_id: ADVICE, child_id: child.id, account_id: pro.account.id, status: 'submitted', version: versions.length, submitted_at: new Date(), answers: JSON.stringify(versions.at(-1)!.answers) })
        .returning('id');
      const documents = [];
      for (const upload of uploads) {
        const [row] = await trx('uploads')
          .insert({ response_id: response.id, question_id: 'documents', account_id: pro.account.id, file_name: upload.name, description: 'school report', media_type: 'application/pdf', size: 2048, storage_key: `test/${randomBytes(8).toString('hex')}`, sha256: 'x', status: upload.status })
          .returning('id');
        documents.push({ id: row.id, questionId: 'documents', fileName: upload.name, description: 'school report', mediaType: 'application/pdf', size: 2048 });
      }
      let number = 0;
      for (const version of versions) {
        number += 1;
        await trx('form_versions').insert({
          response_id: response.id,
          version: number,
          answers: JSON.stringify({ ...version.answers, _workRole: { role: 'SEN Co-ordinator (SENCO)', organisation: 'Babington Academy', address: '', workPhone: null, mobile: null } }),
          documents: JSON.stringify(documents),
          submitted_by: pro.account.id,
          submitted_at: new Date(Date.now() - (versions.length - number) * 60_000),
          edit_reason: version.reason ?? null,
        });
      }
      return response.id as string;
    });
  }

  const adviceAnswers = (story: string) => ({
    workDetails: {},
    story: { story, childViews: 'August likes maths.' },
    needs: { strengths: 'Kind and curious.', attainment: 'Working towards the expected standard.', areasOfNeed: ['cognition-learning'], cognitionNeeds: 'Dyslexia.' },
    longerTermOutcomes: { longerTermOutcomes: 'To read for pleasure.' },
    shorterTermOutcomes: { shorterTermOutcomes: 'To read 20 new words a term.' },
    provision: { provision: 'Daily phonics in a small group.' },
    documentation: {},
  });

  describe('who can reach it', () => {
    it('sends anyone who is not the council’s staff to the staff sign-in, for every page and every form', async () => {
      const child = await childIn(LEICESTER.slug);
      const paths = ['/backoffice/send/children', '/backoffice/send/children/new', `/backoffice/send/children/${child.id}`, `/backoffice/send/children/${child.id}/stage`, `/backoffice/send/children/${child.id}/advice`, `/backoffice/send/children/${child.id}/professionals`, '/backoffice/send/submissions'];
      const stranger = visitor(LEICESTER.host);
      for (const url of paths) {
        const res = await stranger.get(url);
        expect(res.status, url).toBe(302);
        expect(res.headers.location, url).toBe('/backoffice/sign-in');
      }
      for (const url of ['/backoffice/send/children/new', `/backoffice/send/children/${child.id}/stage`, `/backoffice/send/children/${child.id}/advice`, `/backoffice/send/children/${child.id}/professionals`]) {
        const res = await stranger.post(url, { stage: 'assessment' });
        expect(res.headers.location, url).toBe('/backoffice/sign-in');
      }
      const rows = await t.db.platform('send_assessments').where({ child_id: child.id });
      expect(rows).toEqual([]);
    });

    it('sends a signed-in professional to the staff sign-in too', async () => {
      const pro = await createProfessional(t, LEICESTER.slug, SAM_TAYLOR_SENCO);
      const agent = request.agent(server);
      const page = await agent.get('/sign-in').set('Host', LEICESTER.host);
      const token = page.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
      const signedIn = await agent.post('/sign-in').set('Host', LEICESTER.host).type('form').send({ _csrf: token, email: pro.email, password: pro.password });
      expect(signedIn.status).toBe(303);
      const res = await agent.get('/backoffice/send/children').set('Host', LEICESTER.host);
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe('/backoffice/sign-in');
    });

    it('answers 404 to another council’s staff for every id of this council, and ignores their session on this council’s host', async () => {
      const pro = await createProfessional(t, LEICESTER.slug, SAM_TAYLOR_SENCO);
      const child = await childIn(LEICESTER.slug, {}, pro);
      const responseId = await submittedForm(LEICESTER.slug, child, pro, [{ answers: adviceAnswers('Leicester only') }]);
      const stoke = await signedInStaff(STOKE);

      const gets = [
        `/backoffice/send/children/${child.id}`,
        `/backoffice/send/children/${child.id}/stage`,
        `/backoffice/send/children/${child.id}/advice`,
        `/backoffice/send/children/${child.id}/professionals`,
        `/backoffice/send/submissions/${responseId}`,
        `/backoffice/send/submissions/${responseId}/versions/1`,
        `/backoffice/send/submissions/${responseId}/versions/1/pdf`,
        `/backoffice/send/submissions/${responseId}/versions/1/json`,
      ];
      for (const url of gets) expect((await stoke.get(url)).status, url).toBe(404);
      const posts: [string, Record<string, string>][] = [
        [`/backoffice/send/children/${child.id}/stage`, { stage: 'plan' }],
        [`/backoffice/send/children/${child.id}/advice`, { professional: pro.account.id, form: ADVICE }],
        [`/backoffice/send/children/${child.id}/professionals`, { accountId: pro.account.id }],
        [`/backoffice/send/children/${child.id}/professionals/${pro.account.id}/unlink`, {}],
      ];
      for (const [url, form] of posts) expect((await stoke.post(url, form)).status, url).toBe(404);
      // Their own council's child pages still work, and nothing of Leicester's changed.
      expect((await stoke.get('/backoffice/send/children')).status).toBe(200);
      expect(await t.db.platform('send_assessments').where({ child_id: child.id })).toEqual([]);
      expect(await t.db.platform('form_requests').where({ child_id: child.id })).toEqual([]);

      // The Stoke session means nothing on Leicester's host.
      const onLeicester = await stoke.get(`/backoffice/send/children/${child.id}`).set('Host', LEICESTER.host);
      expect(onLeicester.status).toBe(302);
      expect(onLeicester.headers.location).toBe('/backoffice/sign-in');
    });

    it('answers 404 for ids that are unknown, malformed, a draft, or a version that does not exist', async () => {
      const staff = await signedInStaff(LEICESTER);
      const pro = await createProfessional(t, LEICESTER.slug, SAM_TAYLOR_SENCO);
      const child = await childIn(LEICESTER.slug, {}, pro);
      const responseId = await submittedForm(LEICESTER.slug, child, pro, [{ answers: adviceAnswers('One version') }]);
      const draftId = await inTenant(t.db.app, tenantId(LEICESTER.slug), async () => {
        const [row] = await (await db())('form_responses').insert({ form_id: ADVICE, child_id: child.id, account_id: pro.account.id }).returning('id');
        return row.id as string;
      });
      for (const url of [
        '/backoffice/send/children/00000000-0000-4000-8000-000000000000',
        '/backoffice/send/children/not-an-id',
        '/backoffice/send/children/not-an-id/stage',
        `/backoffice/send/submissions/${draftId}`,
        '/backoffice/send/submissions/not-an-id',
        `/backoffice/send/submissions/${responseId}/versions/2`,
        `/backoffice/send/submissions/${responseId}/versions/x/pdf`,
      ]) {
        expect((await staff.get(url)).status, url).toBe(404);
      }
      expect((await staff.post(`/backoffice/send/children/${child.id}/professionals`, { accountId: 'nobody' })).status).toBe(404);
      // The professional added this child: there is no council link to take away.
      expect((await staff.post(`/backoffice/send/children/${child.id}/professionals/${pro.account.id}/unlink`)).status).toBe(404);
    });

    it('is not there for a council that does not run SEND', async () => {
      const staff = await signedInStaff(DUDLEY);
      expect((await staff.get('/backoffice/send/children')).status).toBe(404);
      expect((await staff.get('/backoffice/send/submissions')).status).toBe(404);
      expect(visible((await staff.get('/backoffice')).text)).not.toContain('Children and young people');
    });
  });

  describe('children and young people', () => {
    it('lists the home page entries, searches every child of the council by name, date of birth and school, 50 to a page', async () => {
      const staff = await signedInStaff(STOKE);
      const home = visible((await staff.get('/backoffice')).text);
      expect(home).toContain('Children and young people');
      expect(home).toContain('Submitted forms');

      const pro = await createProfessional(t, STOKE.slug, SAM_TAYLOR_SENCO);
      await childIn(STOKE.slug, { forename: 'Zebedee', surname: 'Quartz', dateOfBirth: '2012-01-05', school: 'Hanley Park Academy' }, pro);
      await inTenant(t.db.app, tenantId(STOKE.slug), async () => {
        const trx = await db();
        await trx('children').insert(
          Array.from({ length: 55 }, (_, i) => ({ forename: `Child${String(i).padStart(2, '0')}`, surname: 'Pager', date_of_birth: '2015-06-01', created_by_staff: staff.id })),
        );
      });

      const byName = visible((await staff.get('/backoffice/send/children?filter=quartz')).text);
      expect(byName).toContain('1 record found');
      expect(byName).toContain('Quartz, Zebedee 05/01/2012');
      expect(visible((await staff.get('/backoffice/send/children?filter=5/1/2012')).text)).toContain('Quartz, Zebedee');
      expect(visible((await staff.get('/backoffice/send/children?filter=hanley%20park')).text)).toContain('Quartz, Zebedee');
      expect(visible((await staff.get('/backoffice/send/children?filter=nobody-like-this')).text)).toContain('No records match your search');

      const first = (await staff.get('/backoffice/send/children?filter=pager')).text;
      expect(visible(first)).toContain('55 records found');
      expect(first.match(/<th scope="row"/g)).toHaveLength(50);
      expect(first).not.toContain('rel="prev"');
      const next = first.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=').match(/href="(\/backoffice\/send\/children\?filter=pager&after=[^"]+)" rel="next"/)?.[1];
      expect(next).toBeDefined();
      const second = (await staff.get(next!)).text;
      expect(second).not.toContain('rel="next"');
      expect(second).toContain('rel="prev"');
      expect(second.match(/<th scope="row"/g)).toHaveLength(5);
      expect(visible(second)).toContain('Pager, Child54');
      const audited = await t.db.platform('audit_log').where({ tenant_id: tenantId(STOKE.slug), actor_id: staff.id, action: 'backoffice.children.searched' });
      expect(audited.length).toBeGreaterThanOrEqual(5);
    });

    it('creates a child with the same checks as the professional’s Add child, keeping what was typed', async () => {
      const staff = await signedInStaff(LEICESTER);
      const bad = await staff.post('/backoffice/send/children/new', {
        action: 'save',
        forename: 'Bethan',
        surname: '',
        'dateOfBirth-day': '31',
        'dateOfBirth-month': '2',
        'dateOfBirth-year': '2020',
        addressMode: 'manual',
        street: 'Pindar Road',
        town: 'Leicester',
        postcode: 'LE3 9RN',
      });
      expect(bad.status).toBe(400);
      const text = visible(bad.text);
      expect(text).toContain('There is a problem');
      expect(bad.text).toContain('<title>Error:');
      expect(bad.text).toContain('value="Bethan"');
      expect(bad.text).toContain('value="31"');
      expect(bad.text).toContain('href="#surname"');
      expect(bad.text).toContain('href="#dateOfBirth"');
      expect(await t.db.platform('children').where({ tenant_id: tenantId(LEICESTER.slug), forename: 'Bethan' })).toEqual([]);

      const form = { action: 'save', forename: 'Bethan', surname: 'Morgan', 'dateOfBirth-day': '3', 'dateOfBirth-month': '4', 'dateOfBirth-year': '2016', gender: 'female', addressMode: 'manual', street: 'Pindar Road', town: 'Leicester', postcode: 'LE3 9RN', school: 'Dovelands Primary School' };
      const created = await staff.post('/backoffice/send/children/new', form);
      expect(created.status).toBe(303);
      const row = await t.db.platform('children').where({ tenant_id: tenantId(LEICESTER.slug), forename: 'Bethan', surname: 'Morgan' }).first();
      expect(row).toMatchObject({ created_by_staff: staff.id, created_by_account: null, school: 'Dovelands Primary School', postcode: 'LE3 9RN' });
      expect(created.headers.location).toBe(`/backoffice/send/children/${row.id}`);
      const page = visible((await staff.get(created.headers.location!)).text);
      expect(page).toContain('The record for Bethan Morgan has been created.');
      expect(page).toContain('03/04/2016');
      expect(page).toContain('Record created by The council');
      expect(page).toContain('No professionals are linked to this child or young person yet.');

      // The same name and date of birth again: a warning first, then a second record only when asked.
      const again = await staff.post('/backoffice/send/children/new', form);
      expect(again.status).toBe(200);
      expect(visible(again.text)).toContain('A child or young person with this name and date of birth already exists');
      expect(await t.db.platform('children').where({ tenant_id: tenantId(LEICESTER.slug), forename: 'Bethan', surname: 'Morgan' })).toHaveLength(1);
      const anyway = await staff.post('/backoffice/send/children/new', { ...form, action: 'create-anyway' });
      expect(anyway.status).toBe(303);
      expect(await t.db.platform('children').where({ tenant_id: tenantId(LEICESTER.slug), forename: 'Bethan', surname: 'Morgan' })).toHaveLength(2);
    });
  });

  describe('a child’s professionals', () => {
    it('finds an active professional by email or name, links them for the council, and unlinks again', async () => {
      const staff = await signedInStaff(LEICESTER);
      const child = await childIn(LEICESTER.slug);
      const pro = await createProfessional(t, LEICESTER.slug, { ...SAM_TAYLOR_SENCO, forename: 'Priya', surname: 'Shah' });
      const waiting = await createProfessional(t, LEICESTER.slug, { ...SAM_TAYLOR_SENCO, forename: 'Priya', surname: 'Waiting', status: 'awaiting_verification' });

      const byName = visible((await staff.get(`/backoffice/send/children/${child.id}/professionals?q=priya`)).text);
      expect(byName).toContain('1 professional found');
      expect(byName).toContain('Priya Shah');
      expect(byName).toContain('SEN Co-ordinator (SENCO), Babington Academy');
      expect(byName).not.toContain(waiting.email);
      expect(visible((await staff.get(`/backoffice/send/children/${child.id}/professionals?q=${encodeURIComponent(pro.email.toUpperCase())}`)).text)).toContain('Priya Shah');

      const linked = await staff.post(`/backoffice/send/children/${child.id}/professionals`, { accountId: pro.account.id });
      expect(linked.status).toBe(303);
      const link = await t.db.platform('child_links').where({ child_id: child.id, account_id: pro.account.id }).first();
      expect(link).toMatchObject({ source: 'council', linked_by_staff: staff.id });
      const page = visible((await staff.get(`/backoffice/send/children/${child.id}`)).text);
      expect(page).toContain(`Priya Shah is now linked to ${child.forename} ${child.surname}`);
      expect(page).toContain(`Priya Shah ${pro.email} SEN Co-ordinator (SENCO), Babington Academy Linked by the council`);
      expect(visible((await staff.get(`/backoffice/send/children/${child.id}/professionals?q=priya`)).text)).toContain('Already linked');
      // Only active professionals can be linked.
      expect((await staff.post(`/backoffice/send/children/${child.id}/professionals`, { accountId: waiting.account.id })).status).toBe(404);

      const unlinked = await staff.post(`/backoffice/send/children/${child.id}/professionals/${pro.account.id}/unlink`);
      expect(unlinked.status).toBe(303);
      expect(await t.db.platform('child_links').where({ child_id: child.id, account_id: pro.account.id })).toEqual([]);
      expect(visible((await staff.get(`/backoffice/send/children/${child.id}`)).text)).toContain(`Priya Shah is no longer linked to ${child.forename} ${child.surname}.`);
      const actions = (await t.db.platform('audit_log').where({ tenant_id: tenantId(LEICESTER.slug), subject_id: child.id }).select('action')).map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['backoffice.child.viewed', 'backoffice.child.professional-linked', 'backoffice.child.professional-unlinked']));
    });

    it('keeps the professional’s own link when the council’s link to a child they added is taken away', async () => {
      const staff = await signedInStaff(LEICESTER);
      const pro = await createProfessional(t, LEICESTER.slug, SAM_TAYLOR_SENCO);
      const child = await childIn(LEICESTER.slug, {}, pro);
      expect(visible((await staff.get(`/backoffice/send/children/${child.id}`)).text)).toContain('Added by the professional');
      await staff.post(`/backoffice/send/children/${child.id}/professionals`, { accountId: pro.account.id });
      expect((await t.db.platform('child_links').where({ child_id: child.id, account_id: pro.account.id }).first()).source).toBe('council');
      expect((await staff.post(`/backoffice/send/children/${child.id}/professionals/${pro.account.id}/unlink`)).status).toBe(303);
      expect((await t.db.platform('child_links').where({ child_id: child.id, account_id: pro.account.id }).first()).source).toBe('added');
    });
  });

  describe('stage and key dates', () => {
    it('refuses dates that are not real (31/02/2020) and stores nothing; then saves the stage and the dates', async () => {
      const staff = await signedInStaff(LEICESTER);
      const child = await childIn(LEICESTER.slug);
      const form = await staff.get(`/backoffice/send/children/${child.id}/stage`);
      expect(form.status).toBe(200);
      expect(visible(form.text)).toContain('What stage is the child or young person at?');
      expect(visible(form.text)).toContain('Date request received');

      const bad = await staff.post(`/backoffice/send/children/${child.id}/stage`, {
        stage: 'assessment',
        'requestReceived-day': '31',
        'requestReceived-month': '2',
        'requestReceived-year': '2020',
        'adviceDue-day': '4',
        'adviceDue-month': '',
        'adviceDue-year': '2026',
      });
      expect(bad.status).toBe(400);
      expect(visible(bad.text)).toContain('Date request received must be a real date');
      expect(visible(bad.text)).toContain('Advice due must include a day, month and year');
      expect(bad.text).toContain('href="#requestReceived"');
      expect(bad.text).toMatch(/id="stage-assessment"[^>]*checked/);
      expect(bad.text).toMatch(/id="requestReceived"[^>]*value="31"/);
      expect(await t.db.platform('send_assessments').where({ child_id: child.id })).toEqual([]);

      const missing = await staff.post(`/backoffice/send/children/${child.id}/stage`, {});
      expect(missing.status).toBe(400);
      expect(visible(missing.text)).toContain('Select the stage the child or young person is at');

      const good = await staff.post(`/backoffice/send/children/${child.id}/stage`, {
        stage: 'assessment',
        'requestReceived-day': '2',
        'requestReceived-month': '3',
        'requestReceived-year': '2026',
        'adviceDue-day': '29',
        'adviceDue-month': '2',
        'adviceDue-year': '2028',
      });
      expect(good.status).toBe(303);
      const row = await t.db.platform('send_assessments').where({ child_id: child.id }).first();
      expect(row).toMatchObject({ stage: 'assessment', key_dates: { requestReceived: '2026-03-02', adviceDue: '2028-02-29' }, updated_by_staff: staff.id });
      const page = visible((await staff.get(`/backoffice/send/children/${child.id}`)).text);
      expect(page).toContain(`${child.forename} ${child.surname} is now at the Assessment stage.`);
      expect(page).toContain('Current stage Assessment');
      expect(page).toContain('Advice due 29 February 2028 (Assessment)');

      // Emptying a date removes it; the others stay.
      await staff.post(`/backoffice/send/children/${child.id}/stage`, { stage: 'plan', 'adviceDue-day': '29', 'adviceDue-month': '2', 'adviceDue-year': '2028' });
      expect((await t.db.platform('send_assessments').where({ child_id: child.id }).first()).key_dates).toEqual({ adviceDue: '2028-02-29' });
    });
  });

  describe('advice requests', () => {
    it('asks a professional who is not linked yet (by email): links them, sends the message naming the child and the email saying only "sign in"', async () => {
      const staff = await signedInStaff(LEICESTER);
      const child = await childIn(LEICESTER.slug, { forename: 'Olwen', surname: 'Pryce', dateOfBirth: '2013-11-09' });
      const pro = await createProfessional(t, LEICESTER.slug, { ...SAM_TAYLOR_SENCO, forename: 'Dafydd', surname: 'Evans' });

      const page = await staff.get(`/backoffice/send/children/${child.id}/advice`);
      expect(page.status).toBe(200);
      expect(visible(page.text)).toContain('Educational Advice for Statutory EHC Assessment');
      expect(visible(page.text)).not.toContain('Professional Request for Statutory EHC Assessment');

      const none = await staff.post(`/backoffice/send/children/${child.id}/advice`, { note: 'Keep this note' });
      expect(none.status).toBe(400);
      expect(visible(none.text)).toContain('Select the professional to ask for advice');
      expect(visible(none.text)).toContain('Select the information you need');
      expect(none.text).toContain('Keep this note');

      const unknown = await staff.post(`/backoffice/send/children/${child.id}/advice`, { professional: 'another', email: 'nobody@school.example.org', form: ADVICE });
      expect(unknown.status).toBe(400);
      expect(visible(unknown.text)).toContain('There is no active professional with this email address.');
      const past = await staff.post(`/backoffice/send/children/${child.id}/advice`, { professional: 'another', email: pro.email, form: ADVICE, 'dueDate-day': '1', 'dueDate-month': '1', 'dueDate-year': '2020' });
      expect(visible(past.text)).toContain('The date the advice is due must be today or in the future');
      const notReal = await staff.post(`/backoffice/send/children/${child.id}/advice`, { professional: 'another', email: pro.email, form: ADVICE, 'dueDate-day': '31', 'dueDate-month': '2', 'dueDate-year': '2030' });
      expect(visible(notReal.text)).toContain('Date the advice is due (optional) must be a real date');
      // Someone not linked cannot be chosen by id: only the linked are offered.
      const byId = await staff.post(`/backoffice/send/children/${child.id}/advice`, { professional: pro.account.id, form: ADVICE });
      expect(byId.status).toBe(400);
      expect(await t.db.platform('form_requests').where({ child_id: child.id })).toEqual([]);
      expect(await t.db.platform('messages').where({ account_id: pro.account.id })).toEqual([]);

      const sent = await staff.post(`/backoffice/send/children/${child.id}/advice`, {
        professional: 'another',
        email: pro.email.toUpperCase(),
        form: ADVICE,
        'dueDate-day': '15',
        'dueDate-month': '6',
        'dueDate-year': '2030',
        note: 'Please include the latest reading assessment.',
      });
      expect(sent.status).toBe(303);
      expect(sent.headers.location).toBe(`/backoffice/send/children/${child.id}`);

      const link = await t.db.platform('child_links').where({ child_id: child.id, account_id: pro.account.id }).first();
      expect(link).toMatchObject({ source: 'council', linked_by_staff: staff.id });
      const requestRow = await t.db.platform('form_requests').where({ child_id: child.id }).first();
      expect(requestRow).toMatchObject({ form_id: ADVICE, account_id: pro.account.id, requested_by_staff: staff.id, note: 'Please include the latest reading assessment.' });
      const message = await t.db.platform('messages').where({ account_id: pro.account.id }).first();
      expect(requestRow.message_id).toBe(message.id);
      expect(message).toMatchObject({ subject: 'You are required to submit information', child_id: child.id, link_path: `/send/children/${child.id}`, link_text: 'Complete Educational Advice for Statutory EHC Assessment' });
      expect(message.body).toContain('complete Educational Advice for Statutory EHC Assessment for Olwen Pryce, date of birth 09/11/2013.');
      expect(message.body).toContain('Please submit it by 15 June 2030.');
      expect(message.body).toContain('Please include the latest reading assessment.');

      const email = await t.emailTo(pro.email);
      expect(email.subject).toContain('You have a new message');
      expect(email.text).not.toContain('Olwen');
      expect(email.text).not.toContain('Pryce');
      expect(email.html).not.toContain('Pryce');

      const childPage = visible((await staff.get(`/backoffice/send/children/${child.id}`)).text);
      expect(childPage).toContain('Dafydd Evans has been asked for Educational Advice for Statutory EHC Assessment.');
      expect(childPage).toContain('Educational Advice for Statutory EHC Assessment Dafydd Evans');
      expect(childPage).toContain('15 June 2030 Waiting');
      const audited = await t.db.platform('audit_log').where({ tenant_id: tenantId(LEICESTER.slug), action: 'backoffice.advice-requested', subject_id: child.id }).first();
      expect(audited.details).toMatchObject({ formId: ADVICE, accountId: pro.account.id });
    });

    it('writes the message in the professional’s own language', async () => {
      const staff = await signedInStaff(VALE);
      const child = await childIn(VALE.slug, { forename: 'Gwenllian', surname: 'Rhys' });
      const pro = await createProfessional(t, VALE.slug, { ...SAM_TAYLOR_SENCO, preferred_language: 'cy' });
      await inTenant(t.db.app, tenantId(VALE.slug), () => linkChild(child.id, pro.account.id, 'council'));
      await staff.get(`/backoffice/send/children/${child.id}/advice?lang=cy`);
      const page = await staff.get(`/backoffice/send/children/${child.id}/advice`);
      expect(visible(page.text)).toContain('Gofyn i weithiwr proffesiynol am gyngor');
      expect((await staff.post(`/backoffice/send/children/${child.id}/advice`, { professional: pro.account.id, form: ADVICE })).status).toBe(303);
      const message = await t.db.platform('messages').where({ account_id: pro.account.id }).first();
      expect(message.subject).toBe("Mae'n ofynnol i chi gyflwyno gwybodaeth");
      expect(message.body).toContain('Cyngor Addysgol ar gyfer Asesiad EHC Statudol ar gyfer Gwenllian Rhys');
    });
  });

  describe('submitted forms', () => {
    it('shows the latest answers with their questions, the documents staff may see, every version, and the council-wide list', async () => {
      const staff = await signedInStaff(LEICESTER);
      const pro = await createProfessional(t, LEICESTER.slug, { ...SAM_TAYLOR_SENCO, forename: 'Nia', surname: 'Jones' });
      const child = await childIn(LEICESTER.slug, { forename: 'Harri', surname: 'Bowen' }, pro);
      const responseId = await submittedForm(
        LEICESTER.slug,
        child,
        pro,
        [{ answers: adviceAnswers('First story.') }, { answers: adviceAnswers('Second story, after talking to the parents.'), reason: 'The parents added to the story' }],
        [
          { name: 'reading-report.pdf', status: 'clean' },
          { name: 'waiting-report.pdf', status: 'pending' },
          { name: 'virus.pdf', status: 'infected' },
        ],
      );

      const list = visible((await staff.get('/backoffice/send/submissions')).text);
      expect(list).toContain('Educational Advice for Statutory EHC Assessment – Bowen, Harri Bowen, Harri Nia Jones');
      const page = await staff.get(`/backoffice/send/submissions/${responseId}`);
      expect(page.status).toBe(200);
      const text = visible(page.text);
      expect(text).toContain("CYP's story (Education) Second story, after talking to the parents.");
      expect(text).toContain('Which areas of need does your advice cover? Cognition and learning');
      expect(text).toContain('Version 2 of 2');
      expect(text).toContain('Reason for the change The parents added to the story');
      expect(text).toContain('SEN Co-ordinator (SENCO), Babington Academy');
      const clean = await t.db.platform('uploads').where({ response_id: responseId, file_name: 'reading-report.pdf' }).first();
      expect(page.text).toContain(`href="/uploads/${clean.id}/download"`);
      expect(text).toContain('waiting-report.pdf');
      expect(text).toContain('Waiting for virus scan');
      expect(text).not.toContain('virus.pdf');
      expect(text).toContain('View version 1');
      expect(text).toContain('First submission');

      const first = visible((await staff.get(`/backoffice/send/submissions/${responseId}/versions/1`)).text);
      expect(first).toContain('You are looking at version 1 of 2.');
      expect(first).toContain("CYP's story (Education) First story.");

      const childPage = visible((await staff.get(`/backoffice/send/children/${child.id}`)).text);
      expect(childPage).toContain('Educational Advice for Statutory EHC Assessment – Nia Jones Nia Jones');

      const json = await staff.get(`/backoffice/send/submissions/${responseId}/versions/2/json`);
      expect(json.status).toBe(200);
      expect(json.headers['content-type']).toContain('application/json');
      expect(json.headers['content-disposition']).toMatch(/^attachment; filename="educational-advice-ehc-assessment-bowen-harri-v2\.json"$/);
      const data = JSON.parse(json.text);
      expect(data).toMatchObject({ formId: ADVICE, version: 2, editReason: 'The parents added to the story', submittedBy: { id: pro.account.id, name: 'Nia Jones' } });
      expect(data.answers.story.story).toBe('Second story, after talking to the parents.');
      expect(data.documents.map((d: { fileName: string }) => d.fileName)).toContain('reading-report.pdf');

      const pdf = await staff.get(`/backoffice/send/submissions/${responseId}/versions/2/pdf`).buffer(true).parse(binary);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toBe('attachment; filename="educational-advice-ehc-assessment-bowen-harri-v2.pdf"');
      const bytes = pdf.body as Buffer;
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pdfWords = await pdfText(bytes);
      if (pdfWords !== undefined) {
        const flat = pdfWords.replace(/\s+/g, ' ');
        expect(flat).toContain('Educational Advice for Statutory EHC Assessment');
        expect(flat).toContain('Harri Bowen, date of birth 21/08/2014');
        expect(flat).toContain('Second story, after talking to the parents.');
        expect(flat).toContain('reading-report.pdf');
        expect(flat).not.toContain('virus.pdf');
      } else {
        expect(bytes.length).toBeGreaterThan(2000);
      }

      const audits = await t.db.platform('audit_log').where({ tenant_id: tenantId(LEICESTER.slug), subject_id: responseId, actor_id: staff.id });
      expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['backoffice.submission.viewed', 'backoffice.submission.downloaded']));
      expect(audits.filter((a) => a.action === 'backoffice.submission.downloaded').map((a) => a.details.format).sort()).toEqual(['json', 'pdf']);
    });

    it('renders the PDF in Welsh, with ŵ and ŷ, when the staff member reads the back office in Welsh', async () => {
      const staff = await signedInStaff(VALE);
      const pro = await createProfessional(t, VALE.slug, { ...SAM_TAYLOR_SENCO, forename: 'Siôn', surname: 'Llŷr' });
      const child = await childIn(VALE.slug, { forename: 'Gwŷn', surname: 'Dŵr' }, pro);
      const responseId = await submittedForm(VALE.slug, child, pro, [{ answers: adviceAnswers('Mae Gwŷn yn hoffi chwarae yn y dŵr ac yn y tŷ.') }]);

      // The language choice is kept in a cookie (the ?lang= link redirects to the same page).
      await staff.get(`/backoffice/send/submissions/${responseId}?lang=cy`);
      const page = await staff.get(`/backoffice/send/submissions/${responseId}`);
      expect(page.status).toBe(200);
      expect(visible(page.text)).toContain('Lawrlwytho fel PDF');
      const pdf = await staff.get(`/backoffice/send/submissions/${responseId}/versions/1/pdf`).buffer(true).parse(binary);
      expect(pdf.status).toBe(200);
      const bytes = pdf.body as Buffer;
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // The Welsh title travels in the document information too.
      expect(bytes.includes(Buffer.from('/Title'))).toBe(true);
      const words = await pdfText(bytes);
      if (words !== undefined) {
        const flat = words.replace(/\s+/g, ' ');
        expect(flat).toContain('Cyngor Addysgol ar gyfer Asesiad EHC Statudol');
        expect(flat).toContain('Plentyn neu berson ifanc');
        expect(flat).toContain('Gwŷn Dŵr, dyddiad geni 21/08/2014');
        expect(flat).toContain('Mae Gwŷn yn hoffi chwarae yn y dŵr ac yn y tŷ.');
        expect(flat).toContain('Siôn Llŷr');
      }
    });
  });
});
