import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformAdmin } from '../../src/admin/accounts/create.js';
import { compileStyles } from '../../src/platform/http/assets.js';
import { buildServices } from '../../src/app/services.js';
import { createWebApp } from '../../src/app/web.js';
import { listenForTenantChanges, type TenantListener } from '../../src/tenancy/listener.js';
import { TenantRegistry } from '../../src/tenancy/registry.js';
import { ADMIN_HOST, ADMIN_PASSWORD, authenticatorCode } from '../support/admin.js';
import { expectAccessible, launchBrowser } from '../support/browser.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { signInStaff } from '../support/staff.js';

/** A GET to 127.0.0.1 with a council's Host header (Node does not resolve *.localhost). */
function hostGet(port: number, host: string, path = '/'): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      })
      .on('error', reject);
  });
}

const quiet = { error: () => {}, info: () => {}, warn: () => {} };
const SCRIPTED_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40" onload="alert('x')"><script>alert('y')</script><foreignObject width="10" height="10"><p>hi</p></foreignObject><image href="https://tracker.example/p.png" width="1" height="1"/><rect width="200" height="40" fill="#ffffff"/><text x="10" y="28" font-size="20" fill="#1a3d6d">Cardiff Council</text></svg>`;

describe('platform administration in a real browser', () => {
  let t: TestApp;
  let port: number;
  let second: { server: http.Server; port: number; listener: TenantListener };
  let firstListener: TenantListener;
  let page: Page;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const admin = (p = '/') => `http://${ADMIN_HOST}:${port}${p}`;

  beforeAll(async () => {
    t = await buildTestApp();
    port = await t.listen();
    // This process's registry follows NOTIFY, as in src/main.ts.
    firstListener = await listenForTenantChanges(t.db.urls.platform, t.registry, t.db.platform, quiet);
    // A second app process on the same database, another port, its own registry.
    const registry = await TenantRegistry.load(t.db.platform);
    const listener = await listenForTenantChanges(t.db.urls.platform, registry, t.db.platform, quiet);
    const app = createWebApp(buildServices({ config: t.config, db: t.db, registry, styles: await compileStyles(path.resolve('.data/cache')), logger: pino({ level: 'silent' }), secrets: ['another-secret-that-is-long-enough-0123456789'], forms: t.services.forms, storage: t.services.storage, scanner: t.services.scanner }));
    const server = http.createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, resolve));
    second = { server, port: (server.address() as AddressInfo).port, listener };
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await second?.listener.stop();
    second?.server.closeAllConnections();
    await new Promise((r) => second?.server.close(r));
    await firstListener?.stop();
    await t?.close();
  });

  const save = async () => {
    await page.getByRole('button', { name: 'Save and return to the council' }).click();
    await page.waitForLoadState();
  };
  const task = async (name: string) => {
    await page.getByRole('link', { name, exact: true }).click();
    await page.waitForLoadState();
    await expectAccessible(page);
  };
  const fill = async (values: Record<string, string>) => {
    for (const [label, value] of Object.entries(values)) await page.getByLabel(label, { exact: true }).fill(value);
  };

  it('sets up an admin, onboards a bilingual council, publishes it, invites its staff, suspends, and rolls back', async () => {
    // admin:create, the set-up link, a password, the authenticator from the shown secret, recovery codes.
    const created = await createPlatformAdmin(t.db.platform, 'ops@platform.example', `http://${ADMIN_HOST}:${port}`);
    await page.goto(created.link);
    expect(new URL(page.url()).pathname).toBe('/setup/password');
    await expectAccessible(page);
    await fill({ 'New password': ADMIN_PASSWORD, 'Confirm your password': ADMIN_PASSWORD });
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectAccessible(page);
    await page.getByRole('img', { name: 'QR code to add this account to an authenticator app' }).waitFor();
    const secret = (await page.locator('#secret').textContent())!.replace(/\s+/g, '');
    await page.getByLabel('Code from your authenticator app').fill(await authenticatorCode(secret));
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('#recovery-codes li').count()).toBe(10);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Continue to sign in' }).click();

    await expectAccessible(page);
    await fill({ 'Email address': 'ops@platform.example', Password: ADMIN_PASSWORD });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectAccessible(page);
    await page.getByLabel('Authenticator code').fill(await authenticatorCode(secret, Math.floor(Date.now() / 1000) + 30));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Councils' }).waitFor();
    await expectAccessible(page);

    // Add Cardiff and work through every task.
    await page.getByRole('link', { name: 'Add a council' }).click();
    await expectAccessible(page);
    await page.getByLabel('Short name').fill('cardiff');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectAccessible(page);

    await task('Languages');
    await page.getByLabel('English and Welsh').check();
    await save();

    await task('Council and portal names');
    await fill({ 'Council name in English': 'Cardiff Council', 'Council name in Welsh': 'Cyngor Caerdydd', 'Portal name in English': 'Professional Portal', 'Portal name in Welsh': 'Porth Gweithwyr Proffesiynol' });
    await save();

    await task('Host names');
    await page.getByLabel('Host names', { exact: true }).fill('professionals.cardiff.example');
    await save();

    await task('Colours and logo');
    const colours = { 'Header background': '#ffffff', 'Header text': '#999999', Buttons: '#00703c', Links: '#1d70b8', 'Footer background': '#f3f2f1', 'Footer text': '#0b0c0c' };
    await fill(colours);
    await save();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('contrast ratio of 2.84:1');
    await expectAccessible(page);
    await fill({ ...colours, 'Header background': '#1a3d6d', 'Header text': '#ffffff' });
    await save();
    await task('Colours and logo');
    await page.getByLabel('Upload a logo').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(SCRIPTED_SVG) });
    await page.getByRole('button', { name: 'Upload the logo' }).click();
    await page.getByRole('img', { name: "The council's logo" }).waitFor();
    const [asset] = await t.db.platform('tenant_assets').join('tenants', 'tenants.id', 'tenant_assets.tenant_id').where({ slug: 'cardiff' }).select('bytes');
    const svg = String(asset.bytes);
    expect(svg).toContain('Cardiff Council');
    expect(svg).not.toMatch(/script|onload|foreignObject|tracker\.example|<image/i);
    await page.getByRole('link', { name: 'Back to the council' }).click();

    await task('Services and forms');
    await page.getByLabel('SEND', { exact: true }).check();
    await page.locator('#f-form-professional-request-ehc-assessment-use').check();
    await page.locator('#f-form-professional-request-ehc-assessment-stage').selectOption('request');
    await save();

    await task('Registration');
    await page.getByLabel('Three steps').check();
    await page.getByLabel('A link in an email').check();
    await page.getByLabel('No', { exact: true }).check();
    // A bilingual council gives each role in Welsh too: "English | Cymraeg".
    await page.getByLabel('Work roles to choose from').fill('SEN Co-ordinator (SENCO) | Cydlynydd Anghenion Addysgol Arbennig (SENCO)\nClass Teacher | Athro Dosbarth');
    await save();

    await task('Sign-in second step');
    await page.getByLabel('When they use a service').check();
    await save();

    await task('Password policy');
    await fill({ 'Minimum length': '10', 'Maximum length': '128', 'Minimum numbers': '1', 'Minimum lower-case letters': '1', 'Minimum capital letters': '1', 'Minimum special characters': '1' });
    await save();

    await task('Idle timeout and retention');
    await save();

    await task('Home page texts');
    await fill({
      'Welcome in English': "Welcome to Cardiff Council's Professional Portal",
      'Welcome in Welsh': 'Croeso i Borth Gweithwyr Proffesiynol Cyngor Caerdydd',
      'Introduction in English': 'Send forms securely to the council.',
      'Introduction in Welsh': "Anfonwch ffurflenni'n ddiogel at y cyngor.",
      'Heading of who the portal is for in English': 'Who is the portal for?',
      'Heading of who the portal is for in Welsh': 'Ar gyfer pwy mae’r porth?',
      'Who the portal is for in English': 'Schools\nHealth professionals',
      'Who the portal is for in Welsh': 'Ysgolion\nGweithwyr iechyd proffesiynol',
      'Heading of what people can do in English': 'What can you do?',
      'Heading of what people can do in Welsh': 'Beth allwch chi ei wneud?',
      'What people can do in English': 'Request assessments',
      'What people can do in Welsh': 'Gofyn am asesiadau',
    });
    await save();

    await task('Contact details and footer');
    await fill({
      'Team name in English': 'SEND Team',
      'Team name in Welsh': 'Tîm ADY',
      'Contact email address': 'send@cardiff.example',
      'Name emails come from in English': 'Professional Portal',
      'Name emails come from in Welsh': 'Porth Gweithwyr Proffesiynol',
      'Address emails come from': 'no-reply@cardiff.example',
      'Footer links': 'Privacy notice | Hysbysiad preifatrwydd | /help/privacy\nContact us | Cysylltu â ni | /help/contact',
    });
    await save();

    await task('SEND stages and key dates');
    for (const [stage, cy] of [['Request for assessment', 'Cais'], ['Assessment', 'Asesiad'], ['EHC plan', 'Cynllun'], ['Annual review', 'Adolygiad']] as const) {
      await fill({ [`${stage} in English`]: `What happens: ${stage}.`, [`${stage} in Welsh`]: `Beth sy'n digwydd: ${cy}.` });
    }
    await page.getByLabel('Key dates').fill('requestReceived | request | Date request received | Dyddiad derbyn y cais');
    await save();
    await page.getByText('12 of 12 tasks completed or not needed.').waitFor();

    // Preview with the unpublished draft: platform admins only.
    await page.getByRole('link', { name: 'Preview the unpublished configuration' }).click();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Home page (Welsh)' }).click();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Croeso i Borth Gweithwyr Proffesiynol Cyngor Caerdydd');
    await page.getByRole('img', { name: 'Cyngor Caerdydd' }).waitFor();
    await page.goBack();
    await page.getByRole('link', { name: 'Registration page (English)' }).click();
    expect(await page.locator('main').innerText()).toContain('Security details');
    expect((await hostGet(port, 'cardiff.localhost')).status).toBe(404);

    // Publish: served at once, in English and Welsh, here and by the second process within 2 seconds.
    await page.goto(admin('/councils/cardiff/publish'));
    await expectAccessible(page);
    await page.getByLabel('What changed and why').fill('Cardiff joins');
    await page.getByRole('button', { name: 'Publish' }).click();
    const published = Date.now();
    await page.getByText('The council is published').waitFor();
    let secondStatus = 0;
    while (Date.now() - published < 2000) {
      secondStatus = (await hostGet(second.port, 'cardiff.localhost')).status;
      if (secondStatus === 200) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(secondStatus).toBe(200);

    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`http://cardiff.localhost:${port}/`);
    expect(await visitor.getByRole('heading', { level: 1 }).innerText()).toContain("Welcome to Cardiff Council's Professional Portal");
    await visitor.getByRole('link', { name: 'Cymraeg' }).click();
    expect(await visitor.getByRole('heading', { level: 1 }).innerText()).toContain('Croeso i Borth');
    await visitor.close();

    // The first staff member: invited from the console, sets a password on Cardiff's host, signs in to the back office.
    await page.goto(admin('/councils/cardiff/staff'));
    await expectAccessible(page);
    await fill({ 'First name': 'Rhian', 'Last name': 'Evans', 'Email address': 'rhian.evans@cardiff.example' });
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByText('An invitation was sent to rhian.evans@cardiff.example').waitFor();
    await expectAccessible(page);
    const invitation = await t.emailTo('rhian.evans@cardiff.example');
    expect(invitation.subject).toBe('Set up your Professional Portal back office account');
    // The link names the council's host (on the configured port; this test's server has its own).
    const token = invitation.text.match(/http:\/\/cardiff\.localhost:\d+\/staff-setup\/([A-Za-z0-9_-]+)/)?.[1];
    expect(token, invitation.text).toBeDefined();
    const link = `http://cardiff.localhost:${port}/staff-setup/${token}`;
    const staff = await (await browser.newContext()).newPage();
    await staff.goto(link);
    await expectAccessible(staff);
    await staff.getByLabel('Password', { exact: true }).fill('Harbour-Lights-42');
    await staff.getByLabel('Confirm your password').fill('Harbour-Lights-42');
    await staff.getByRole('button', { name: 'Save password and sign in' }).click();
    await staff.waitForURL((u) => u.pathname === '/backoffice/sign-in');
    await signInStaff(staff, t, 'rhian.evans@cardiff.example', 'Harbour-Lights-42');
    expect(new URL(staff.url()).pathname).toBe('/backoffice');

    // Suspend: 503 on Cardiff's host, the staff session ended; reactivate.
    await page.goto(admin('/councils/cardiff'));
    await page.getByRole('button', { name: 'Suspend this council' }).click();
    await page.getByText('The council is suspended').waitFor();
    await expect.poll(async () => (await staff.goto(`http://cardiff.localhost:${port}/backoffice`))?.status(), { timeout: 2000 }).toBe(503);
    await page.getByRole('button', { name: 'Reactivate this council' }).click();
    await page.getByText('The council is live again').waitFor();
    await expect.poll(async () => (await staff.goto(`http://cardiff.localhost:${port}/backoffice`))?.status(), { timeout: 2000 }).toBe(200);
    expect(new URL(staff.url()).pathname).toBe('/backoffice/sign-in');

    // Change the header colour, publish, roll back, and see both revisions.
    await page.goto(admin('/councils/cardiff/tasks/branding'));
    await page.getByLabel('Header background').fill('#4c2c92');
    await save();
    await page.goto(admin('/councils/cardiff/publish'));
    expect(await page.locator('.govuk-summary-list').innerText()).toContain('brand.colours.header');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.goto(admin('/councils/cardiff/history'));
    await expectAccessible(page);
    await page.getByRole('heading', { name: 'Revision 2 (live now)' }).waitFor();
    expect(await page.locator('section', { hasText: 'Revision 2' }).getByRole('table').innerText()).toContain('#4c2c92');
    await page.getByRole('button', { name: 'Roll back to revision 1' }).click();
    await page.getByRole('heading', { name: 'Revision 3 (live now)' }).waitFor();
    await page.getByRole('heading', { name: 'Revision 2', exact: true }).waitFor();
    await page.getByText('Rolled back to revision 1').waitFor();
    await expect.poll(async () => (await hostGet(port, 'cardiff.localhost', '/theme.css')).text, { timeout: 2000 }).toContain('--brand-header:#1a3d6d');

    await page.goto(admin('/audit'));
    await expectAccessible(page);
    for (const action of ['council.created', 'council.draft.branding', 'council.draft.logo', 'council.published', 'staff.invited', 'council.suspended', 'council.reactivated', 'council.rolled-back']) {
      await page.getByRole('cell', { name: action, exact: true }).first().waitFor();
    }
  }, 240_000);
});
