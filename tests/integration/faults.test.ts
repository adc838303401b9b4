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
import { createProfessional, signInAs } from '../support/accounts.js';
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
