import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleAddressesIfEmpty } from '../../src/accounts/addresses/sample.js';
import { checkEnabledForms } from '../../src/forms/library.js';
import { bootstrapDatabase, OWNER_ROLE, roleUrl } from '../../src/platform/db/bootstrap.js';
import { connect, openDatabases } from '../../src/platform/db/connections.js';
import { freePort, startCluster, type EmbeddedCluster } from '../../src/platform/db/embedded.js';
import { migrateLatest } from '../../src/platform/db/migrate.js';
import { createTransport, MailWorker } from '../../src/platform/mail/worker.js';
import { TenantConfigService } from '../../src/tenancy/config-service.js';
import { syncTenantFiles } from '../../src/tenancy/sync.js';
import { APP_ROLE, PLATFORM_ROLE } from '../../migrations/rls.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { codeIn, createProfessional, formAgent, SAM_TAYLOR_SENCO, signInAs } from '../support/accounts.js';
import type { TestDatabase } from '../support/database.js';
import { TestSmtpServer } from '../support/smtp.js';

/**
 * Faults, each with the real part failing: the SMTP server refusing mail for a
 * while, and Postgres stopped and started again under the running app. (clamd
 * down: tests/integration/uploads-scanner.test.ts.)
 */

describe('SMTP refusing mail for a while', () => {
  let t: TestApp;
  const refusing = new TestSmtpServer();
  let port: number;
  let worker: MailWorker;

  beforeAll(async () => {
    t = await buildTestApp();
    port = await freePort();
    worker = new MailWorker(t.db.platform, t.registry, createTransport(`smtp://127.0.0.1:${port}`), 'portal@example.org', pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await refusing.stop();
    await t?.close();
  });

  const makeDue = () => t.db.platform('outbox').where({ status: 'pending' }).update({ next_attempt_at: t.db.platform.raw("now() - interval '1 second'") });

  it('delivers every email exactly once after the server accepts mail again: none lost, none doubled', async () => {
    // The server answers, but refuses every message with a temporary error (421).
    refusing.refuse = true;
    await refusing.start(port);
    // Ten people ask for a new password through the real pages, at three councils.
    const people = await Promise.all(
      ['leicester', 'dudley', 'stoke-on-trent', 'leicester', 'dudley', 'stoke-on-trent', 'leicester', 'dudley', 'stoke-on-trent', 'leicester'].map((slug) => createProfessional(t, slug)),
    );
    for (const who of people) {
      const agent = request.agent(t.app.callback());
      const page = await agent.get('/forgotten-password').set('Host', who.host);
      const token = page.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
      const res = await agent.post('/forgotten-password').set('Host', who.host).type('form').send({ _csrf: token, email: who.email });
      expect(res.status).toBe(303);
    }
    const addresses = people.map((p) => p.email);
    const ours = () => t.db.platform('outbox').whereIn('to_address', addresses);
    expect(await ours()).toHaveLength(10);

    // Three rounds while the server refuses: nothing is delivered, nothing is given up.
    for (let round = 0; round < 3; round++) {
      await makeDue();
      const result = await worker.drain(100);
      expect(result.sent).toBe(0);
      expect(result.failed).toBe(0);
    }
    expect(refusing.received).toHaveLength(0);
    expect(refusing.refused).toBeGreaterThanOrEqual(10);
    for (const row of await ours()) {
      expect(row.status).toBe('pending');
      expect(row.attempts).toBeGreaterThanOrEqual(3);
      expect(row.last_error).toMatch(/421/);
    }

    // The server takes mail again.
    refusing.refuse = false;
    await makeDue();
    for (let round = 0; round < 5 && (await ours().where({ status: 'pending' })).length; round++) {
      await worker.drain(100);
      await makeDue();
    }
    // Further drains find nothing more to send.
    await worker.drain(100);
    expect((await ours()).map((r) => r.status)).toEqual(Array(10).fill('sent'));
    for (const address of addresses) {
      const received = refusing.received.filter((m) => m.to.includes(address));
      expect(received, address).toHaveLength(1);
      expect(received[0]!.text).toMatch(/\b\d{6}\b/);
    }
    expect(new Set(refusing.received.map((m) => m.messageId)).size).toBe(refusing.received.length);
  });
});

describe('Postgres stopped and started again under the running app', () => {
  let dir: string;
  let cluster: EmbeddedCluster;
  let pgPort: number;
  let t: TestApp;
  let db: TestDatabase;

  beforeAll(async () => {
    // A cluster of this test's own: stopping the run's shared one would stop every other test file.
    dir = await mkdtemp(path.join(os.tmpdir(), 'portal-fault-pg-'));
    pgPort = await freePort();
    cluster = await startCluster(path.join(dir, 'pg'), { port: pgPort, persistent: true });
    const make = () => randomBytes(12).toString('hex');
    const passwords = { owner: make(), app: make(), platform: make() };
    const name = 'portal_fault';
    await bootstrapDatabase(cluster.adminUrl, name, passwords);
    const owner = connect(roleUrl(cluster.adminUrl, OWNER_ROLE, passwords.owner, name), 1);
    await migrateLatest(owner);
    const urls = {
      app: roleUrl(cluster.adminUrl, APP_ROLE, passwords.app, name),
      owner: roleUrl(cluster.adminUrl, OWNER_ROLE, passwords.owner, name),
      platform: roleUrl(cluster.adminUrl, PLATFORM_ROLE, passwords.platform, name),
    };
    const dbs = openDatabases(urls);
    await syncTenantFiles(new TenantConfigService(dbs.platform, { checkForms: checkEnabledForms }), dbs.platform, checkEnabledForms);
    await loadSampleAddressesIfEmpty(dbs.platform);
    const admin = connect(cluster.adminUrl, 1);
    db = {
      ...dbs,
      name,
      admin,
      owner,
      async drop() {
        await Promise.all([dbs.close(), admin.destroy(), owner.destroy()]);
      },
    };
    t = await buildTestApp({}, db);
  });
  afterAll(async () => {
    await t?.close();
    await cluster?.stop().catch(() => {});
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reports it on /readyz, answers 503 meanwhile (never hangs, never 500), and recovers without a restart', async () => {
    const pro = await createProfessional(t, 'leicester');
    const agent = request.agent(t.app.callback());
    await signInAs(t, agent, pro.email, pro.password, { host: pro.host });
    const myAccount = () => agent.get('/my-account').set('Host', pro.host);
    const ready = () => request(t.app.callback()).get('/readyz').set('Host', pro.host);
    expect((await myAccount()).status).toBe(200);
    expect((await ready()).status).toBe(200);

    await cluster.stop();

    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'unavailable', database: 'unreachable' });
    for (let i = 0; i < 3; i++) {
      const page = await myAccount();
      expect(page.status).toBe(503);
      expect(page.headers['retry-after']).toBeDefined();
      expect(page.text).toContain('Sorry, the service is unavailable');
      expect(page.text).not.toMatch(/\n\s+at /);
    }
    // A page that needs no database still answers, and so does /healthz.
    expect((await request(t.app.callback()).get('/healthz')).status).toBe(200);

    // Postgres comes back on the same port, with the same data.
    cluster = await startCluster(path.join(dir, 'pg'), { port: pgPort, persistent: true });
    let readyAgain = false;
    for (let i = 0; i < 50 && !readyAgain; i++) {
      readyAgain = (await ready()).status === 200;
      if (!readyAgain) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(readyAgain).toBe(true);
    const back = await myAccount();
    expect(back.status).toBe(200);
    expect(back.text).toContain(pro.account.forename);
  });
});

describe('A crash between the steps of a submission', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t?.db.owner.raw('drop trigger if exists fault_injection on outbox; drop function if exists fault_injection()').catch(() => {});
    await t?.close();
  });

  const DUDLEY = 'dudley.localhost';
  const MAILBOX = 'childrensportal@dudley.gov.uk';

  /** A Dudley referral, every step answered, ready to submit (it goes to the Social Care intake queue and its team mailbox). */
  async function readyReferral() {
    const pro = await createProfessional(t, 'dudley', { ...SAM_TAYLOR_SENCO, two_step: 'email' });
    const form = await formAgent(t, DUDLEY);
    await form.post('/sign-in', { email: pro.email, password: pro.password });
    expect((await form.post('/sign-in/code', { code: codeIn((await t.emailTo(pro.email)).text) })).status).toBe(303);
    const started = await form.post('/forms/start', { form: 'multi-agency-referral' });
    const id = /^\/forms\/([0-9a-f-]{36})$/.exec(started.headers.location!)![1]!;
    const save = async (step: string, body: Record<string, string | string[]>) => expect((await form.post(`/forms/${id}/steps/${step}`, body)).status, step).toBe(303);
    const role = await t.db.platform('work_roles').where({ account_id: pro.account.id }).first();
    await save('workDetails', { workRole: role.id });
    await save('consent', { familyTold: 'yes', consentGiven: 'yes' });
    const [child] = [...(await form.get(`/forms/${id}/steps/people`)).text.matchAll(/name="people" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    const person = (p: Record<string, string>) => Object.fromEntries(Object.entries(p).map(([k, v]) => [`person-${child}-${k}`, v]));
    await save('people', {
      people: [child!],
      ...person({ forename: 'Amy', surname: 'Smith', 'dateOfBirth-day': '3', 'dateOfBirth-month': '4', 'dateOfBirth-year': '2016', gender: 'female', 'address-mode': 'manual', 'address-building': '1', 'address-street': 'High Street', 'address-town': 'Dudley', 'address-postcode': 'DY1 1HF' }),
    });
    await save('aboutFamily', { firstLanguage: 'english', interpreterNeeded: 'no', disability: 'no' });
    await save('reason', { reason: 'Amy has told her teacher she is often left alone.', concerns: ['neglect'] });
    await save('immediateRisk', { immediateRisk: 'no' });
    await save('household', { housing: 'social-housing', workerSafety: 'no' });
    await save('professionals', { 'professionals-items': '0' });
    await save('views', { childVoice: 'Amy says she is hungry at school.', parentsViews: 'Jo says she works nights.', strengths: 'Amy loves school.', familyWants: 'Help with childcare.' });
    await save('documents', {});
    return { pro, form, id };
  }

  /** Everything a submission writes, for one response and its professional. */
  async function partsOf(id: string, email: string, noticesBefore: number) {
    const response = await t.db.platform('form_responses').where({ id }).first();
    return {
      status: response.status,
      version: response.version,
      versions: (await t.db.platform('form_versions').where({ response_id: id })).length,
      intake: (await t.db.platform('form_intake').where({ response_id: id })).length,
      messages: (await t.db.platform('messages').where({ account_id: response.account_id })).length,
      emails: (await t.db.platform('outbox').where({ to_address: email }).where('template', '<>', 'sign-in.emails.code')).map((r) => r.template),
      teamNotices: (await notices()) - noticesBefore,
      audit: (await t.db.platform('audit_log').where({ subject_id: id }).whereIn('action', ['form.submitted', 'form.resubmitted'])).length,
    };
  }

  const notices = async () => (await t.db.platform('outbox').where({ to_address: MAILBOX, template: 'forms.emails.intakeNotice' })).length;

  /** A real database failure on the very last statement of a submission: the intake team's email into the outbox. */
  async function injectFault(body: string) {
    await t.db.owner.raw(`create or replace function fault_injection() returns trigger language plpgsql as $$
      begin if new.template = 'forms.emails.intakeNotice' then ${body}; end if; return new; end $$`);
    await t.db.owner.raw('drop trigger if exists fault_injection on outbox; create trigger fault_injection before insert on outbox for each row execute function fault_injection()');
  }
  const removeFault = () => t.db.owner.raw('drop trigger if exists fault_injection on outbox; drop function if exists fault_injection()');

  for (const [name, body] of [
    ['a statement fails', "raise exception 'injected fault'"],
    ["the database connection is killed", 'perform pg_terminate_backend(pg_backend_pid())'],
  ] as const) {
    it(`leaves the form a draft with none of its parts when ${name} after the answers are frozen, then submits it whole`, async () => {
      const { pro, form, id } = await readyReferral();
      const before = await notices();
      const draft = { status: 'draft', version: 0, versions: 0, intake: 0, messages: 0, emails: [], teamNotices: 0, audit: 0 };
      expect(await partsOf(id, pro.email, before)).toEqual(draft);

      await injectFault(body);
      try {
        const failed = await form.post(`/forms/${id}/submit`, { accurate: 'agree', sharing: 'agree' });
        expect(failed.status).toBeGreaterThanOrEqual(500);
        expect(failed.text).not.toMatch(/\n\s+at /);
      } finally {
        await removeFault();
      }
      // Nothing of the submission stayed: no frozen version, no intake row, no message, no email, no audit entry.
      expect(await partsOf(id, pro.email, before)).toEqual(draft);
      // The page still offers the draft to submit.
      expect((await form.get(`/forms/${id}/steps/summary`)).status).toBe(200);

      // The fault is gone: the same submission goes through with every part.
      const ok = await form.post(`/forms/${id}/submit`, { accurate: 'agree', sharing: 'agree' });
      expect(ok.status).toBe(303);
      expect(ok.headers.location).toBe(`/forms/${id}/submitted`);
      expect(await partsOf(id, pro.email, before)).toEqual({ status: 'submitted', version: 1, versions: 1, intake: 1, messages: 1, emails: ['emails.portalMessage'], teamNotices: 1, audit: 1 });
    });
  }
});
