import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleAddressesIfEmpty } from '../../src/accounts/addresses/sample.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { codeIn, createProfessional, emailsReceivedBy, reloadAccount, rolesOf, signInAs, type Agent, type Professional } from '../support/accounts.js';

const VALE = 'vale.localhost';

describe('My Account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await loadSampleAddressesIfEmpty(t.db.platform);
  });
  afterAll(() => t.close());

  const newAgent = () => request.agent(t.app.callback());
  async function signedIn(pro: Professional): Promise<Agent> {
    const agent = newAgent();
    await signInAs(t, agent, pro.email, pro.password);
    return agent;
  }
  const get = (agent: Agent, path: string, host = VALE) => agent.get(path).set('Host', host);
  /** Opens the page with the form (for its CSRF token), then posts the form. */
  async function submit(agent: Agent, path: string, fields: Record<string, string>, formPage = path, host = VALE) {
    const page = await get(agent, formPage, host);
    const token = page.text.match(/name="_csrf" value="([^"]+)"/)?.[1];
    if (!token) throw new Error(`No form on ${formPage} (${page.status})`);
    return agent.post(path).set('Host', host).type('form').send({ _csrf: token, ...fields });
  }
  const auditOf = async (pro: Professional) =>
    (await t.db.platform('audit_log').where({ tenant_id: pro.tenant.id }).andWhere((q) => q.where({ subject_id: pro.account.id }).orWhere({ actor_id: pro.account.id })).orderBy('at')).map(
      (row: { action: string }) => row.action,
    );
  const outboxTo = (address: string) => t.db.platform('outbox').where({ to_address: address });
  const errorSummary = (html: string) => [...html.matchAll(/<li><a href="(#[^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => [m[1], m[2]]);

  it('asks a signed-out visitor to sign in first, then brings them back', async () => {
    const pro = await createProfessional(t, 'vale-of-glamorgan');
    const agent = newAgent();
    const res = await get(agent, '/my-account/personal-details');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/sign-in');
    expect(await signInAs(t, agent, pro.email, pro.password)).toBe('/my-account/personal-details');
  });

  it('shows every section with the side navigation, marking the current page', async () => {
    const pro = await createProfessional(t, 'vale-of-glamorgan');
    const agent = await signedIn(pro);
    const overview = await get(agent, '/my-account');
    expect(overview.status).toBe(200);
    expect(overview.text).toContain('<nav class="portal-side-nav" aria-label="My Account">');
    expect(overview.text).toContain('Enable Two Step Verification now');
    const sections: [string, string][] = [
      ['/my-account/personal-details', 'Personal details'],
      ['/my-account/work-details', 'Work details'],
      ['/my-account/email', 'Change email address'],
      ['/my-account/password', 'Change password'],
      ['/my-account/change-of-circumstances', 'Change of circumstances'],
      ['/my-account/two-step-verification', 'Two Step Verification'],
    ];
    for (const [path, name] of sections) {
      expect(overview.text).toContain(`href="${path}">${name}</a>`);
      const page = await get(agent, path);
      expect(page.status, path).toBe(200);
      expect(page.text).toMatch(new RegExp(`href="${path}" aria-current="page">${name}</a>`));
      expect(page.text.match(/aria-current="page"/g)!.length).toBe(2); // the header's My Account, and this section
      expect(page.text.match(/<h1\b/g)!.length).toBe(1);
    }
    const welsh = await get(agent, '/my-account/personal-details').set('Cookie', 'portal.lang=cy');
    expect(welsh.text).toContain('aria-label="Fy Nghyfrif"');
    expect(welsh.text).toContain('Manylion personol');
  });

  it('refuses a change without the CSRF token, and changes nothing', async () => {
    const pro = await createProfessional(t, 'vale-of-glamorgan');
    const agent = await signedIn(pro);
    const res = await agent.post('/my-account/personal-details').set('Host', VALE).type('form').send({ title: 'Dr', forename: 'Eve', surname: 'Hacker', gender: 'male' });
    expect(res.status).toBe(403);
    expect((await reloadAccount(t, pro)).forename).toBe('Alex');
  });

  describe('personal details', () => {
    it('shows each problem, keeps what was typed and stores nothing; then saves and audits', async () => {
      const pro = await createProfessional(t, 'vale-of-glamorgan');
      const agent = await signedIn(pro);
      const bad = await submit(agent, '/my-account/personal-details', { title: 'Dr', forename: '', surname: 'Jones-Price', gender: '' });
      expect(bad.status).toBe(400);
      expect(errorSummary(bad.text)).toEqual([
        ['#forename', 'Enter your forename'],
        ['#gender', 'Select your gender, or select ‘Prefer not to say’'],
      ]);
      expect(bad.text).toContain('value="Jones-Price"');
      expect(bad.text).toContain('id="forename-error"');
      expect((await reloadAccount(t, pro)).surname).toBe('Morgan');
      expect(await auditOf(pro)).not.toContain('account.personal-details-changed');

      const good = await submit(agent, '/my-account/personal-details', { title: 'Dr', forename: 'Rhian', surname: 'Jones-Price', gender: 'notSay' });
      expect(good.status).toBe(303);
      expect(good.headers.location).toBe('/my-account/personal-details');
      const saved = await reloadAccount(t, pro);
      expect([saved.title, saved.forename, saved.surname, saved.gender]).toEqual(['Dr', 'Rhian', 'Jones-Price', 'notSay']);
      expect((await get(agent, '/my-account/personal-details')).text).toContain('Your personal details have been saved.');
      const audit = await t.db.platform('audit_log').where({ action: 'account.personal-details-changed', subject_id: pro.account.id }).first();
      expect(audit.details.changed).toEqual(['title', 'forename', 'surname', 'gender']);
      expect(audit.actor_id).toBe(pro.account.id);
    });
  });

  describe('work details', () => {
    it('finds addresses by postcode, keeps what was typed, and adds the role with the chosen address', async () => {
      const pro = await createProfessional(t, 'vale-of-glamorgan');
      const agent = await signedIn(pro);
      const typed = { addressMode: 'find', role: 'SEN Co-ordinator (SENCO)', organisation: 'Barry Civic', mobile: '07700 900982', workPhone: '' };
      const found = await submit(agent, '/my-account/work-details/add', { ...typed, postcode: 'cf634ru', action: 'find' });
      expect(found.status).toBe(200);
      expect(found.text).toContain('3 addresses found');
      expect(found.text).toContain('Civic Offices, Holton Road, Barry, CF63 4RU');
      expect(found.text).toContain('value="Barry Civic"');
      expect(found.text).toContain('value="CF63 4RU"');
      expect(found.text).toContain('<option value="Head Teacher">');

      const notChosen = await submit(agent, '/my-account/work-details/add', { ...typed, postcode: 'CF63 4RU', action: 'save' });
      expect(notChosen.status).toBe(400);
      expect(errorSummary(notChosen.text)).toEqual([['#uprn', 'Select the address from the list, or enter it manually']]);
      expect(await rolesOf(t, pro)).toHaveLength(1);

      const badPhone = await submit(agent, '/my-account/work-details/add', { ...typed, mobile: '01446 700111', workPhone: '12345', postcode: 'CF63 4RU', uprn: '64113001', action: 'save' });
      expect(badPhone.status).toBe(400);
      expect(errorSummary(badPhone.text)).toEqual([
        ['#mobile', 'Enter a UK mobile number, like 07700 900 982'],
        ['#workPhone', 'Enter a UK phone number, like 01632 960 001 or 07700 900 982'],
      ]);
      expect(await rolesOf(t, pro)).toHaveLength(1);

      const saved = await submit(agent, '/my-account/work-details/add', { ...typed, postcode: 'CF63 4RU', uprn: '64113001', action: 'save' });
      expect(saved.status).toBe(303);
      const roles = await rolesOf(t, pro);
      expect(roles).toHaveLength(2);
      expect(roles[1]).toMatchObject({ role: 'SEN Co-ordinator (SENCO)', organisation: 'Barry Civic', building_name: 'Civic Offices', street: 'Holton Road', town: 'Barry', postcode: 'CF63 4RU', mobile: '07700 900982', work_phone: null });
      expect(Number(roles[1]!.uprn)).toBe(64113001);
      const list = await get(agent, '/my-account/work-details');
      expect(list.text).toContain('Your new role has been added.');
      expect(list.text).toContain('<h2 class="govuk-summary-card__title">SEN Co-ordinator (SENCO)</h2>');
      expect(await auditOf(pro)).toContain('account.work-role-added');
    });

    it('takes a typed address, checks its parts, and changes a role', async () => {
      const pro = await createProfessional(t, 'vale-of-glamorgan');
      const agent = await signedIn(pro);
      const id = pro.roles[0]!.id;
      const page = await get(agent, `/my-account/work-details/${id}`);
      expect(page.text).toContain('value="Hillside Primary School"');
      expect(page.text).toContain('value="School Lane"'); // no UPRN: shown as typed

      const manual = { addressMode: 'manual', role: 'Head Teacher', organisation: 'Hillside Primary School', houseNumber: '', houseName: '', buildingName: '', street: '', district: '', town: '', county: '', postcode: 'nonsense', country: '', mobile: '', workPhone: '', action: 'save' };
      const bad = await submit(agent, `/my-account/work-details/${id}`, manual);
      expect(bad.status).toBe(400);
      expect(errorSummary(bad.text).map(([href]) => href)).toEqual(['#houseNumber', '#town', '#postcode']);
      expect((await rolesOf(t, pro))[0]!.role).toBe('Class Teacher');

      const good = await submit(agent, `/my-account/work-details/${id}`, { ...manual, houseName: 'The Old School', street: 'Church Road', town: 'Penarth', postcode: 'cf64 1aa' });
      expect(good.status).toBe(303);
      expect((await rolesOf(t, pro))[0]).toMatchObject({ role: 'Head Teacher', house_name: 'The Old School', street: 'Church Road', town: 'Penarth', postcode: 'CF64 1AA', uprn: null, house_number: null });
      expect(await auditOf(pro)).toContain('account.work-role-changed');
    });

    it('will not remove the only role, explains why, and removes one of two after confirmation', async () => {
      const pro = await createProfessional(t, 'vale-of-glamorgan');
      const agent = await signedIn(pro);
      const only = pro.roles[0]!.id;
      const explain = await get(agent, `/my-account/work-details/${only}/remove`);
      expect(explain.text).toContain('You cannot remove your only role');
      expect(explain.text).not.toContain('>Remove role</button>');
      const refused = await submit(agent, `/my-account/work-details/${only}/remove`, {}, '/my-account/work-details');
      expect(refused.status).toBe(303);
      expect(await rolesOf(t, pro)).toHaveLength(1);

      await submit(agent, '/my-account/work-details/add', { addressMode: 'find', role: 'Youth Worker', organisation: 'Barry YMCA', postcode: 'CF63 4RU', uprn: '64113002', action: 'save' });
      const second = (await rolesOf(t, pro))[1]!;
      const confirm = await get(agent, `/my-account/work-details/${second.id}/remove`);
      expect(confirm.text).toContain('Are you sure you want to remove your role as Youth Worker at Barry YMCA from your account?');
      const removed = await submit(agent, `/my-account/work-details/${second.id}/remove`, {}, `/my-account/work-details/${second.id}/remove`);
      expect(removed.status).toBe(303);
      expect((await rolesOf(t, pro)).map((r) => r.id)).toEqual([only]);
      expect(await auditOf(pro)).toContain('account.work-role-removed');
    });

    it('never shows or changes another person’s role', async () => {
      const owner = await createProfessional(t, 'vale-of-glamorgan');
      const other = await createProfessional(t, 'vale-of-glamorgan');
      const agent = await signedIn(other);
      const id = owner.roles[0]!.id;
      expect((await get(agent, `/my-account/work-details/${id}`)).status).toBe(404);
      const res = await submit(agent, `/my-account/work-details/${id}/remove`, {}, '/my-account/work-details');
      expect(res.status).toBe(404);
      expect(await rolesOf(t, owner)).toHaveLength(1);
    });
  });

  describe('change email address', () => {
    it('stores and sends nothing when the form is wrong, including a wrong password', async () => {
      const pro = await createProfessional(t, 'vale-of-glamorgan');
      const agent = await signedIn(pro);
      const res = await submit(agent, '/my-account/email', { newEmail: 'new.address@school.example.org', confirmEmail: 'other@school.example.org', currentPassword: 'Wrong-password-11' });
      expect(res.status).toBe(400);
      expect(errorSummary(res.text)).toEqual([
        ['#confirmEmail', 'The email addresses do not match'],
        ['#currentPassword', 'The password is not correct'],
      ]);
      expect(res.text).toContain('value="new.address@school.example.org"');
      expect(res.text).not.toContain('Wrong-password-11');
      expect(await t.db.platform('email_secrets').where({ account_id: pro.account.id })).toHaveLength(0);
      expect(await outboxTo('new.address@school.example.org')).toHaveLength(0);
      expect(await outboxTo(pro.email)).toHaveLength(0);
      expect(await auditOf(pro)).toContain('account.current-password-wrong');
    });

    it('answers the same whether or not the new address already has an account, and tells only its owner', async () => {
      const pro = await createProfessional(t, 'vale-of-glamorgan');
      const taken = await createProfessional(t, 'vale-of-glamorgan');
      const agent = await signedIn(pro);
      const free = `free.${Date.now()}@school.example.org`;

      const toTaken = await submit(agent, '/my-account/email', { newEmail: taken.email.toUpperCase(), confirmEmail: taken.email, currentPassword: pro.password });
      const takenPage = await get(agent, toTaken.headers.location!);
      const toFree = await submit(agent, '/my-account/email', { newEmail: free, confirmEmail: free, currentPassword: pro.password });
      const freePage = await get(agent, toFree.headers.location!);
      expect(toTaken.status).toBe(303);
      expect(toFree.status).toBe(303);
      expect(toTaken.headers.location).toBe(toFree.headers.location);
      const strip = (html: string, email: string) => html.replaceAll(email, 'EMAIL').replace(/value="[^"]+"/g, '');
      expect(strip(takenPage.text, taken.email)).toBe(strip(freePage.text, free));
      expect(takenPage.text).toContain('Check your email');

      const toOwner = await t.emailTo(taken.email);
      expect(toOwner.subject).toBe('Someone tried to use this email address in the Professional Portal');
      expect(toOwner.text).not.toMatch(/my-account\/email\/confirm/);
      // Sending the outbox sent them all: the rest have arrived too.
      const link = emailsReceivedBy(t, free).at(-1)!;
      expect(link.subject).toBe('Confirm your new email address for the Professional Portal');
      // The council's canonical origin (configured), not the request's Host header.
      expect(link.text).toMatch(new RegExp(`http://${VALE}:${t.config.PORT}/my-account/email/confirm/[\\w-]+`));
      const notices = emailsReceivedBy(t, pro.email).map((m) => m.subject);
      expect(notices).toEqual(['Your email address is being changed', 'Your email address is being changed']);
      expect(emailsReceivedBy(t, pro.email)[0]!.text).toContain('professionalportal@valeofglamorgan.gov.uk');
      expect((await reloadAccount(t, taken)).email).toBe(taken.email);
      expect((await reloadAccount(t, pro)).email).toBe(pro.email);
      const requests = await t.db.platform('audit_log').where({ action: 'account.email-change-requested', subject_id: pro.account.id }).orderBy('at');
      expect(requests.map((r: { details: { inUse: boolean } }) => r.details.inUse)).toEqual([true, false]);
    });

    it('changes the address only when the link is followed, and ends every other session', async () => {
      const pro = await createProfessional(t, 'vale-of-glamorgan');
      const other = await signedIn(pro);
      const agent = await signedIn(pro);
      await new Promise((r) => setTimeout(r, 1100));
      const newEmail = `moved.${Date.now()}@school.example.org`;
      await submit(agent, '/my-account/email', { newEmail, confirmEmail: newEmail, currentPassword: pro.password });
      expect((await reloadAccount(t, pro)).email).toBe(pro.email);
      const link = (await t.emailTo(newEmail)).text.match(/http:\/\/\S+\/my-account\/email\/confirm\/[\w-]+/)![0];
      const path = new URL(link).pathname;

      const confirmed = await get(agent, path);
      expect(confirmed.status).toBe(303);
      expect((await reloadAccount(t, pro)).email).toBe(newEmail);
      expect((await get(agent, '/my-account/email')).text).toContain('Your email address has been changed.');
      expect((await get(other, '/my-account')).headers.location).toBe('/sign-in');
      const again = await get(agent, path);
      expect(again.status).toBe(400);
      expect(again.text).toContain('This link has already been used');
      expect(await auditOf(pro)).toEqual(expect.arrayContaining(['account.email-change-requested', 'account.email-changed']));
      await signInAs(t, newAgent(), newEmail, pro.password, { host: VALE });
    });
  });

  describe('change password', () => {
    it('names every broken rule, and stores nothing', async () => {
      const pro = await createProfessional(t, 'vale-of-glamorgan');
      const agent = await signedIn(pro);
      const res = await submit(agent, '/my-account/password', { currentPassword: pro.password, newPassword: 'short', confirmPassword: 'short' });
      expect(res.status).toBe(400);
      expect(errorSummary(res.text)).toEqual([
        ['#newPassword', 'New password must be at least 10 characters, and no more than 128'],
        ['#newPassword', 'New password must contain at least 2 numbers'],
        ['#newPassword', 'New password must contain at least 1 capital letter'],
        ['#newPassword', 'New password must contain at least 1 special character, like ! or %'],
      ]);
      expect(res.text).not.toContain('value="short"');
      expect((await reloadAccount(t, pro)).password_hash).toBe(pro.account.password_hash);
      expect(await auditOf(pro)).not.toContain('account.password-changed');
    });

    it('changes it, keeps this session, ends the others and emails the person', async () => {
      const pro = await createProfessional(t, 'vale-of-glamorgan');
      const other = await signedIn(pro);
      const agent = await signedIn(pro);
      await new Promise((r) => setTimeout(r, 1100));
      const res = await submit(agent, '/my-account/password', { currentPassword: pro.password, newPassword: 'Quiet-Valley-93', confirmPassword: 'Quiet-Valley-93' });
      expect(res.status).toBe(303);
      const here = await get(agent, '/my-account/password');
      expect(here.status).toBe(200);
      expect(here.text).toContain('Your password has been changed.');
      const there = await get(other, '/my-account');
      expect(there.status).toBe(302);
      expect(there.headers.location).toBe('/sign-in');
      expect((await t.emailTo(pro.email)).subject).toBe('Your password was changed');
      await expect(signInAs(t, newAgent(), pro.email, pro.password)).rejects.toThrow(/not signed in/);
      await signInAs(t, newAgent(), pro.email, 'Quiet-Valley-93');
      expect(await auditOf(pro)).toContain('account.password-changed');
    });
  });

  describe('change of circumstances', () => {
    it('checks the form, then emails the council what the person wrote', async () => {
      const pro = await createProfessional(t, 'vale-of-glamorgan', { forename: 'Carys', surname: 'Evans' });
      const agent = await signedIn(pro);
      const bad = await submit(agent, '/my-account/change-of-circumstances', { change: 'somethingElse', details: '' });
      expect(bad.status).toBe(400);
      expect(errorSummary(bad.text)).toEqual([['#details', 'Enter details of what has changed']]);
      const tooLong = await submit(agent, '/my-account/change-of-circumstances', { change: 'changedRole', details: 'x'.repeat(2001) });
      expect(errorSummary(tooLong.text)).toEqual([['#details', 'Details must be 2000 characters or fewer']]);
      expect(await outboxTo(pro.tenant.contact.email)).toHaveLength(0);

      const sent = await submit(agent, '/my-account/change-of-circumstances', { change: 'changedRole', details: 'I am now the deputy head from 1 September.' });
      expect(sent.headers.location).toBe('/my-account/change-of-circumstances/sent');
      expect((await get(agent, sent.headers.location!)).text).toContain('Change of circumstances sent');
      const mail = await t.emailTo(pro.tenant.contact.email);
      expect(mail.subject).toBe('Change of circumstances: Ms Carys Evans');
      expect(mail.text).toContain('What has changed: I have changed role');
      expect(mail.text).toContain('Details: I am now the deputy head from 1 September.');
      expect(mail.text).toContain('They have not closed their account.');
      expect(await auditOf(pro)).toContain('account.circumstances-reported');
      expect((await reloadAccount(t, pro)).status).toBe('active');
    });

    it('closes the account after confirmation: sessions end, the council and the person are told', async () => {
      const pro = await createProfessional(t, 'vale-of-glamorgan');
      const agent = await signedIn(pro);
      const asked = await submit(agent, '/my-account/change-of-circumstances', { change: 'leftOrganisation', details: '', closeAccount: 'yes' });
      expect(asked.headers.location).toBe('/my-account/close-account');
      expect((await reloadAccount(t, pro)).status).toBe('active');
      // The password is asked for: without it, or with a wrong one, nothing is closed.
      const missing = await submit(agent, '/my-account/close-account', {});
      expect(missing.text).not.toContain('we will email you a code');
      expect(missing.status).toBe(400);
      expect(missing.text).toContain('Enter your current password');
      const wrong = await submit(agent, '/my-account/close-account', { currentPassword: 'Not-The-Password-1' });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('The password is not correct');
      expect((await reloadAccount(t, pro)).status).toBe('active');
      const closed = await submit(agent, '/my-account/close-account', { currentPassword: pro.password });
      expect(closed.status).toBe(200);
      expect(closed.text).toContain('Your account has been closed');
      const account = await reloadAccount(t, pro);
      expect(account.status).toBe('closed');
      expect(account.closed_at).toBeInstanceOf(Date);
      expect((await get(agent, '/my-account')).headers.location).toBe('/sign-in');
      expect((await t.emailTo(pro.email)).subject).toBe('Your Professional Portal account has been closed');
      const council = emailsReceivedBy(t, pro.tenant.contact.email).at(-1)!;
      expect(council.text).toContain('They have also closed their account');
      expect(await auditOf(pro)).toEqual(expect.arrayContaining(['account.closed', 'account.signed-out']));
    });
    it('asks for an emailed code as well where the account uses Two Step Verification, in both languages', async () => {
      const pro = await createProfessional(t, 'vale-of-glamorgan', { two_step: 'email' });
      const agent = await signedIn(pro);
      // The code page is only for someone who has just given their password.
      expect((await get(agent, '/my-account/close-account/code')).headers.location).toBe('/my-account/close-account');
      const early = await submit(agent, '/my-account/close-account/code', { code: '123456' }, '/my-account/close-account');
      expect(early.headers.location).toBe('/my-account/close-account');

      expect((await get(agent, '/my-account/close-account')).text).toContain('after your password we will email you a code to confirm');
      const wrongPassword = await submit(agent, '/my-account/close-account', { currentPassword: 'Not-The-Password-1' });
      expect(wrongPassword.status).toBe(400);
      expect(await outboxTo(pro.email).where({ template: 'my-account.emails.closeAccountCode' })).toHaveLength(0);

      const asked = await submit(agent, '/my-account/close-account', { currentPassword: pro.password });
      expect(asked.status).toBe(303);
      expect(asked.headers.location).toBe('/my-account/close-account/code');
      expect((await reloadAccount(t, pro)).status).toBe('active');
      const email = await t.emailTo(pro.email);
      expect(email.subject).toBe('Your code to close your Professional Portal account');
      const code = codeIn(email.text);

      const page = await get(agent, '/my-account/close-account/code');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Enter the code we emailed you');
      expect(page.text).toMatch(/<label class="govuk-label" for="code">\s*Code\s*<\/label>/);
      const welsh = await get(agent, '/my-account/close-account/code').set('Cookie', 'portal.lang=cy');
      expect(welsh.text).toContain("Rhowch y cod a anfonwyd atoch drwy e-bost");

      const format = await submit(agent, '/my-account/close-account/code', { code: 'abc' }, '/my-account/close-account/code');
      expect(format.status).toBe(400);
      expect(errorSummary(format.text)).toEqual([['#code', 'Enter the 6-digit code from the email']]);
      const wrong = await submit(agent, '/my-account/close-account/code', { code: code === '000000' ? '111111' : '000000' }, '/my-account/close-account/code');
      expect(wrong.status).toBe(400);
      expect(errorSummary(wrong.text)).toEqual([['#code', 'The code is not correct. You have 4 more tries before you need a new code']]);
      expect((await reloadAccount(t, pro)).status).toBe('active');

      const closed = await submit(agent, '/my-account/close-account/code', { code }, '/my-account/close-account/code');
      expect(closed.status).toBe(200);
      expect(closed.text).toContain('Your account has been closed');
      expect((await reloadAccount(t, pro)).status).toBe('closed');
      expect((await get(agent, '/my-account')).headers.location).toBe('/sign-in');
      expect(await auditOf(pro)).toEqual(expect.arrayContaining(['account.close-code-sent', 'account.close-code-failed', 'account.closed']));
    });
  });

  describe('Two Step Verification', () => {
    it('saves the preference, audits it and signs the person out', async () => {
      const pro = await createProfessional(t, 'vale-of-glamorgan');
      const agent = await signedIn(pro);
      const page = await get(agent, '/my-account/two-step-verification');
      expect(page.text).toContain('Changing your preference will sign you out, and you will need to sign in again.');
      const res = await submit(agent, '/my-account/two-step-verification', { method: 'email' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/sign-in?twoStepSaved=1');
      expect((await reloadAccount(t, pro)).two_step).toBe('email');
      expect((await get(agent, '/my-account')).headers.location).toBe('/sign-in');
      const audit = await t.db.platform('audit_log').where({ action: 'account.two-step-changed', subject_id: pro.account.id }).first();
      expect(audit.details).toEqual({ from: 'none', to: 'email' });
    });

    it('offers no choice where the council always sends a code', async () => {
      const pro = await createProfessional(t, 'dudley');
      const agent = await signedIn(pro);
      const page = await get(agent, '/my-account/two-step-verification', 'dudley.localhost');
      expect(page.text).toContain('sends you a Verification Code by email every time you sign in');
      expect(page.text).not.toContain('Preferred method');
      await submit(agent, '/my-account/two-step-verification', { method: 'none' }, '/my-account/two-step-verification', 'dudley.localhost');
      expect((await reloadAccount(t, pro)).two_step).toBe('none');
      expect(await auditOf(pro)).not.toContain('account.two-step-changed');
    });
  });
});
