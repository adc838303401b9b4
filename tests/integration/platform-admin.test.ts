import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEnabledForms } from '../../src/forms/library.js';
import { StaleRevisionError, TenantConfigService } from '../../src/tenancy/config-service.js';
import { exportTenant, importTenantFiles } from '../../src/tenancy/files.js';
import { listenForTenantChanges } from '../../src/tenancy/listener.js';
import { loadTenantFiles } from '../../src/tenancy/load.js';
import { TenantRegistry } from '../../src/tenancy/registry.js';
import { tenantSchema } from '../../src/tenancy/schema.js';
import pino from 'pino';
import { createTransport, MailWorker } from '../../src/platform/mail/worker.js';
import { queueEmail } from '../../src/platform/mail/outbox.js';
import { inTenant } from '../../src/platform/db/unit-of-work.js';
import { RateLimiter } from '../../src/admin/accounts/rate-limiter.js';
import { ADMIN_HOST, authenticatorCode, setUpAdmin, signedInAdmin, type SignedInAdmin } from '../support/admin.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createProfessional, signInAs } from '../support/accounts.js';

const csrfIn = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1];

describe('platform administration', () => {
  let t: TestApp;
  let admin: SignedInAdmin;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await signedInAdmin(t, 'first.admin@platform.example');
  });
  afterAll(() => t?.close());

  describe('accounts', () => {
    it('sets up with ten recovery codes shown once, and signs in with a recovery code', async () => {
      const setup = await setUpAdmin(t, 'second.admin@platform.example');
      expect(setup.recoveryCodes).toHaveLength(10);
      expect(new Set(setup.recoveryCodes).size).toBe(10);
      const again = await setup.agent.get('/setup/recovery-codes').set('Host', ADMIN_HOST);
      expect(again.status).toBe(303);
      const stored = await t.db.platform('platform_admin_recovery_codes').join('platform_admins', 'platform_admins.id', 'admin_id').where({ email: 'second.admin@platform.example' }).select('code_hash');
      expect(stored).toHaveLength(10);
      expect(stored.map((s) => s.code_hash)).not.toContain(setup.recoveryCodes[0]);
      const { totp_secret: sealed } = await t.db.platform('platform_admins').where({ email: 'second.admin@platform.example' }).first('totp_secret');
      expect(sealed).toMatch(/^v1\./);
      expect(sealed).not.toContain(setup.secret);

      const agent = request.agent(t.app.callback());
      const page = await agent.get('/sign-in').set('Host', ADMIN_HOST);
      await agent.post('/sign-in').set('Host', ADMIN_HOST).type('form').send({ _csrf: csrfIn(page.text), email: 'second.admin@platform.example', password: 'Granite-Lantern-Orchard-71' }).expect(303);
      const codePage = await agent.get('/sign-in/code').set('Host', ADMIN_HOST);
      const signedIn = await agent.post('/sign-in/code').set('Host', ADMIN_HOST).type('form').send({ _csrf: csrfIn(codePage.text), code: setup.recoveryCodes[3]!.toUpperCase() });
      expect(signedIn.status).toBe(303);
      expect((await agent.get('/').set('Host', ADMIN_HOST)).status).toBe(200);
    });

    it('brakes sign-in attempts from one address across replicas (shared counters, the address kept as a hash)', async () => {
      const replicaA = new RateLimiter(t.db.platform, 'admin-sign-in:test', 3, 900);
      const replicaB = new RateLimiter(t.db.platform, 'admin-sign-in:test', 3, 900);
      expect([await replicaA.allow('203.0.113.9'), await replicaB.allow('203.0.113.9'), await replicaA.allow('203.0.113.9')]).toEqual([true, true, true]);
      expect(await replicaB.allow('203.0.113.9')).toBe(false);
      expect(await replicaA.allow('203.0.113.10')).toBe(true);
      const keys = await t.db.platform('platform_rate_limits').where({ bucket: 'admin-sign-in:test' }).pluck('key');
      expect(keys).toHaveLength(2);
      expect(keys.join()).not.toContain('203.0.113');
    });

    it('locks sign-in after five wrong authenticator codes: the sixth try is refused even with the right code', async () => {
      const email = 'careless.admin@platform.example';
      const setup = await setUpAdmin(t, email);
      const agent = request.agent(t.app.callback());
      const page = await agent.get('/sign-in').set('Host', ADMIN_HOST);
      await agent.post('/sign-in').set('Host', ADMIN_HOST).type('form').send({ _csrf: csrfIn(page.text), email, password: 'Granite-Lantern-Orchard-71' }).expect(303);
      const codePage = await agent.get('/sign-in/code').set('Host', ADMIN_HOST);
      const token = csrfIn(codePage.text);
      for (let i = 0; i < 5; i++) {
        const wrong = await agent.post('/sign-in/code').set('Host', ADMIN_HOST).type('form').send({ _csrf: token, code: '000000' });
        expect(wrong.status).toBeGreaterThanOrEqual(400);
      }
      const sixth = await agent.post('/sign-in/code').set('Host', ADMIN_HOST).type('form').send({ _csrf: token, code: await authenticatorCode(setup.secret, Math.floor(Date.now() / 1000) + 30) });
      expect(sixth.status).toBe(429);
      expect(sixth.text).toContain('locked');
      const audit = await t.db.platform('platform_audit_log').where({ admin_email: email, action: 'admin.sign-in-failed' });
      expect(audit.length).toBeGreaterThanOrEqual(6);
    });

    it('refuses every admin post without the CSRF token', async () => {
      for (const path of ['/sign-in', '/sign-in/code', '/sign-out', '/councils/new', '/councils/leicester/suspend', '/councils/leicester/tasks/identity', '/setup/password']) {
        const res = await admin.agent.post(path).set('Host', ADMIN_HOST).type('form').send({ slug: 'x' });
        expect(res.status, path).toBe(403);
      }
      expect((await t.db.platform('tenants').where({ slug: 'leicester' }).first()).status).toBe('live');
    });

    it('answers admin routes only on the admin host, and council routes only on council hosts', async () => {
      for (const path of ['/councils/new', '/setup/password', '/setup/recovery-codes', '/audit', '/councils/leicester/history', '/councils/leicester/preview/home']) {
        const res = await request(t.app.callback()).get(path).set('Host', 'leicester.localhost');
        expect(res.status, path).toBe(404);
      }
      for (const path of ['/register', '/backoffice', '/backoffice/sign-in', '/help/contact', '/favicon.ico', '/theme.css', '/logo', '/_dev/mailbox', '/staff-setup/abc']) {
        const res = await admin.get(path);
        expect(res.status, path).toBe(404);
      }
      expect((await admin.get('/no-such-page')).headers['cache-control']).toBe('no-store');
    });

    it('ignores a professional\'s or a staff member\'s session cookie on the admin host', async () => {
      const pro = await createProfessional(t, 'leicester');
      const agent = request.agent(t.app.callback());
      await signInAs(t, agent, pro.email, pro.password, { host: 'leicester.localhost' });
      const home = await agent.get('/').set('Host', 'leicester.localhost');
      expect(home.text).toContain('My Account');
      const cookies = (await agent.get('/').set('Host', 'leicester.localhost')).request.cookies;
      const res = await request(t.app.callback()).get('/').set('Host', ADMIN_HOST).set('Cookie', String(cookies ?? ''));
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/sign-in');
    });

    it('ends an admin session after 15 idle minutes', async () => {
      await t.db.platform('platform_admin_sessions').update({ expires_at: new Date(Date.now() - 1000) });
      const res = await admin.get('/');
      expect(res.status).toBe(303);
      admin = await signedInAdmin(t, 'third.admin@platform.example');
    });
  });

  describe('councils', () => {
    it("keeps the preview's links in the preview: the council's own pages open their preview, other council paths are inert", async () => {
      for (const [slug, lang] of [['leicester', 'en'], ['vale-of-glamorgan', 'cy']] as const) {
        const base = `/councils/${slug}/preview`;
        for (const page of ['home', 'sign-in', 'register']) {
          const res = await admin.get(`${base}/${page}?lang=${lang}`);
          expect(res.status, `${slug} ${page}`).toBe(200);
          const links = [...res.text.matchAll(/<a\b[^>]*\shref="([^"]*)"[^>]*>/g)].map((m) => ({ tag: m[0], href: m[1]!.replace(/&amp;/g, '&') }));
          expect(links.length).toBeGreaterThan(3);
          for (const { tag, href } of links) {
            // No link leads to a council path on the admin host (its 404).
            if (href.startsWith('/')) expect(href.startsWith(`${base}/`) || href === base, `${slug} ${page}: ${tag}`).toBe(true);
            if (href === '#main-content' && tag.includes('aria-disabled')) expect(tag).toMatch(/data-preview-of="\//);
          }
          // The header's council link (and the sign-in and register links) open their previews, in the same language.
          const inPreview = new Set(links.map((l) => l.href).filter((h) => h.startsWith(`${base}/`)));
          expect(inPreview.has(`${base}/home?lang=${lang}`), `${slug} ${page} links home`).toBe(true);
          for (const href of inPreview) expect((await admin.get(href)).status, href).toBe(200);
        }
        const home = await admin.get(`${base}/home?lang=${lang}`);
        expect(home.text).toContain(`href="${base}/sign-in?lang=${lang}"`);
        expect(home.text).toMatch(/aria-disabled="true" data-preview-of="\/help/);
      }
    });

    it('lists every council with its figures, and never caches admin pages', async () => {
      const res = await admin.get('/');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      for (const name of ['Leicester City Council', 'Dudley Council', 'Vale of Glamorgan Council']) expect(res.text).toContain(name);
      expect(res.text).toContain('leicester.localhost');
      expect(res.text).toContain('Live');
    });

    it('refuses a colour pair under 4.5:1 with the ratio, stores nothing, and audits a saved change with before and after', async () => {
      const page = await admin.get('/councils/stoke-on-trent/tasks/branding');
      const version = page.text.match(/name="version" value="(\d+)"/)![1]!;
      const values = { version, 'colours.header': '#777777', 'colours.headerText': '#ffffff', 'colours.primary': '#00703c', 'colours.link': '#1d70b8', 'colours.footer': '#f3f2f1', 'colours.footerText': '#0b0c0c' };
      const refused = await admin.post('/councils/stoke-on-trent/tasks/branding', values);
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('govuk-error-summary');
      expect(refused.text).toMatch(/contrast ratio of 4\.4\d:1/);
      expect(await t.db.platform('tenant_drafts').count({ n: '*' }).first()).toEqual({ n: 0 });

      const saved = await admin.post('/councils/stoke-on-trent/tasks/branding', { ...values, 'colours.header': '#333333' });
      expect(saved.status).toBe(303);
      const entry = await t.db.platform('platform_audit_log').where({ action: 'council.draft.branding' }).orderBy('id', 'desc').first();
      expect(entry.admin_email).toBe(admin.email);
      expect(entry.before.brand.colours.header).not.toBe('#333333');
      expect(entry.after.brand.colours.header).toBe('#333333');

      // The same form again, from the version it was opened at: refused, not lost silently.
      const stale = await admin.post('/councils/stoke-on-trent/tasks/branding', { ...values, 'colours.header': '#222222' });
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('Someone else changed this council');
    });

    it('refuses a save that started from an older revision', async () => {
      const row = await t.db.platform('tenants').where({ slug: 'dudley' }).first();
      const config = tenantSchema.parse(row.config);
      await t.tenants.save({ tenantId: row.id, config, expectedRevision: row.revision, source: 'console', actor: 'a@example.org', reason: 'first' });
      await expect(t.tenants.save({ tenantId: row.id, config, expectedRevision: row.revision, source: 'console', actor: 'b@example.org', reason: 'second' })).rejects.toBeInstanceOf(StaleRevisionError);
    });

    it('suspends a council (503 on its hosts in English and Welsh, sessions ended) and reactivates it', async () => {
      const pro = await createProfessional(t, 'vale-of-glamorgan');
      const agent = request.agent(t.app.callback());
      await signInAs(t, agent, pro.email, pro.password, { host: 'vale.localhost' });
      const suspend = await admin.post('/councils/vale-of-glamorgan/suspend', {});
      expect(suspend.status).toBe(303);
      await t.registry.reload(t.db.platform);
      const res = await request(t.app.callback()).get('/').set('Host', 'vale.localhost');
      expect(res.status).toBe(503);
      expect(res.text).toContain('This service is unavailable');
      expect(res.text).toMatch(/Nid yw(&#39;|')r gwasanaeth hwn ar gael/);
      const tenantId = t.registry.forSlug('vale-of-glamorgan')!.id;
      expect(await t.db.platform('sessions').where({ tenant_id: tenantId }).count({ n: '*' }).first()).toEqual({ n: 0 });
      expect((await request(t.app.callback()).get('/_tls/ask?domain=vale.localhost')).status).toBe(404);

      // Nothing leaves for a suspended council: its email waits, and goes once it is live again.
      await inTenant(t.db.app, tenantId, () => queueEmail({ to: pro.email, template: 'emails.portalMessage', locale: 'en', data: { actionUrl: 'http://vale.localhost/messages' } }));
      const worker = new MailWorker(t.db.platform, t.registry, createTransport(undefined), 'portal@example.org', pino({ level: 'silent' }));
      await t.db.platform('outbox').where({ tenant_id: tenantId, status: 'pending' }).update({ next_attempt_at: new Date(Date.now() - 1000) });
      expect(await worker.drain(100)).toMatchObject({ sent: 0, failed: 0 });
      const waiting = await t.db.platform('outbox').where({ tenant_id: tenantId, to_address: pro.email }).first('status', 'attempts');
      expect(waiting).toEqual({ status: 'pending', attempts: 0 });

      await admin.post('/councils/vale-of-glamorgan/reactivate', {});
      await t.registry.reload(t.db.platform);
      await t.db.platform('outbox').where({ tenant_id: tenantId, status: 'pending' }).update({ next_attempt_at: new Date(Date.now() - 1000) });
      const delivered = await t.emailTo(pro.email);
      expect(delivered.subject).not.toContain('emails.');
      expect(t.smtp.received.filter((m) => m.to.includes(pro.email.toLowerCase()))).toHaveLength(1);
      expect((await request(t.app.callback()).get('/').set('Host', 'vale.localhost')).status).toBe(200);
      const mine = await agent.get('/my-account').set('Host', 'vale.localhost');
      expect(mine.status).toBe(302);
      const audit = await t.db.platform('platform_audit_log').whereIn('action', ['council.suspended', 'council.reactivated']).orderBy('id');
      expect(audit.map((a) => [a.action, a.before, a.after])).toEqual([
        ['council.suspended', { status: 'live' }, { status: 'suspended' }],
        ['council.reactivated', { status: 'suspended' }, { status: 'live' }],
      ]);
    });

    it('answers the on-demand TLS question only for host names of live councils', async () => {
      const ask = (domain: string) => request(t.app.callback()).get(`/_tls/ask?domain=${domain}`).set('Host', 'app1:3000');
      expect((await ask('sendprofessionals.leicester.gov.uk')).status).toBe(200);
      expect((await ask('example.com')).status).toBe(404);
      expect((await ask('')).status).toBe(404);
    });
  });

  describe('registry', () => {
    it('keeps serving the last good config of a council made invalid in the database, and logs an error', async () => {
      const errors: unknown[] = [];
      const log = { error: (obj: unknown) => errors.push(obj), info: () => {} };
      const registry = await TenantRegistry.load(t.db.platform, log);
      const before = registry.forSlug('redcar-and-cleveland')!;
      await t.db.platform('tenants').where({ slug: 'redcar-and-cleveland' }).update({ config: JSON.stringify({ slug: 'redcar-and-cleveland', broken: true }), revision: before.revision! + 1 });
      await registry.reload(t.db.platform);
      expect(registry.forSlug('redcar-and-cleveland')?.name.en).toBe(before.name.en);
      expect(registry.forHost('redcar.localhost')?.id).toBe(before.id);
      expect(errors).toHaveLength(1);
      expect(JSON.stringify(errors[0])).toContain('keeping');
      await t.db.platform('tenants').where({ slug: 'redcar-and-cleveland' }).update({ config: JSON.stringify(before), revision: before.revision });
    });

    it('reaches another replica within 2 seconds by NOTIFY', async () => {
      const other = await TenantRegistry.load(t.db.platform);
      const listener = await listenForTenantChanges(t.db.urls.platform, other, t.db.platform, { error: () => {}, info: () => {}, warn: () => {} });
      try {
        const row = await t.db.platform('tenants').where({ slug: 'leicester' }).first();
        const config = tenantSchema.parse(row.config);
        const started = Date.now();
        await t.tenants.save({ tenantId: row.id, config: { ...config, portalName: { en: 'SEND Portal' } }, expectedRevision: row.revision, source: 'console', actor: 'a@example.org', reason: 'rename' });
        while (other.forSlug('leicester')?.portalName.en !== 'SEND Portal') {
          if (Date.now() - started > 2000) throw new Error('not reloaded within 2 s');
          await new Promise((r) => setTimeout(r, 20));
        }
        expect(Date.now() - started).toBeLessThan(2000);
      } finally {
        await listener.stop();
      }
    });
  });

  describe('files', () => {
    it('never overwrites a council changed in the console without --force, and says which fields differ', async () => {
      const service = new TenantConfigService(t.db.platform, { checkForms: checkEnabledForms });
      const files = await loadTenantFiles(checkEnabledForms);
      // leicester was changed in the console above (portal name).
      const kept = await importTenantFiles(service, t.db.platform, files);
      const leicester = kept.find((o) => o.slug === 'leicester')!;
      expect(leicester.action).toBe('kept');
      expect(leicester.differences.map((d) => d.path)).toContain('portalName.en');
      expect(kept.find((o) => o.slug === 'stoke-on-trent')!.action).toBe('unchanged');
      expect((await t.db.platform('tenants').where({ slug: 'leicester' }).first()).config.portalName.en).toBe('SEND Portal');

      const forced = await importTenantFiles(service, t.db.platform, files, { force: true });
      expect(forced.find((o) => o.slug === 'leicester')!.action).toBe('forced');
      const row = await t.db.platform('tenants').where({ slug: 'leicester' }).first();
      expect(row.config.portalName.en).not.toBe('SEND Portal');
      expect(row.source).toBe('file');
    });

    it('exports a council and imports it again, byte for byte', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'tenant-export-'));
      await exportTenant(t.db.platform, 'vale-of-glamorgan', dir);
      expect((await readdir(path.join(dir, 'vale-of-glamorgan'))).sort()).toEqual(['logo.svg', 'tenant.json']);
      const first = await readFile(path.join(dir, 'vale-of-glamorgan/tenant.json'));
      // The export equals the file in the repository.
      expect(first.toString()).toBe(await readFile('tenants/vale-of-glamorgan/tenant.json', 'utf8'));
      expect(await readFile(path.join(dir, 'vale-of-glamorgan/logo.svg'))).toEqual(await readFile('tenants/vale-of-glamorgan/logo.svg'));
      const service = new TenantConfigService(t.db.platform, { checkForms: checkEnabledForms });
      const outcome = await importTenantFiles(service, t.db.platform, await loadTenantFiles(checkEnabledForms, dir));
      expect(outcome).toEqual([{ slug: 'vale-of-glamorgan', action: 'unchanged', revision: expect.any(Number), differences: [] }]);
      await exportTenant(t.db.platform, 'vale-of-glamorgan', dir);
      expect(await readFile(path.join(dir, 'vale-of-glamorgan/tenant.json'))).toEqual(first);
    });
  });
});
