import { createHash, createHmac, randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account } from '../../src/accounts/queries/accounts.js';
import { createStaffAccount, StaffAccountError } from '../../src/accounts/staff/staff-accounts.js';
import { db, inTenant } from '../../src/platform/db/unit-of-work.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createStaff, createWaitingRegistration, emailedCode } from '../support/staff.js';

const SECRET = 'test-secret-that-is-long-enough-to-use-0123456789';
const REDCAR = { slug: 'redcar-and-cleveland', host: 'redcar.localhost' };
const STOKE = { slug: 'stoke-on-trent', host: 'stoke.localhost' };
const VALE = { slug: 'vale-of-glamorgan', host: 'vale.localhost' };

const decode = (html: string) => html.replace(/&amp;/g, '&').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"');

describe('the back office: staff sign-in and the registration queue', () => {
  let t: TestApp;
  let server: ReturnType<TestApp['app']['callback']>;

  beforeAll(async () => {
    // Behind a proxy, each test's visitor comes from its own address, so address limits stay per test.
    t = await buildTestApp({ TRUST_PROXY: 'true' });
    server = t.app.callback();
  });
  afterAll(() => t?.close());

  /** One person's browser on a council's host: cookies kept, forms sent with their CSRF token. */
  function visitor(host: string) {
    const agent = request.agent(server);
    const ip = `10.${randomBytes(3).join('.')}`;
    let token = '';
    const get = (path: string) => agent.get(path).set('Host', host).set('X-Forwarded-For', ip);
    return {
      get,
      async post(path: string, form: Record<string, string> = {}) {
        if (!token) {
          const page = await get('/backoffice/sign-in');
          token = page.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
        }
        return agent.post(path).set('Host', host).set('X-Forwarded-For', ip).type('form').send({ ...form, _csrf: token });
      },
      /** Password, then the emailed code: a signed-in staff member. */
      async signIn(email: string, password: string) {
        const first = await this.post('/backoffice/sign-in', { email, password });
        expect(first.status).toBe(303);
        expect(first.headers.location).toBe('/backoffice/sign-in/code');
        const second = await this.post('/backoffice/sign-in/code', { code: await emailedCode(t, email) });
        expect(second.status).toBe(303);
        return second;
      },
    };
  }

  const tenantId = (slug: string) => t.registry.forSlug(slug)!.id;
  const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  describe('npm run staff:create (createStaffAccount)', () => {
    it('creates an active staff account that can sign in with its one-time password and an emailed code', async () => {
      const created = await createStaffAccount(t.db.platform, { tenant: REDCAR.slug, email: 'Jo.Bloggs@Council.Example', forename: 'Jo', surname: 'Bloggs' });
      expect(created.email).toBe('jo.bloggs@council.example');
      expect(created.generated).toBe(true);
      expect(created.password.length).toBeGreaterThanOrEqual(20);

      const row = await t.db.platform('accounts').where({ tenant_id: tenantId(REDCAR.slug), id: created.accountId }).first();
      expect(row).toMatchObject({ kind: 'staff', status: 'active', two_step: 'email', forename: 'Jo', surname: 'Bloggs' });
      expect(row.email_confirmed_at).not.toBeNull();
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      const audited = await t.db.platform('audit_log').where({ tenant_id: tenantId(REDCAR.slug), action: 'staff.created', subject_id: created.accountId }).first();
      expect(audited).toMatchObject({ actor_type: 'platform', subject_type: 'account' });

      const staff = visitor(REDCAR.host);
      const signedIn = await staff.signIn('jo.bloggs@council.example', created.password);
      expect(signedIn.headers.location).toBe('/backoffice');
      const home = await staff.get('/backoffice');
      expect(home.status).toBe(200);
      expect(decode(home.text)).toContain('<h1 class="govuk-heading-xl">Redcar & Cleveland Borough Council back office</h1>');
      expect(home.text).toContain('Jo Bloggs');
      expect(home.text).toContain('Back office home');
    });

    it('refuses an unknown council, a duplicate, and a password that breaks the policy; --reset gives a new password', async () => {
      await expect(createStaffAccount(t.db.platform, { tenant: 'nowhere', email: 'a@council.example' })).rejects.toThrow(/There is no council "nowhere"/);
      const first = await createStaff(t, STOKE.slug);
      await expect(createStaffAccount(t.db.platform, { tenant: STOKE.slug, email: first.email })).rejects.toBeInstanceOf(StaffAccountError);
      await expect(createStaffAccount(t.db.platform, { tenant: STOKE.slug, email: 'b@council.example', password: 'short' })).rejects.toThrow(/policy/);

      const reset = await createStaffAccount(t.db.platform, { tenant: STOKE.slug, email: first.email, reset: true });
      expect(reset.action).toBe('reset');
      expect(reset.password).not.toBe(first.password);
      const staff = visitor(STOKE.host);
      const old = await staff.post('/backoffice/sign-in', { email: first.email, password: first.password });
      expect(old.status).toBe(400);
      await staff.signIn(first.email, reset.password);
      expect((await staff.get('/backoffice')).status).toBe(200);
    });
  });

  describe('signing in', () => {
    it('gives the same page for a wrong password and an unknown email address', async () => {
      const staff = await createStaff(t, REDCAR.slug);
      const person = visitor(REDCAR.host);
      const wrong = await person.post('/backoffice/sign-in', { email: staff.email, password: 'Not-the-Passw0rd!' });
      const unknown = await person.post('/backoffice/sign-in', { email: 'nobody.here@council.example', password: 'Not-the-Passw0rd!' });
      expect(wrong.status).toBe(400);
      expect(unknown.status).toBe(400);
      expect(wrong.text).toContain('Enter a correct email address and password');
      const normalise = (html: string, email: string) => html.replaceAll(email, 'EMAIL');
      expect(normalise(wrong.text, staff.email)).toBe(normalise(unknown.text, 'nobody.here@council.example'));
      // The typed email is kept; the password never is.
      expect(wrong.text).toContain(`value="${staff.email}"`);
      expect(wrong.text).not.toContain('Not-the-Passw0rd!');
    });

    it('pauses sign-in after five wrong passwords, with the same message for a known and an unknown address', async () => {
      const staff = await createStaff(t, REDCAR.slug);
      const person = visitor(REDCAR.host);
      for (let i = 0; i < 5; i++) await person.post('/backoffice/sign-in', { email: staff.email, password: `Wrong-passw0rd-${i}` });
      const paused = await person.post('/backoffice/sign-in', { email: staff.email, password: staff.password });
      expect(paused.status).toBe(429);
      expect(paused.text).toContain('There have been too many unsuccessful attempts to sign in with this email address.');
      expect(paused.headers.location).toBeUndefined();

      const stranger = visitor(REDCAR.host);
      for (let i = 0; i < 5; i++) await stranger.post('/backoffice/sign-in', { email: 'unknown.person@council.example', password: `Wrong-passw0rd-${i}` });
      const pausedToo = await stranger.post('/backoffice/sign-in', { email: 'unknown.person@council.example', password: 'Anything-1!' });
      expect(pausedToo.status).toBe(429);
      const normalise = (html: string, email: string) => html.replaceAll(email, 'EMAIL').replace(/name="_csrf" value="[^"]+"/g, '');
      expect(normalise(pausedToo.text, 'unknown.person@council.example')).toBe(normalise(paused.text, staff.email));
      const account = await t.db.platform('accounts').where({ tenant_id: tenantId(REDCAR.slug), email: staff.email }).first();
      expect(account.failed_sign_ins).toBe(5);
      expect(account.locked_until).not.toBeNull();
    });

    it('refuses a code that has been used', async () => {
      const staff = await createStaff(t, REDCAR.slug);
      const person = visitor(REDCAR.host);
      await person.post('/backoffice/sign-in', { email: staff.email, password: staff.password });
      const used = await emailedCode(t, staff.email);
      expect((await person.post('/backoffice/sign-in/code', { code: used })).headers.location).toBe('/backoffice');
      await person.post('/backoffice/sign-out');

      await person.post('/backoffice/sign-in', { email: staff.email, password: staff.password });
      const fresh = await emailedCode(t, staff.email);
      expect(fresh).not.toBe(used);
      const again = await person.post('/backoffice/sign-in/code', { code: used });
      expect(again.status).toBe(400);
      expect(again.text).toContain('The code is not correct. You have 4 more tries before you need a new code.');
      expect((await person.get('/backoffice')).headers.location).toBe('/backoffice/sign-in');
    });

    it('refuses an old code once a new one has been sent; the new one works', async () => {
      const staff = await createStaff(t, REDCAR.slug);
      const person = visitor(REDCAR.host);
      await person.post('/backoffice/sign-in', { email: staff.email, password: staff.password });
      const old = await emailedCode(t, staff.email);
      const resent = await person.post('/backoffice/sign-in/new-code');
      expect(resent.headers.location).toBe('/backoffice/sign-in/code');
      const page = await person.get('/backoffice/sign-in/code');
      expect(page.text).toContain(`We have sent a new code to ${staff.email}. Only the newest code works.`);
      const fresh = await emailedCode(t, staff.email);
      const refused = await person.post('/backoffice/sign-in/code', { code: old });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('The code is not correct.');
      const accepted = await person.post('/backoffice/sign-in/code', { code: fresh });
      expect(accepted.headers.location).toBe('/backoffice');
    });

    it('refuses the sixth try even when it is right, until a new code is sent', async () => {
      const staff = await createStaff(t, REDCAR.slug);
      const person = visitor(REDCAR.host);
      await person.post('/backoffice/sign-in', { email: staff.email, password: staff.password });
      const code = await emailedCode(t, staff.email);
      for (let i = 1; i <= 4; i++) {
        const res = await person.post('/backoffice/sign-in/code', { code: wrongCode(code) });
        expect(res.text).toContain(i === 4 ? 'You have 1 more try' : `You have ${5 - i} more tries`);
      }
      const fifth = await person.post('/backoffice/sign-in/code', { code: wrongCode(code) });
      expect(fifth.text).toContain('You have entered a wrong code too many times. Send a new code and enter it below.');
      const sixth = await person.post('/backoffice/sign-in/code', { code });
      expect(sixth.status).toBe(400);
      expect(sixth.text).toContain('You have entered a wrong code too many times.');
      expect((await person.get('/backoffice')).headers.location).toBe('/backoffice/sign-in');

      await person.post('/backoffice/sign-in/new-code');
      const accepted = await person.post('/backoffice/sign-in/code', { code: await emailedCode(t, staff.email) });
      expect(accepted.headers.location).toBe('/backoffice');
      const audit = await t.db.platform('audit_log').where({ tenant_id: tenantId(REDCAR.slug), action: 'staff.sign-in-code-failed' }).count('* as n').first();
      expect(Number(audit!.n)).toBeGreaterThanOrEqual(6);
    });

    it('explains a missing or malformed code next to the field', async () => {
      const staff = await createStaff(t, REDCAR.slug);
      const person = visitor(REDCAR.host);
      await person.post('/backoffice/sign-in', { email: staff.email, password: staff.password });
      const empty = await person.post('/backoffice/sign-in/code', { code: '' });
      expect(empty.status).toBe(400);
      expect(empty.text).toContain('<a href="#code">Enter the verification code</a>');
      const letters = await person.post('/backoffice/sign-in/code', { code: 'abc' });
      expect(letters.text).toContain('Enter the 6-digit code from the email');
      expect(letters.text).toContain('value="abc"');
    });

    it('answers too many new codes with a readable 429 page', async () => {
      const staff = await createStaff(t, REDCAR.slug);
      const person = visitor(REDCAR.host);
      await person.post('/backoffice/sign-in', { email: staff.email, password: staff.password });
      for (let i = 0; i < 5; i++) expect((await person.post('/backoffice/sign-in/new-code')).status).toBe(303);
      const limited = await person.post('/backoffice/sign-in/new-code');
      expect(limited.status).toBe(429);
      expect(limited.text).toContain('Too many attempts');
      expect(limited.text).toContain('You have tried this too many times. Wait a few minutes and try again.');
      expect(decode(limited.text)).toContain('Redcar & Cleveland Borough Council');
    });

    it('refuses a form sent without its CSRF token', async () => {
      const res = await request(server).post('/backoffice/sign-in').set('Host', REDCAR.host).type('form').send({ email: 'a@b.example', password: 'x' });
      expect(res.status).toBe(403);
      expect(res.text).toContain('You cannot do that');
    });
  });

  describe('who may see what', () => {
    it('keeps a staff session out of professional pages', async () => {
      const staff = await createStaff(t, REDCAR.slug);
      const person = visitor(REDCAR.host);
      await person.signIn(staff.email, staff.password);
      const myAccount = await person.get('/my-account');
      expect(myAccount.status).toBe(302);
      expect(myAccount.headers.location).toBe('/sign-in');
    });

    it("sends a professional's session on /backoffice to the staff sign-in", async () => {
      const registration = await createWaitingRegistration(t, REDCAR.slug, { forename: 'Pat', surname: 'Teacher' });
      await inTenant(t.db.app, tenantId(REDCAR.slug), async () => {
        await Account.query(await db()).patch({ status: 'active' }).where({ id: registration.id });
      });
      // The session a professional's sign-in leaves behind.
      const key = randomBytes(32).toString('base64url');
      await inTenant(t.db.app, tenantId(REDCAR.slug), async () => {
        await (await db())('sessions').insert({
          id: createHash('sha256').update(key).digest('base64url'),
          data: { accountId: registration.id, kind: 'professional', signedInAt: Date.now() },
          expires_at: new Date(Date.now() + 600_000),
        });
      });
      const signature = createHmac('sha1', SECRET).update(`portal.sid=${key}`).digest('base64').replace(/\/|\+|=/g, (c) => ({ '/': '_', '+': '-', '=': '' })[c]!);
      const cookie = `portal.sid=${key}; portal.sid.sig=${signature}`;
      for (const path of ['/backoffice', '/backoffice/registrations', `/backoffice/registrations/${registration.id}`]) {
        const res = await request(server).get(path).set('Host', REDCAR.host).set('Cookie', cookie);
        expect(res.status).toBe(302);
        expect(res.headers.location).toBe('/backoffice/sign-in');
      }
      const approve = await request(server).post(`/backoffice/registrations/${registration.id}/approve`).set('Host', REDCAR.host).set('Cookie', cookie).type('form').send({});
      expect(approve.status).toBe(403);
    });

    it("shows Redcar's queue only Redcar's registrations", async () => {
      const ours = await createWaitingRegistration(t, REDCAR.slug, { forename: 'Ria', surname: 'Redcar' });
      const theirs = await createWaitingRegistration(t, STOKE.slug, { forename: 'Stan', surname: 'Stoke' });
      const staff = await createStaff(t, REDCAR.slug);
      const person = visitor(REDCAR.host);
      await person.signIn(staff.email, staff.password);
      const queue = await person.get('/backoffice/registrations');
      expect(queue.status).toBe(200);
      expect(queue.text).toContain('Ria Redcar');
      expect(queue.text).toContain(ours.email);
      expect(queue.text).not.toContain('Stan Stoke');
      expect(queue.text).not.toContain(theirs.email);
      // Another council's registration is simply not found here.
      const other = await person.get(`/backoffice/registrations/${theirs.id}`);
      expect(other.status).toBe(404);
      const approve = await person.post(`/backoffice/registrations/${theirs.id}/approve`);
      expect(approve.status).toBe(404);
      const stillWaiting = await t.db.platform('accounts').where({ tenant_id: tenantId(STOKE.slug), id: theirs.id }).first();
      expect(stillWaiting.status).toBe('awaiting_verification');
      // One of ours that was already decided goes back to the queue with a word.
      await t.db.platform('accounts').where({ id: ours.id }).update({ status: 'active' });
      const decided = await person.get(`/backoffice/registrations/${ours.id}`);
      expect(decided.headers.location).toBe('/backoffice/registrations');
      const afterwards = await person.get('/backoffice/registrations');
      expect(afterwards.text).toContain('That registration is no longer waiting for verification.');
    });

    it('has no queue where the council does not verify registrations', async () => {
      const staff = await createStaff(t, STOKE.slug);
      const person = visitor(STOKE.host);
      await person.signIn(staff.email, staff.password);
      const home = await person.get('/backoffice');
      expect(home.text).not.toContain('Registrations waiting for verification');
      expect(home.text).toContain('Children and young people');
      const queue = await person.get('/backoffice/registrations');
      expect(queue.status).toBe(404);
      expect(queue.text).toContain('Page not found');
    });
  });

  describe('deciding on registrations', () => {
    it('approves: the account becomes active, the decision is audited with the staff member, the professional is emailed', async () => {
      const registration = await createWaitingRegistration(t, REDCAR.slug, { forename: 'Alex', surname: 'Approved' });
      const staff = await createStaff(t, REDCAR.slug);
      const person = visitor(REDCAR.host);
      await person.signIn(staff.email, staff.password);
      const approved = await person.post(`/backoffice/registrations/${registration.id}/approve`);
      expect(approved.status).toBe(303);
      const queue = await person.get('/backoffice/registrations');
      expect(queue.text).toContain('You approved the registration of Alex Approved.');

      const row = await t.db.platform('accounts').where({ tenant_id: tenantId(REDCAR.slug), id: registration.id }).first();
      const staffRow = await t.db.platform('accounts').where({ tenant_id: tenantId(REDCAR.slug), email: staff.email, kind: 'staff' }).first();
      expect(row.status).toBe('active');
      expect(row.verified_at).not.toBeNull();
      expect(row.verified_by).toBe(staffRow.id);
      const audited = await t.db.platform('audit_log').where({ tenant_id: tenantId(REDCAR.slug), action: 'registration.approved', subject_id: registration.id }).first();
      expect(audited).toMatchObject({ actor_type: 'staff', actor_id: staffRow.id });
      const email = await t.emailTo(registration.email);
      expect(email.subject).toBe('Your registration has been approved');
      expect(email.text).toContain('Your registration has been approved: you can now sign in and use the Professional Portal.');
      // The council's canonical origin (configured host and port), not the request's Host header.
      expect(email.text).toContain(`http://${REDCAR.host}:${t.config.PORT}/sign-in`);
    });

    it('rejects only with a reason, keeps what was typed on error, and emails the reason with the council contact', async () => {
      const registration = await createWaitingRegistration(t, REDCAR.slug, { forename: 'Rory', surname: 'Rejected' });
      const staff = await createStaff(t, REDCAR.slug);
      const person = visitor(REDCAR.host);
      await person.signIn(staff.email, staff.password);
      const empty = await person.post(`/backoffice/registrations/${registration.id}/reject`, { reason: '   ' });
      expect(empty.status).toBe(400);
      expect(empty.text).toContain('<a href="#reason">Enter the reason for rejecting this registration</a>');
      const long = await person.post(`/backoffice/registrations/${registration.id}/reject`, { reason: 'x'.repeat(1001) });
      expect(long.status).toBe(400);
      expect(long.text).toContain('The reason must be 1,000 characters or fewer');
      expect(long.text).toContain('x'.repeat(1001));
      expect((await t.db.platform('accounts').where({ tenant_id: tenantId(REDCAR.slug), id: registration.id }).first()).status).toBe('awaiting_verification');

      const rejected = await person.post(`/backoffice/registrations/${registration.id}/reject`, { reason: 'We could not confirm that you work at this school.' });
      expect(rejected.status).toBe(303);
      const row = await t.db.platform('accounts').where({ tenant_id: tenantId(REDCAR.slug), id: registration.id }).first();
      expect(row).toMatchObject({ status: 'rejected', rejection_reason: 'We could not confirm that you work at this school.' });
      const audited = await t.db.platform('audit_log').where({ tenant_id: tenantId(REDCAR.slug), action: 'registration.rejected', subject_id: registration.id }).first();
      expect(audited.actor_type).toBe('staff');
      const email = await t.emailTo(registration.email);
      expect(email.subject).toBe('Your registration was not approved');
      expect(email.text).toContain('Your registration was not approved. Reason: We could not confirm that you work at this school.');
      expect(email.text).toContain('contact the SEND Team: sendportal@redcar-cleveland.gov.uk');
    });
  });

  it('signs staff in in Welsh on a bilingual council', async () => {
    const staff = await createStaff(t, VALE.slug);
    const person = visitor(VALE.host);
    await person.get('/backoffice/sign-in?lang=cy');
    const page = await person.get('/backoffice/sign-in');
    expect(page.text).toContain('<html lang="cy"');
    expect(decode(page.text)).toContain("Mewngofnodi i'r swyddfa gefn");
    const wrong = await person.post('/backoffice/sign-in', { email: staff.email, password: 'Anghywir-123!' });
    expect(decode(wrong.text)).toContain('Rhowch gyfeiriad e-bost a chyfrinair cywir');
    await person.signIn(staff.email, staff.password);
    const home = await person.get('/backoffice');
    expect(decode(home.text)).toContain('Swyddfa gefn Cyngor Bro Morgannwg');
  });
});
