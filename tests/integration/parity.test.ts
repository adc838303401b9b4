import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleAddressesIfEmpty } from '../../src/accounts/addresses/sample.js';
import { inTenant } from '../../src/platform/db/unit-of-work.js';
import { createChild, type NewChild } from '../../src/people/children.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createProfessional, signInAs, type Agent } from '../support/accounts.js';
import { createDraftResponse } from '../support/uploads.js';
import { createStaff, createWaitingRegistration, emailedCode } from '../support/staff.js';

/** The old portals' features still missing or different (issue 12, parity), each as its council had it. */

const decode = (s: string) => s.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
const text = (html: string) => decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const headerNav = (html: string) => [...(html.match(/<header[\s\S]*?<\/header>/)?.[0] ?? '').matchAll(/<a class="portal-header__link" href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => `${m[2]} ${m[1]}`);
const footerLinks = (html: string) => [...(html.match(/<footer[\s\S]*?<\/footer>/)?.[0] ?? '').matchAll(/<a class="govuk-footer__link" href="([^"]+)">([^<]+)<\/a>/g)].map((m) => `${decode(m[2]!)} ${m[1]}`);
const errorSummary = (html: string) => [...html.matchAll(/<li><a href="(#[^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => decode(m[2]!));

const child = (forename: string, surname: string): NewChild => ({
  forename,
  surname,
  dateOfBirth: '2013-05-02',
  gender: 'male',
  school: 'Rye Hills Academy',
  address: { house_number: '3', house_name: null, building_name: null, street: 'Coatham Road', district: null, town: 'Redcar', county: null, postcode: 'TS10 1AA', country: null, uprn: null },
});

describe('parity with the old portals', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await loadSampleAddressesIfEmpty(t.db.platform);
  });
  afterAll(() => t.close());

  const visitor = (host: string) => {
    const agent = request.agent(t.app.callback());
    return {
      agent,
      get: (url: string) => agent.get(url).set('Host', host),
      async post(url: string, body: Record<string, string>, formPage = url) {
        const page = await agent.get(formPage).set('Host', host);
        const token = page.text.match(/name="_csrf" value="([^"]+)"/)?.[1];
        if (!token) throw new Error(`No form on ${formPage} (${page.status})`);
        return agent.post(url).set('Host', host).type('form').send({ _csrf: token, ...body });
      },
    };
  };

  it("Vale: Home, Sign in and Register in the header when signed out, in both languages; the Forms & Templates footer link works", async () => {
    const v = visitor('vale.localhost');
    const home = await v.get('/');
    expect(headerNav(home.text)).toEqual(['Home /', 'Sign in /sign-in', 'Register /register']);
    expect(home.text).toMatch(/<a class="portal-header__link" href="\/" aria-current="page">Home<\/a>/);
    expect(footerLinks(home.text)).toContain('Forms & Templates /help/forms-and-templates');
    const forms = await v.get('/help/forms-and-templates');
    expect(forms.status).toBe(200);
    expect(text(forms.text)).toContain('Professional Request for Statutory EHC Assessment Any professional working with the child or young person can start it');
    expect(text(forms.text)).toContain('Educational Advice');

    await v.get('/?lang=cy');
    const welsh = await v.get('/sign-in');
    expect(headerNav(welsh.text)).toEqual(['Hafan /', 'Mewngofnodi /sign-in', 'Cofrestru /register']);
    expect(footerLinks(welsh.text)).toContain('Ffurflenni a Thempledi /help/forms-and-templates');
    expect(text((await v.get('/help/forms-and-templates')).text)).toContain('Cais Proffesiynol am Asesiad EHC Statudol');

    // Other councils have no such header links, and a signed-in professional sees their own menu.
    expect(headerNav((await visitor('leicester.localhost').get('/')).text)).toEqual([]);
    const pro = await createProfessional(t, 'vale-of-glamorgan');
    const agent = request.agent(t.app.callback());
    await signInAs(t, agent, pro.email, pro.password, { host: 'vale.localhost' });
    expect(headerNav((await agent.get('/').set('Host', 'vale.localhost')).text)).toEqual(['Home /', 'My Account /my-account']);
  });

  it('Stoke: after registering, the instruction to email the support team to join the maintenance list', async () => {
    const email = `senco.${Date.now()}@school.example.org`;
    const password = 'Hanley-Road-42-Stoke';
    const v = visitor('stoke.localhost');
    expect((await v.post('/register', { email, emailConfirm: email, password, passwordConfirm: password, action: 'next' })).status).toBe(303);
    expect((await v.post('/register/about-you', { title: 'Mr', forename: 'Tom', surname: 'Cope', gender: 'male', action: 'next' })).status).toBe(303);
    const done = await v.post('/register/work-details', { role: 'SEN Co-ordinator (SENCO)', organisation: 'Hanley Primary', addressMode: 'manual', houseNumber: '1', street: 'Town Road', town: 'Stoke-on-Trent', postcode: 'ST1 2AA', action: 'submit' });
    expect(done.status).toBe(303);
    const link = (await t.emailTo(email)).text.match(/https?:\/\/\S+\/register\/confirm\/\S+/)![0];
    const confirmed = await request(t.app.callback()).get(new URL(link).pathname).set('Host', 'stoke.localhost');
    expect(confirmed.status).toBe(200);
    expect(text(confirmed.text)).toContain('Please email onesupport@stoke.gov.uk from the email address you registered with');
    expect(text(confirmed.text)).toContain('down for maintenance');
  });

  it("Dudley: every code email and code page names the sender address to trust; other councils' do not", async () => {
    const pro = await createProfessional(t, 'dudley');
    const v = visitor('dudley.localhost');
    const started = await v.post('/sign-in', { email: pro.email, password: pro.password });
    expect(started.headers.location).toBe('/sign-in/code');
    const mail = await t.emailTo(pro.email);
    expect(mail.text).toMatch(/add donotreply@dudley\.gov\.uk to your trusted senders/);
    expect(text((await v.get('/sign-in/code')).text)).toContain('add donotreply@dudley.gov.uk to your trusted senders');

    const other = await createProfessional(t, 'leicester', { two_step: 'email' });
    const l = visitor('leicester.localhost');
    await l.post('/sign-in', { email: other.email, password: other.password });
    expect((await t.emailTo(other.email)).text).not.toMatch(/trusted senders/);
  });

  it('Show password on every password field, as the GOV.UK password input (hidden until the script enhances it), in Welsh too', async () => {
    const v = visitor('leicester.localhost');
    const signIn = (await v.get('/sign-in')).text;
    expect(signIn).toMatch(/<div class="govuk-form-group govuk-password-input" data-module="govuk-password-input"[^>]*data-i18n\.show-password="Show"/);
    expect(signIn).toMatch(/<button type="button" class="govuk-button govuk-button--secondary govuk-password-input__toggle govuk-js-password-input-toggle" data-module="govuk-button" aria-controls="password" aria-label="Show password" hidden>Show<\/button>/);
    for (const path of ['/register', '/backoffice/sign-in']) expect((await v.get(path)).text, path).toContain('govuk-password-input__toggle');
    const vale = visitor('vale.localhost');
    await vale.get('/?lang=cy');
    expect((await vale.get('/sign-in')).text).toMatch(/aria-label="Dangos y cyfrinair" hidden>Dangos<\/button>/);
  });

  it('Redcar: ticking Select and Open person opens that child; hiding every child says they are hidden and how to show them', async () => {
    const pro = await createProfessional(t, 'redcar-and-cleveland', { two_step: 'email' });
    const [first, second] = await inTenant(t.db.app, pro.tenant.id, async () => [await createChild(child('Ava', 'Hall'), { accountId: pro.account.id }), await createChild(child('Ben', 'Hall'), { accountId: pro.account.id })]);
    const agent: Agent = request.agent(t.app.callback());
    await signInAs(t, agent, pro.email, pro.password, { host: 'redcar.localhost' });
    const host = 'redcar.localhost';
    const list = await agent.get('/send').set('Host', host);
    expect(list.text).toContain('Open person');
    const token = list.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const post = (body: string) => agent.post('/send/people').set('Host', host).type('form').send(`_csrf=${encodeURIComponent(token)}&view=active&filter=&page=1&${body}`);

    const opened = await post(`action=open&children=${first!.id}`);
    expect(opened.status).toBe(303);
    expect(opened.headers.location).toBe(`/send/children/${first!.id}/confirm`);
    const none = await post('action=open');
    expect(errorSummary(none.text)).toEqual(['Tick Select for the person you want to open']);
    const two = await post(`action=open&children=${first!.id}&children=${second!.id}`);
    expect(errorSummary(two.text)).toEqual(['Tick Select for one person only to open their record']);

    expect((await post(`action=hide&children=${first!.id}&children=${second!.id}`)).status).toBe(303);
    const empty = text((await agent.get('/send').set('Host', host)).text);
    expect(empty).toContain('You have hidden all 2 children and young people linked to you. Choose Hidden under Show');
    expect(empty).not.toContain('linked to you yet');
  });

  it('Redcar: completed steps are shown green in the step list; other councils keep plain text', async () => {
    for (const [slug, host, tag] of [
      ['redcar-and-cleveland', 'redcar.localhost', '<strong class="govuk-tag govuk-tag--green">Completed</strong>'],
      ['leicester', 'leicester.localhost', undefined],
    ] as const) {
      const pro = await createProfessional(t, slug, { two_step: 'email' });
      const draft = await createDraftResponse(t, pro);
      await t.db.platform('form_responses').where({ id: draft.responseId }).update({ completed_steps: ['workDetails'] });
      const agent: Agent = request.agent(t.app.callback());
      await signInAs(t, agent, pro.email, pro.password, { host });
      const steps = (await agent.get(`/forms/${draft.responseId}`).set('Host', host)).text;
      const status = steps.match(/<div class="govuk-task-list__status" id="step-workDetails-status">\s*([\s\S]*?)\s*<\/div>/)![1];
      expect(status, slug).toBe(tag ?? 'Completed');
    }
  });

  it('"Over 18s" refuses yes for a child under 18 (and no for an adult), checked against the date of birth', async () => {
    const pro = await createProfessional(t, 'leicester', { two_step: 'email' });
    const draft = await createDraftResponse(t, pro); // Ffion Evans, born 9 March 2015
    await t.db.platform('form_responses').where({ id: draft.responseId }).update({ completed_steps: ['workDetails', 'academicProgress', 'senNeeds', 'actionTaken'] });
    const agent: Agent = request.agent(t.app.callback());
    const host = 'leicester.localhost';
    await signInAs(t, agent, pro.email, pro.password, { host });
    const path = `/forms/${draft.responseId}/steps/over18s`;
    const page = await agent.get(path).set('Host', host);
    expect(page.status).toBe(200);
    const token = page.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const answer = (isOver18: string) => agent.post(path).set('Host', host).type('form').send({ _csrf: token, isOver18, inEducation: 'yes', action: 'save' });
    const refused = await answer('yes');
    expect(refused.status).toBe(400);
    expect(errorSummary(refused.text)).toContain('The young person is under 18 according to their date of birth: select no, or correct their date of birth');
    const saved = await t.db.platform('form_responses').where({ id: draft.responseId }).first();
    expect(saved.completed_steps).not.toContain('over18s');
    expect(errorSummary((await answer('no')).text)).not.toContain('The young person is under 18 according to their date of birth: select no, or correct their date of birth');

    // A young person of 19: no is refused.
    await t.db.platform('children').where({ id: draft.childId }).update({ date_of_birth: '2007-01-15' });
    expect(errorSummary((await answer('no')).text)).toContain('The young person is 18 or over according to their date of birth: select yes');
  });

  it('the back office shows a gender by its label, not the stored value', async () => {
    const waiting = await createWaitingRegistration(t, 'redcar-and-cleveland', { forename: 'Gwen', surname: 'Price' });
    await t.db.platform('accounts').where({ id: waiting.id }).update({ gender: 'male' });
    const staff = await createStaff(t, 'redcar-and-cleveland');
    const v = visitor('redcar.localhost');
    await v.post('/backoffice/sign-in', { email: staff.email, password: staff.password });
    const done = await v.post('/backoffice/sign-in/code', { code: await emailedCode(t, staff.email) }, '/backoffice/sign-in/code');
    expect(done.status).toBe(303);
    const page = text((await v.get(`/backoffice/registrations/${waiting.id}`)).text);
    expect(page).toContain('Gender Male');
    expect(page).not.toMatch(/Gender male/);
  });
});
