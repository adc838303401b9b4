import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';

const COUNCILS = [
  { host: 'vale.localhost', name: 'Vale of Glamorgan Council', production: 'professionals.valeofglamorgan.gov.uk' },
  { host: 'stoke.localhost', name: 'Stoke-on-Trent City Council', production: 'professionals.stoke.gov.uk' },
  { host: 'redcar.localhost', name: 'Redcar &amp; Cleveland Borough Council', production: 'professionals.redcar-cleveland.gov.uk' },
  { host: 'leicester.localhost', name: 'Leicester City Council', production: 'sendprofessionals.leicester.gov.uk' },
  { host: 'dudley.localhost', name: 'Dudley Council', production: 'childrensportal.dudley.gov.uk' },
];

describe('one app, every council by host name', () => {
  let t: TestApp;
  let server: ReturnType<TestApp['app']['callback']>;
  beforeAll(async () => {
    t = await buildTestApp();
    server = t.app.callback();
  });
  afterAll(() => t.close());

  for (const council of COUNCILS) {
    it(`serves ${council.host} as ${council.name}, with its own colours`, async () => {
      const res = await request(server).get('/').set('Host', `${council.host}:3000`);
      expect(res.status).toBe(200);
      expect(res.text).toContain(council.name);
      const others = COUNCILS.filter((c) => c !== council);
      for (const other of others) expect(res.text).not.toContain(other.name);
      const css = await request(server).get('/theme.css').set('Host', council.host);
      const tenant = t.registry.forHost(council.host)!;
      expect(css.text).toContain(`--brand-header:${tenant.brand.colours.header}`);
    });

    it(`serves ${council.name} at its production host ${council.production}`, async () => {
      const res = await request(server).get('/').set('Host', council.production);
      expect(res.status).toBe(200);
      expect(res.text).toContain(council.name);
    });
  }

  it('gives an unknown host a bilingual 404 with no council data', async () => {
    const res = await request(server).get('/').set('Host', 'nowhere.localhost');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Page not found');
    expect(res.text).toMatch(/Heb ddod o hyd i(&#39;|')r dudalen/);
    expect(res.text).toContain('lang="cy"');
    for (const council of COUNCILS) expect(res.text).not.toContain(council.name);
    expect(res.text).not.toMatch(/portal-header|theme\.css/);
  });

  it('sends admin.localhost to the platform admin console, which asks for sign-in', async () => {
    const res = await request(server).get('/').set('Host', 'admin.localhost');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/sign-in');
    const signIn = await request(server).get('/sign-in').set('Host', 'admin.localhost');
    expect(signIn.text).toContain('Sign in to platform administration');
  });

  it('renders a 404 page in the council look for an unknown path, without a stack trace', async () => {
    const res = await request(server).get('/no-such-page').set('Host', 'dudley.localhost');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Page not found');
    expect(res.text).toContain('Dudley Council');
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers health checks on any host, as JSON', async () => {
    const health = await request(server).get('/healthz').set('Host', '10.0.0.5');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    const ready = await request(server).get('/readyz').set('Host', 'app1');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', database: 'ok' });
  });

  describe('English and Welsh', () => {
    it('shows the Vale page in English with a Cymraeg link, then in Welsh once chosen', async () => {
      const english = await request(server).get('/').set('Host', 'vale.localhost');
      expect(english.text).toContain('<html lang="en"');
      expect(english.text).toMatch(/<a class="govuk-link" href="\/\?lang(=|&#x3D;)cy" lang="cy" hreflang="cy">Cymraeg<\/a>/);

      const choose = await request(server).get('/?lang=cy').set('Host', 'vale.localhost');
      expect(choose.status).toBe(303);
      expect(choose.headers.location).toBe('/');
      const cookie = choose.headers['set-cookie']![0]!.split(';')[0]!;
      expect(cookie).toBe('portal.lang=cy');

      const welsh = await request(server).get('/').set('Host', 'vale.localhost').set('Cookie', cookie);
      expect(welsh.text).toContain('<html lang="cy"');
      expect(welsh.text).toContain('Cyngor Bro Morgannwg');
      expect(welsh.text).toContain('Mewngofnodi');
      expect(welsh.text).toMatch(/hreflang="en">English<\/a>/);
    });

    it('keeps the person on the same page and query when switching', async () => {
      const res = await request(server).get('/help/contact?x=1&lang=cy').set('Host', 'vale.localhost');
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/help/contact?x=1');
    });

    it('shows no switch and ignores ?lang=cy on an English-only council', async () => {
      const res = await request(server).get('/').set('Host', 'leicester.localhost');
      expect(res.text).not.toContain('Cymraeg');
      const asked = await request(server).get('/?lang=cy').set('Host', 'leicester.localhost');
      expect(asked.status).toBe(200);
      expect(asked.text).toContain('<html lang="en"');
      const cookie = await request(server).get('/').set('Host', 'leicester.localhost').set('Cookie', 'portal.lang=cy');
      expect(cookie.text).toContain('<html lang="en"');
    });
  });

  describe('security', () => {
    it('sends the security headers on every page', async () => {
      const res = await request(server).get('/').set('Host', 'stoke.localhost');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    });

    it('has no inline scripts in its pages', async () => {
      const res = await request(server).get('/').set('Host', 'vale.localhost');
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    });

    it('refuses a state-changing request without a CSRF token with a readable 403', async () => {
      const res = await request(server).post('/').set('Host', 'redcar.localhost').type('form').send({ anything: 'x' });
      expect(res.status).toBe(403);
      expect(res.text).toContain('You cannot do that');
      expect(res.text).toContain('Redcar &amp; Cleveland Borough Council');
    });

    it('refuses a CSRF token that does not match the cookie', async () => {
      const first = await request(server).get('/').set('Host', 'redcar.localhost');
      const cookie = (first.headers['set-cookie'] as unknown as string[]).find((c: string) => c.startsWith('portal.csrf='))!.split(';')[0]!;
      const res = await request(server).post('/').set('Host', 'redcar.localhost').set('Cookie', cookie).type('form').send({ _csrf: 'forged' });
      expect(res.status).toBe(403);
    });
  });

  it('serves the shared styles without the GOV.UK font, and the council logo', async () => {
    const css = await request(server).get('/assets/app.css').set('Host', 'vale.localhost');
    expect(css.status).toBe(200);
    expect(css.text).toContain('.govuk-button');
    expect(css.text).not.toContain('GDS Transport');
    const logo = await request(server).get('/logo.svg').set('Host', 'vale.localhost');
    expect(logo.status).toBe(200);
    expect(logo.headers['content-type']).toBe('image/svg+xml');
    const escape = await request(server).get('/assets/govuk/../../package.json').set('Host', 'vale.localhost');
    expect(escape.status).toBe(404);
  });

  it('shows the development mailbox only when asked for (DEV_MAILBOX=true), never by default', async () => {
    // This app runs with NODE_ENV=test and no DEV_MAILBOX: no mailbox.
    expect((await request(server).get('/_dev/mailbox').set('Host', 'vale.localhost')).status).toBe(404);
    const withMailbox = await buildTestApp({ DEV_MAILBOX: 'true' });
    try {
      const res = await request(withMailbox.app.callback()).get('/_dev/mailbox').set('Host', 'vale.localhost');
      expect(res.status).toBe(200);
      expect(res.text).toContain('Development mailbox');
    } finally {
      await withMailbox.close();
    }
  });
});
