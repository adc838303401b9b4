import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleAddressesIfEmpty } from '../../src/accounts/addresses/sample.js';
import { WorkRole } from '../../src/accounts/queries/work-roles.js';
import { tenantRouters } from '../../src/app/routes.js';
import { createDraft } from '../../src/forms/responses.js';
import { createChild } from '../../src/people/children.js';
import { db, inTenant } from '../../src/platform/db/unit-of-work.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { codeIn, createProfessional, formAgent, SAM_TAYLOR_SENCO } from '../support/accounts.js';
import { createStaff } from '../support/staff.js';

const FORM = 'professional-request-ehc-assessment';
const HOST = 'leicester.localhost';

/** Every GET route of the route table, with `fill` putting ids into its path. */
function getRoutes(t: TestApp, fill: (path: string) => string): string[] {
  const paths: string[] = [];
  for (const router of tenantRouters(t.services)) {
    for (const layer of (router as unknown as { stack: { path: string; methods: string[] }[] }).stack) {
      if (layer.methods.includes('GET')) paths.push(fill(layer.path));
    }
  }
  return [...new Set(paths)];
}

/** Opens each path: the ones answered without `Cache-Control: no-store`, and how many pages were shown (200). */
async function noStoreOn(agent: { get(path: string): PromiseLike<{ status: number; headers: Record<string, string | undefined> }> }, paths: string[]) {
  const missing: string[] = [];
  let shown = 0;
  for (const path of paths) {
    const res = await agent.get(path);
    if (res.status === 200) shown++;
    if (res.headers['cache-control'] !== 'no-store') missing.push(`${path} → ${res.status} ${res.headers['cache-control'] ?? '(none)'}`);
  }
  return { missing, shown };
}

describe('privacy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await loadSampleAddressesIfEmpty(t.db.platform);
  });
  afterAll(() => t?.close());

  const sessionRows = async () => Number((await t.db.platform('sessions').count({ n: '*' }).first())!.n);

  it('writes no session row for anonymous visitors, whatever page they open, on every council', async () => {
    const anyId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    const paths = getRoutes(t, (p) => p.replace(/:[A-Za-z]+/g, anyId));
    expect(paths.length).toBeGreaterThan(40);
    expect(paths).toEqual(expect.arrayContaining(['/my-account', '/backoffice', '/messages']));
    const before = await sessionRows();
    const statuses = new Set<number>();
    for (const host of t.registry.all().map((tenant) => tenant.hostnames[0]!)) {
      // A fresh visitor for each council, keeping its cookies as a browser does.
      const agent = request.agent(t.app.callback());
      for (const path of paths) {
        const res = await agent.get(path).set('Host', host);
        statuses.add(res.status);
        expect(res.status, `${host}${path}`).toBeLessThan(500);
      }
      // Protected pages send the visitor to sign in (and back afterwards): the return is remembered without a session row.
      const protectedPage = await agent.get('/my-account').set('Host', host);
      expect(protectedPage.headers.location).toBe('/sign-in');
    }
    expect(statuses).toContain(302);
    expect(statuses).toContain(200);
    expect(await sessionRows()).toBe(before);
  });

  it('brings a visitor sent to sign in back to the page they asked for', async () => {
    const pro = await createProfessional(t, 'leicester', SAM_TAYLOR_SENCO);
    const form = await formAgent(t, HOST);
    expect((await form.get('/messages')).headers.location).toBe('/sign-in');
    const res = await form.post('/sign-in', { email: pro.email, password: pro.password });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/messages');
  });

  describe('Cache-Control: no-store on every signed-in and back office answer', () => {
    it('for a signed-in professional, on every page of the route table (their own ids filled in)', async () => {
      const pro = await createProfessional(t, 'leicester', { ...SAM_TAYLOR_SENCO, two_step: 'email' });
      const ids = await inTenant(t.db.app, pro.tenantId, async () => {
        const child = await createChild({ forename: 'Ada', surname: 'Private', dateOfBirth: '2015-03-04', gender: null, address: {} as never, school: null }, { accountId: pro.account.id });
        const response = await createDraft({ accountId: pro.account.id, childId: child.id, formId: FORM, draftDays: 30 });
        const role = await WorkRole.query(await db()).findOne({ account_id: pro.account.id });
        return { childId: child.id, responseId: response.id, roleId: role!.id };
      });
      const firstStep = t.services.forms.get(FORM)!.steps[0]!.id;
      const form = await formAgent(t, HOST);
      await form.post('/sign-in', { email: pro.email, password: pro.password });
      expect((await form.post('/sign-in/code', { code: codeIn((await t.emailTo(pro.email)).text) })).status).toBe(303);
      const paths = getRoutes(t, (p) =>
        p
          .replace(':childId', ids.childId)
          .replace(':responseId', ids.responseId)
          .replace(':stepId', firstStep)
          .replace(':version', '1')
          .replace(/^\/my-account\/work-details\/:id/, `/my-account/work-details/${ids.roleId}`)
          .replace(/:[A-Za-z]+/g, '3f2504e0-4f89-41d3-9a0c-0305e82c3301'),
      ).filter((p) => !p.startsWith('/backoffice') && !p.startsWith('/sign-out'));
      const { missing, shown } = await noStoreOn(form, paths);
      expect(missing).toEqual([]);
      expect(shown).toBeGreaterThan(15);
    });

    it('for council staff on every back office page, and for anyone on the back office sign-in', async () => {
      const staff = await createStaff(t, 'leicester');
      const anonymous = await request(t.app.callback()).get('/backoffice/sign-in').set('Host', HOST);
      expect(anonymous.headers['cache-control']).toBe('no-store');
      const form = await formAgent(t, HOST, '/backoffice/sign-in');
      await form.post('/backoffice/sign-in', { email: staff.email, password: staff.password });
      expect((await form.post('/backoffice/sign-in/code', { code: codeIn((await t.emailTo(staff.email)).text) })).status).toBe(303);
      const paths = getRoutes(t, (p) => p.replace(':version', '1').replace(/:[A-Za-z]+/g, '3f2504e0-4f89-41d3-9a0c-0305e82c3301')).filter((p) => p.startsWith('/backoffice') && !p.includes('sign-out'));
      const { missing, shown } = await noStoreOn(form, paths);
      expect(missing).toEqual([]);
      expect(shown).toBeGreaterThan(3);
    });
  });

  it("builds links in emails from the council's canonical host, never from the request's Host header", async () => {
    const email = `links.${Date.now()}@school.example.org`;
    // The request names another port; a proxy header names another site (and is not trusted).
    const host = 'vale.localhost:6666';
    const agent = request.agent(t.app.callback());
    const first = await agent.get('/register').set('Host', host);
    const token = first.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const post = (url: string, body: Record<string, string>) => agent.post(url).set('Host', host).set('X-Forwarded-Host', 'evil.example').type('form').send({ _csrf: token, ...body });
    const password = 'Holton-Road-42-Barry';
    expect((await post('/register', { email, emailConfirm: email, password, passwordConfirm: password, action: 'next' })).status).toBe(303);
    expect((await post('/register/about-you', { title: 'Ms', forename: 'Carys', surname: 'Evans', gender: 'female', action: 'next' })).status).toBe(303);
    const done = await post('/register/work-details', { role: 'SEN Co-ordinator (SENCO)', organisation: 'Barry Comprehensive', addressMode: 'find', postcode: 'cf63 4ru', searched: 'CF63 4RU', uprn: '64113001', action: 'submit' });
    expect(done.status).toBe(303);
    const mail = await t.emailTo(email);
    const link = mail.text.match(/https?:\/\/\S+\/register\/confirm\/\S+/)?.[0];
    expect(link).toMatch(new RegExp(`^http://vale\\.localhost:${t.config.PORT}/register/confirm/`));
    expect(mail.text).not.toContain('6666');
    expect(mail.text).not.toContain('evil.example');
  });
});

describe('production over plain HTTP', () => {
  const production = { NODE_ENV: 'production', SESSION_SECRETS: 'a-production-secret-that-is-long-enough-0123456789', DATABASE_URL: 'postgres://unused', SMTP_URL: 'smtp://127.0.0.1:1' };

  it('behind a trusted proxy: redirects plain HTTP to https, refuses a form posted over it, serves https', async () => {
    const t = await buildTestApp({ ...production, TRUST_PROXY: 'true' });
    try {
      const app = t.app.callback();
      const plain = await request(app).get('/sign-in?x=1').set('Host', 'vale.localhost').set('X-Forwarded-Proto', 'http');
      expect(plain.status).toBe(301);
      expect(plain.headers.location).toBe('https://vale.localhost/sign-in?x=1');
      const direct = await request(app).get('/').set('Host', 'dudley.localhost');
      expect(direct.status).toBe(301);
      expect(direct.headers.location).toBe('https://dudley.localhost/');
      const posted = await request(app).post('/sign-in').set('Host', 'vale.localhost').type('form').send({ email: 'a@b.example' });
      expect(posted.status).toBe(400);
      const secure = await request(app).get('/sign-in').set('Host', 'vale.localhost').set('X-Forwarded-Proto', 'https');
      expect(secure.status).toBe(200);
      expect(String(secure.headers['set-cookie']).toLowerCase()).toContain('; secure');
      const admin = await request(app).get('/').set('Host', t.config.ADMIN_HOST).set('X-Forwarded-Proto', 'http');
      expect(admin.status).toBe(301);
      expect(admin.headers.location).toBe(`https://${t.config.ADMIN_HOST}/`);
      // Health checks come over plain HTTP from inside the host.
      expect((await request(app).get('/healthz').set('Host', '127.0.0.1')).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('behind a proxy that is not trusted: 400, never a 500', async () => {
    const t = await buildTestApp(production);
    try {
      const res = await request(t.app.callback()).get('/sign-in').set('Host', 'vale.localhost').set('X-Forwarded-Proto', 'https');
      expect(res.status).toBe(400);
      expect(res.text).not.toMatch(/\n\s+at /);
    } finally {
      await t.close();
    }
  });
});
