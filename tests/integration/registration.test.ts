import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAddresses } from '../../src/accounts/addresses/import.js';
import { loadSampleAddressesIfEmpty } from '../../src/accounts/addresses/sample.js';
import { buildTestApp, type TestApp } from '../support/app.js';

const VALE = 'vale.localhost';
const DUDLEY = 'dudley.localhost';
const PROFESSIONAL_PASSWORD = 'Holton-Road-42-Barry';

/** An agent with its own cookies, the CSRF token of the form page, and form posting. */
async function visitor(t: TestApp, host: string, firstPage = '/register') {
  const agent = request.agent(t.app.callback());
  const page = await agent.get(firstPage).set('Host', host);
  const token = page.text.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!token) throw new Error(`No CSRF token on ${firstPage}: ${page.status}`);
  return {
    agent,
    token,
    first: page,
    get: (url: string) => agent.get(url).set('Host', host),
    post: (url: string, body: Record<string, string>) => agent.post(url).set('Host', host).type('form').send({ _csrf: token, ...body }),
  };
}

/** Error summary entries (text of each link) of a page. */
function summary(html: string): string[] {
  const box = html.match(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/)?.[0] ?? '';
  return [...box.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]}: ${decode(m[2]!)}`);
}

/** The error messages shown next to a field. */
function fieldErrors(html: string, name: string): string[] {
  const block = html.match(new RegExp(`<(?:p|ul) id="${name}-error"[\\s\\S]*?</(?:p|ul)>`))?.[0] ?? '';
  return [...block.matchAll(/<span class="govuk-visually-hidden">Error:<\/span>([^<]+)/g)].map((m) => decode(m[1]!.trim()));
}

const decode = (s: string) => s.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
const h1 = (html: string) => decode(html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1]?.trim() ?? '');

let counter = 0;
const newEmail = (who = 'teacher') => `${who}.${++counter}.${Date.now()}@school.example.org`;

describe('professional registration', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp();
    await loadSampleAddressesIfEmpty(t.db.platform);
  });
  afterAll(() => t?.close());

  const tenantId = (host: string) => t.registry.forHost(host)!.id;
  const accountsWith = (host: string, email: string) => t.db.platform('accounts').where({ tenant_id: tenantId(host), email: email.toLowerCase() });

  /** Steps 1 and 2 of Vale's registration, done right. */
  async function throughAboutYou(email: string) {
    const v = await visitor(t, VALE);
    const step1 = await v.post('/register', { email, emailConfirm: email, password: PROFESSIONAL_PASSWORD, passwordConfirm: PROFESSIONAL_PASSWORD, action: 'next' });
    expect(step1.status).toBe(303);
    expect(step1.headers.location).toBe('/register/about-you');
    const step2 = await v.post('/register/about-you', { title: 'Ms', forename: 'Carys', surname: 'Evans', gender: 'female', action: 'next' });
    expect(step2.status).toBe(303);
    expect(step2.headers.location).toBe('/register/work-details');
    return v;
  }

  async function registerAtVale(email: string) {
    const v = await throughAboutYou(email);
    const done = await v.post('/register/work-details', { role: 'SEN Co-ordinator (SENCO)', organisation: 'Barry Comprehensive', addressMode: 'find', postcode: 'cf63 4ru', searched: 'CF63 4RU', uprn: '64113001', mobile: '07700 900982', workPhone: '+44 1632 960001', action: 'submit' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/register/nearly-done');
    return v;
  }

  describe('security details: the server enforces every password rule, even without JavaScript', () => {
    const cases: [string, string, string[]][] = [
      ['', 'x@school.example.org', ['Enter a password']],
      ['a', 'x@school.example.org', [
        'Your password must have at least 10 characters, and no more than 128',
        'Your password must have at least 2 numbers',
        'Your password must have at least 1 capital letter',
        'Your password must have at least 1 special character, like ! or %',
      ]],
      ['ABCDEFGH12!', 'x@school.example.org', ['Your password must have at least 1 lower case letter']],
      ['Pa55word!@school.example.org', 'pa55word!@school.example.org', ['Your password must not be the same as your email address']],
      [`Aa1!${'7'.repeat(125)}`, 'x@school.example.org', ['Your password must have at least 10 characters, and no more than 128']],
    ];
    for (const [password, email, expected] of cases) {
      it(`names each broken rule for "${password.slice(0, 20)}", next to the field and in the summary`, async () => {
        const v = await visitor(t, VALE);
        const res = await v.post('/register', { email, emailConfirm: email, password, passwordConfirm: password, action: 'next' });
        expect(res.status).toBe(400);
        expect(res.text).toContain('<title>Error: Security details');
        expect(fieldErrors(res.text, 'password')).toEqual(expected);
        expect(summary(res.text).filter((e) => e.startsWith('password:'))).toEqual(expected.map((e) => `password: ${e}`));
        // Typed email addresses are kept; passwords never are.
        expect(res.text).toContain(`value="${email}"`);
        if (password.length > 5) expect(res.text).not.toContain(password);
      });
    }

    it('checks the email addresses and the confirmation of the password', async () => {
      const v = await visitor(t, VALE);
      const res = await v.post('/register', { email: 'not-an-email', emailConfirm: '', password: PROFESSIONAL_PASSWORD, passwordConfirm: 'different', action: 'next' });
      expect(res.status).toBe(400);
      expect(summary(res.text)).toEqual([
        'email: Enter an email address in the correct format, like name@example.com',
        'emailConfirm: Enter your email address again to confirm it',
        'passwordConfirm: The passwords do not match',
      ]);
      const mismatch = await v.post('/register', { email: 'a@school.example.org', emailConfirm: 'b@school.example.org', password: PROFESSIONAL_PASSWORD, passwordConfirm: PROFESSIONAL_PASSWORD });
      expect(summary(mismatch.text)).toEqual(['emailConfirm: The email addresses do not match']);
    });

    it('shows the council\'s password rules as a checklist, in Welsh too', async () => {
      const v = await visitor(t, VALE);
      for (const rule of ['At least 10 characters, and no more than 128', 'At least 2 numbers', 'At least 1 lower case letter', 'At least 1 capital letter', 'At least 1 special character, like ! or %', 'Not the same as your email address']) {
        expect(decode(v.first.text)).toContain(rule);
      }
      expect(v.first.text).toContain('Use your work email address, not a personal one.');
      expect(v.first.text).toMatch(/<li aria-current="step"><strong>Security details<\/strong>/);
      const welsh = await v.agent.get('/register').set('Host', VALE).set('Cookie', 'portal.lang=cy');
      expect(decode(welsh.text)).toContain('O leiaf 2 rif');
      expect(decode(welsh.text)).toContain('Cyfeiriad e-bost');
    });
  });

  it('never keeps the password in plain text: only an argon2id hash, in the session and in the account', async () => {
    const email = newEmail();
    const v = await throughAboutYou(email);
    const sessions = await t.db.platform('sessions').where({ tenant_id: tenantId(VALE) });
    const mine = sessions.map((s) => JSON.stringify(s.data)).filter((d) => d.includes(email));
    expect(mine).toHaveLength(1);
    expect(mine[0]).not.toContain(PROFESSIONAL_PASSWORD);
    expect(mine[0]).toMatch(/\$argon2id\$/);

    await v.post('/register/work-details', { role: 'Class Teacher', organisation: 'Barry Comprehensive', addressMode: 'find', postcode: 'CF63 4RU', searched: 'CF63 4RU', uprn: '64113003', action: 'submit' });
    const [account] = await accountsWith(VALE, email);
    expect(account.password_hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(account)).not.toContain(PROFESSIONAL_PASSWORD);
    const all = await t.db.platform('sessions').where({ tenant_id: tenantId(VALE) });
    for (const s of all) expect(JSON.stringify(s.data)).not.toContain(PROFESSIONAL_PASSWORD);
  });

  describe('work details', () => {
    it('checks the postcode, finds the addresses there and says when there are none', async () => {
      const v = await throughAboutYou(newEmail());
      const bad = await v.post('/register/work-details', { role: 'Class Teacher', organisation: 'Ysgol', addressMode: 'find', postcode: 'CF63 4R', action: 'find-address' });
      expect(bad.status).toBe(400);
      expect(summary(bad.text)).toEqual(['postcode: Enter a full UK postcode, like SW1A 2AA']);
      expect(bad.text).toContain('value="Class Teacher"');

      const none = await v.post('/register/work-details', { role: 'Class Teacher', organisation: 'Ysgol', addressMode: 'find', postcode: 'cf10 1aa', action: 'find-address' });
      expect(summary(none.text)).toEqual(['postcode: We could not find any addresses for CF10 1AA. Check the postcode, or enter the address manually']);

      const found = await v.post('/register/work-details', { role: 'Class Teacher', organisation: 'Ysgol', addressMode: 'find', postcode: 'cf634ru', action: 'find-address' });
      expect(found.status).toBe(200);
      const labels = [...found.text.matchAll(/class="govuk-label govuk-radios__label" for="[^"]+">([^<]+)</g)].map((m) => m[1]);
      expect(labels).toEqual(['Civic Offices, Holton Road, Barry, CF63 4RU', 'Holton Road, Barry, CF63 4RU', 'Vale Of Glamorgan Council, Civic Offices, Holton Road, Barry, CF63 4RU']);
      expect(found.text).toContain('3 addresses found for CF63 4RU');

      const notChosen = await v.post('/register/work-details', { role: 'Class Teacher', organisation: 'Ysgol', addressMode: 'find', postcode: 'CF63 4RU', searched: 'CF63 4RU', action: 'submit' });
      expect(summary(notChosen.text)).toEqual(['uprn: Select your work address, or enter it manually']);
    });

    it('takes an address entered manually, and checks the phone numbers', async () => {
      const email = newEmail();
      const v = await throughAboutYou(email);
      const manual = await v.post('/register/work-details', { role: 'School Nurse', organisation: 'Health Board', addressMode: 'find', postcode: 'CF62 1AA', action: 'manual-address' });
      expect(manual.text).toContain('name="houseNumber"');
      expect(manual.text).toMatch(/id="postcode" name="postcode" type="text" value="CF62 1AA"/);
      const errors = await v.post('/register/work-details', { role: 'School Nurse', organisation: 'Health Board', addressMode: 'manual', postcode: 'CF62 1AA', town: '', mobile: '01632 960001', workPhone: '12345', action: 'submit' });
      expect(summary(errors.text)).toEqual([
        'street: Enter the street, or a house or building name',
        'town: Enter the town',
        'mobile: Enter a UK mobile number of 11 digits starting 07, like 07700 900 982',
        'workPhone: Enter a UK phone number, like 01632 960 001',
      ]);
      const ok = await v.post('/register/work-details', { role: 'School Nurse', organisation: 'Health Board', addressMode: 'manual', houseNumber: '4', street: 'Broad Street', town: 'Barry', postcode: 'cf62 1aa', country: 'United Kingdom', mobile: '+44 7700 900982', action: 'submit' });
      expect(ok.status).toBe(303);
      const [account] = await accountsWith(VALE, email);
      const [role] = await t.db.platform('work_roles').where({ account_id: account.id });
      expect(role).toMatchObject({ role: 'School Nurse', house_number: '4', street: 'Broad Street', town: 'Barry', postcode: 'CF62 1AA', uprn: null, mobile: '+44 7700 900982' });
    });

    it('keeps what was typed when going back with Previous', async () => {
      const v = await throughAboutYou(newEmail());
      const back = await v.post('/register/work-details', { role: 'Youth Worker', organisation: 'Barry YMCA', addressMode: 'find', postcode: 'CF63 4RU', action: 'previous' });
      expect(back.headers.location).toBe('/register/about-you');
      const about = await v.get('/register/about-you');
      expect(about.text).toContain('value="Carys"');
      const work = await v.get('/register/work-details');
      expect(work.text).toContain('value="Youth Worker"');
      expect(work.text).toContain('value="Barry YMCA"');
    });
  });

  it('creates the account and its work role, emails a single-use link, and confirms the address once', async () => {
    const email = newEmail();
    const v = await registerAtVale(email);
    const nearly = await v.get('/register/nearly-done');
    expect(h1(nearly.text)).toBe('Nearly done…');
    expect(decode(nearly.text)).toContain("We've sent you an email containing a link.");

    const [account] = await accountsWith(VALE, email);
    expect(account).toMatchObject({ kind: 'professional', status: 'unconfirmed', title: 'Ms', forename: 'Carys', surname: 'Evans', gender: 'female', email_confirmed_at: null });
    const roles = await t.db.platform('work_roles').where({ account_id: account.id });
    expect(roles).toHaveLength(1);
    expect(roles[0]).toMatchObject({ role: 'SEN Co-ordinator (SENCO)', organisation: 'Barry Comprehensive', building_name: 'Civic Offices', street: 'Holton Road', town: 'Barry', postcode: 'CF63 4RU', uprn: 64113001 });
    const audits = await t.db.platform('audit_log').where({ subject_id: account.id }).pluck('action');
    expect(audits).toContain('registration.submitted');
    // The registration is no longer in the session.
    expect((await v.get('/register')).text).not.toContain(email);

    const mail = await t.emailTo(email);
    expect(mail.subject).toBe('Confirm your email address for the Professional Portal');
    const link = mail.text.match(/https?:\/\/\S+\/register\/confirm\/\S+/)?.[0];
    expect(link).toBeTruthy();
    const confirmPath = new URL(link!).pathname;

    const confirmed = await request(t.app.callback()).get(confirmPath).set('Host', VALE);
    expect(h1(confirmed.text)).toBe('Your email address is confirmed');
    expect(confirmed.text).toContain('href="/sign-in"');
    const [after] = await accountsWith(VALE, email);
    expect(after.status).toBe('active');
    expect(after.email_confirmed_at).toBeInstanceOf(Date);

    const again = await request(t.app.callback()).get(confirmPath).set('Host', VALE);
    expect(h1(again.text)).toBe('This link has already been used');
    expect(again.text).toContain('action="/register/resend-confirmation"');
    expect(again.text).toContain('Send a new email');
  });

  it('leaves the account awaiting the council\'s verification where the council checks registrations', async () => {
    const email = newEmail('checked');
    const v = await visitor(t, 'redcar.localhost');
    await v.post('/register', { email, emailConfirm: email, password: PROFESSIONAL_PASSWORD, passwordConfirm: PROFESSIONAL_PASSWORD, action: 'next' });
    await v.post('/register/about-you', { title: 'Dr', forename: 'Ann', surname: 'Lee', gender: 'notSay', action: 'next' });
    const done = await v.post('/register/work-details', { role: 'Paediatrician', organisation: 'James Cook Hospital', addressMode: 'find', postcode: 'TS10 1TD', searched: 'TS10 1TD', uprn: '10023400102', action: 'submit' });
    expect(done.headers.location).toBe('/register/nearly-done');
    const link = (await t.emailTo(email)).text.match(/https?:\/\/\S+\/register\/confirm\/\S+/)![0];
    const confirmed = await request(t.app.callback()).get(new URL(link).pathname).set('Host', 'redcar.localhost');
    expect(h1(confirmed.text)).toBe('Your email address is confirmed');
    expect(decode(confirmed.text)).toContain('Redcar & Cleveland Borough Council checks every new registration');
    const [account] = await accountsWith('redcar.localhost', email);
    expect(account.status).toBe('awaiting_verification');
    const audits = await t.db.platform('audit_log').where({ subject_id: account.id }).pluck('action');
    expect(audits).toEqual(expect.arrayContaining(['registration.submitted', 'registration.confirmed']));
  });

  it('explains an expired link and sends a new one on request (same answer for unknown addresses)', async () => {
    const email = newEmail();
    await registerAtVale(email);
    const first = await t.emailTo(email);
    const oldPath = new URL(first.text.match(/https?:\/\/\S+\/register\/confirm\/\S+/)![0]).pathname;
    await t.db.platform('email_secrets').where({ tenant_id: tenantId(VALE), email }).update({ expires_at: new Date(Date.now() - 1000) });

    const expired = await request(t.app.callback()).get(oldPath).set('Host', VALE);
    expect(h1(expired.text)).toBe('This link has expired');

    const v = await visitor(t, VALE, '/register/resend-confirmation');
    const invalid = await v.post('/register/resend-confirmation', { email: 'nope' });
    expect(invalid.status).toBe(400);
    expect(summary(invalid.text)).toEqual(['email: Enter an email address in the correct format, like name@example.com']);

    const unknown = await v.post('/register/resend-confirmation', { email: 'nobody.here@school.example.org' });
    const known = await v.post('/register/resend-confirmation', { email: email.toUpperCase() });
    expect(unknown.status).toBe(303);
    expect(known.status).toBe(303);
    expect(known.headers.location).toBe(unknown.headers.location);
    const sent = await v.get(known.headers.location!);
    expect(h1(sent.text)).toBe('Check your email');

    const second = await t.emailTo(email);
    const newPath = new URL(second.text.match(/https?:\/\/\S+\/register\/confirm\/\S+/)![0]).pathname;
    expect(newPath).not.toBe(oldPath);
    const ok = await request(t.app.callback()).get(newPath).set('Host', VALE);
    expect(h1(ok.text)).toBe('Your email address is confirmed');
  });

  it('does not reveal a registered address: same page, an "already registered" email, no second account', async () => {
    const email = newEmail('existing');
    await registerAtVale(email);
    await t.emailTo(email);

    const v = await throughAboutYou(email.toUpperCase());
    const res = await v.post('/register/work-details', { role: 'Head Teacher', organisation: 'Elsewhere', addressMode: 'find', postcode: 'CF63 4RU', searched: 'CF63 4RU', uprn: '64113002', action: 'submit' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/register/nearly-done');
    // Still unconfirmed: a fresh confirmation link is what they need.
    expect((await t.emailTo(email)).subject).toBe('Confirm your email address for the Professional Portal');

    await t.db.platform('accounts').where({ tenant_id: tenantId(VALE), email }).update({ status: 'active' });
    const w = await throughAboutYou(email);
    const again = await w.post('/register/work-details', { role: 'Head Teacher', organisation: 'Elsewhere', addressMode: 'find', postcode: 'CF63 4RU', searched: 'CF63 4RU', uprn: '64113002', action: 'submit' });
    expect(again.headers.location).toBe('/register/nearly-done');
    const warning = await t.emailTo(email);
    expect(warning.subject).toBe('Someone tried to register with your email address');
    expect(warning.text).toContain('If it was you, sign in with your email address and password.');
    expect(await accountsWith(VALE, email)).toHaveLength(1);
    const [account] = await accountsWith(VALE, email);
    const roles = await t.db.platform('work_roles').where({ account_id: account.id });
    expect(roles.map((r) => r.organisation)).toEqual(['Barry Comprehensive']);
  });

  describe('one-step registration with a code', () => {
    it('creates the account only when the emailed code is entered', async () => {
      const email = newEmail('social.worker');
      const v = await visitor(t, DUDLEY);
      expect(h1(v.first.text)).toBe('Register for an account');
      const res = await v.post('/register', { forename: 'Dev', surname: 'Patel', email, password: 'Priory-Road-7', passwordConfirm: 'Priory-Road-7' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/register/code');
      expect(await accountsWith(DUDLEY, email)).toHaveLength(0);
      const page = await v.get('/register/code');
      expect(h1(page.text)).toBe('Enter your verification code');
      expect(page.text).toContain(`We have sent a code to ${email}.`);
      expect(page.text).toContain('It is valid for 10 minutes. Only the newest code works: if you ask for another, earlier codes stop working.');

      const mail = await t.emailTo(email);
      const code = mail.text.match(/\b(\d{6})\b/)![1]!;
      const wrong = await v.post('/register/code', { code: code === '000000' ? '111111' : '000000' });
      expect(wrong.status).toBe(400);
      expect(summary(wrong.text)).toEqual(['code: The code is not correct. You have 4 more tries']);

      const ok = await v.post('/register/code', { code });
      expect(ok.headers.location).toBe('/register/complete');
      const [account] = await accountsWith(DUDLEY, email);
      expect(account).toMatchObject({ status: 'active', forename: 'Dev', surname: 'Patel' });
      expect(account.password_hash).toMatch(/^\$argon2id\$/);
      expect(account.email_confirmed_at).toBeInstanceOf(Date);
      const secrets = await t.db.platform('email_secrets').where({ tenant_id: tenantId(DUDLEY), email });
      for (const s of secrets) expect(JSON.stringify(s.payload)).not.toContain('Priory-Road-7');
    });

    it('sends an existing address an "already registered" email, behaves the same, and never makes a second account', async () => {
      const email = newEmail('already');
      const first = await visitor(t, DUDLEY);
      await first.post('/register', { forename: 'Dev', surname: 'Patel', email, password: 'Priory-Road-7', passwordConfirm: 'Priory-Road-7' });
      const code = (await t.emailTo(email)).text.match(/\b(\d{6})\b/)![1]!;
      await first.post('/register/code', { code });

      const second = await visitor(t, DUDLEY);
      const res = await second.post('/register', { forename: 'Someone', surname: 'Else', email, password: 'Other-Pass-99', passwordConfirm: 'Other-Pass-99' });
      expect(res.headers.location).toBe('/register/code');
      const page = await second.get('/register/code');
      expect(h1(page.text)).toBe('Enter your verification code');
      const mail = await t.emailTo(email);
      expect(mail.subject).toBe('Someone tried to register with your email address');
      expect(mail.text).not.toMatch(/\b\d{6}\b/);
      const wrong = await second.post('/register/code', { code: '123456' });
      expect(summary(wrong.text)).toEqual(['code: The code is not correct. You have 4 more tries']);
      expect(await accountsWith(DUDLEY, email)).toHaveLength(1);
    });
  });

  it('refuses a form without its CSRF token', async () => {
    const res = await request(t.app.callback()).post('/register').set('Host', VALE).type('form').send({ email: 'a@b.org' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('You cannot do that');
  });

  it('loads addresses from CSV with `npm run addresses:import`, skipping bad rows with their line numbers', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'addresses-'));
    const file = path.join(dir, 'small.csv');
    await writeFile(file, [
      'UPRN,ORGANISATION_NAME,BUILDING_NUMBER,SUB_BUILDING_NAME,BUILDING_NAME,THOROUGHFARE,DEPENDENT_LOCALITY,POST_TOWN,COUNTY,POSTCODE',
      '990000001,,1,,,"MILL LANE",,BARRY,Vale of Glamorgan,cf62 8aa',
      '990000002,"Ysgol ""Y Ddraig""",2,,,Mill Lane,,Barry,Vale of Glamorgan,CF62 8AA',
      'not-a-uprn,,3,,,Mill Lane,,Barry,Vale of Glamorgan,CF62 8AA',
      '990000003,,4,,,Mill Lane,,Barry,Vale of Glamorgan,NOT A POSTCODE',
      '64113001,,,,Civic Offices,Holton Road,,Barry,Vale of Glamorgan,CF63 4RU',
    ].join('\n'));
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'src/app/commands/addresses-import.ts', file], {
      env: { ...process.env, DATABASE_PLATFORM_URL: t.db.urls.platform, NODE_ENV: 'test' },
    }).catch((err: { stdout: string; code: number }) => {
      expect(err.code).toBe(2); // some rows were skipped
      return err;
    });
    expect(stdout).toContain('Read 5 rows');
    expect(stdout).toContain('2 added, 1 updated, 2 skipped');
    expect(stdout).toContain('line 4: UPRN "not-a-uprn" is not a number of up to 12 digits');
    expect(stdout).toContain('line 5: POSTCODE "NOT A POSTCODE" is not a UK postcode');

    const v = await throughAboutYou(newEmail());
    const found = await v.post('/register/work-details', { role: 'Class Teacher', organisation: 'Ysgol', addressMode: 'find', postcode: 'CF62 8AA', action: 'find-address' });
    expect(decode(found.text)).toContain('1 Mill Lane, Barry, CF62 8AA');
    expect(decode(found.text)).toContain('Ysgol "Y Ddraig", 2 Mill Lane, Barry, CF62 8AA');

    // Importing again updates by UPRN; the function reports the same way.
    const again = await importAddresses(t.db.platform, file);
    expect(again).toMatchObject({ rows: 5, inserted: 0, updated: 3 });
    expect(again.bad.map((b) => b.line)).toEqual([4, 5]);
  });

  it('limits registrations from one address, with a readable page', async () => {
    const v = await visitor(t, DUDLEY);
    let res;
    for (let i = 0; i < 25; i++) {
      res = await v.post('/register', { forename: '', surname: '', email: '', password: '', passwordConfirm: '' });
      if (res.status === 429) break;
      expect(res.status).toBe(400);
    }
    expect(res!.status).toBe(429);
    expect(h1(res!.text)).toBe('Too many attempts');
  });
});
