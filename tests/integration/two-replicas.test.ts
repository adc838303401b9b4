import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServices } from '../../src/app/services.js';
import { createWebApp } from '../../src/app/web.js';
import { listenForTenantChanges } from '../../src/tenancy/listener.js';
import { TenantRegistry } from '../../src/tenancy/registry.js';
import { tenantSchema } from '../../src/tenancy/schema.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { codeIn, createProfessional, SAM_TAYLOR_SENCO } from '../support/accounts.js';

const HOST = 'leicester.localhost';
const quiet = { error: () => {}, info: () => {}, warn: () => {} };

/**
 * Two web replicas on one database, each with its own council registry and
 * NOTIFY listener on the app role, as production runs them behind the proxy:
 * a session made on one works on the other, and a council change reaches both.
 */
describe('two web replicas on one database', () => {
  let t: TestApp;
  const replicas: { name: string; handler: ReturnType<ReturnType<typeof createWebApp>['callback']>; registry: TenantRegistry }[] = [];
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    t = await buildTestApp();
    for (const name of ['one', 'two']) {
      // As the production web process: the app role only, its own registry, reloaded by NOTIFY.
      const registry = await TenantRegistry.load(t.db.app);
      const listener = await listenForTenantChanges(t.db.urls.app, registry, t.db.app, quiet);
      stops.push(() => listener.stop());
      const services = buildServices({ ...t.services, db: { app: t.db.app }, registry });
      replicas.push({ name, handler: createWebApp(services).callback(), registry });
    }
  });
  afterAll(async () => {
    for (const stop of stops) await stop();
    await t.close();
  });

  /** Cookies carried by hand, so that each request may go to either replica. */
  const jar = new Map<string, string>();
  function keep(res: request.Response) {
    for (const line of (res.headers['set-cookie'] as unknown as string[] | undefined) ?? []) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1));
    }
    return res;
  }
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const get = async (replica: number, path: string) => keep(await request(replicas[replica]!.handler).get(path).set('Host', HOST).set('Cookie', cookie()));
  const post = async (replica: number, path: string, form: Record<string, string>) =>
    keep(await request(replicas[replica]!.handler).post(path).set('Host', HOST).set('Cookie', cookie()).type('form').send(form));

  it('signs in on one replica, finishes the second step on the other, and is signed in on both', async () => {
    const pro = await createProfessional(t, 'leicester', { ...SAM_TAYLOR_SENCO, two_step: 'email' });
    const page = await get(0, '/sign-in');
    const token = page.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const started = await post(0, '/sign-in', { _csrf: token, email: pro.email, password: pro.password });
    expect(started.headers.location).toBe('/sign-in/code');
    const done = await post(1, '/sign-in/code', { _csrf: token, code: codeIn((await t.emailTo(pro.email)).text) });
    expect(done.status).toBe(303);
    for (const replica of [0, 1]) {
      const send = await get(replica, '/send');
      expect(send.status, `replica ${replica}`).toBe(200);
      expect(send.text).toContain('Select Person');
    }
    // Signed out on one: signed out on both.
    const home = await get(1, '/send');
    const again = home.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    expect((await post(1, '/sign-out', { _csrf: again })).status).toBe(303);
    for (const replica of [0, 1]) expect((await get(replica, '/send')).headers.location, `replica ${replica}`).toMatch(/sign-in/);
  });

  it('shows a council change on both replicas, without a restart', async () => {
    const row = await t.db.platform('tenants').where({ slug: 'leicester' }).first();
    const config = tenantSchema.parse(row.config);
    await t.tenants.save({ tenantId: row.id, config: { ...config, portalName: { en: 'Leicester Two Replica Portal' } }, expectedRevision: row.revision, source: 'console', actor: 'ops@example.org', reason: 'rename' });
    for (const replica of replicas) {
      for (let tries = 0; replica.registry.forSlug('leicester')?.portalName.en !== 'Leicester Two Replica Portal'; tries++) {
        if (tries > 250) throw new Error(`replica ${replica.name} did not reload the council`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    for (const replica of [0, 1]) expect((await get(replica, '/')).text, `replica ${replica}`).toContain('Leicester Two Replica Portal');
  });
});
