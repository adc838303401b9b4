import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { browserSession, expectAccessible } from '../support/browser.js';
import { PortalPage } from '../support/pages.js';
import { codeIn, createProfessional, signInAs, SAM_TAYLOR_SENCO } from '../support/accounts.js';

describe('signing in, in a real browser', () => {
  const session = browserSession();
  const base = session.base;
  let page: Page;
  let t: TestApp;
  beforeEach(() => {
    ({ page, t } = session);
  });

  it('shows errors next to the fields, then signs in to the home page with its tiles', async () => {
    const pro = await createProfessional(t, 'leicester', SAM_TAYLOR_SENCO);
    await page.goto(`${base('leicester.localhost')}/`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Enter your email address');
    expect(await page.locator('#email-error').textContent()).toContain('Enter your email address');
    await expectAccessible(page);

    await page.getByLabel('Email address').fill(pro.email);
    await page.getByLabel('Password', { exact: true }).fill('Not-the-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.locator('#email-error').textContent()).toContain('Enter a correct email address and password');
    expect(await page.getByLabel('Email address').inputValue()).toBe(pro.email);
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');

    await page.getByLabel('Password', { exact: true }).fill(pro.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome to the SEND Professional Portal');
    expect(await page.getByText('Signed in as Sam Taylor').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Special Educational Needs and Disabilities' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Messages' }).isVisible()).toBe(true);
    expect(await page.getByRole('region', { name: 'Important' }).textContent()).toContain('Enable Two Step Verification now');
    await expectAccessible(page);

    // Without Two Step Verification the SEND area explains what to do.
    await page.getByRole('link', { name: 'Special Educational Needs and Disabilities' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Two Step Verification Area');
    expect(await page.getByRole('button', { name: 'Enable Two Step Verification now' }).isVisible()).toBe(true);
    await expectAccessible(page);

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Home' }).click();
    await page.getByRole('link', { name: 'Messages' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Messages');
    expect(await page.getByText('You have no messages.').isVisible()).toBe(true);
    await expectAccessible(page);

    await new PortalPage(page).signOut();
    expect(await page.getByText('You have signed out.').isVisible()).toBe(true);
    await page.goto(`${base('leicester.localhost')}/messages`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
  });

  it('asks Stoke professionals for the emailed code every time, in an accessible page', async () => {
    const pro = await createProfessional(t, 'stoke-on-trent', SAM_TAYLOR_SENCO);
    await page.goto(`${base('stoke.localhost')}/sign-in`);
    await page.getByLabel('Email address').fill(pro.email);
    await page.getByLabel('Password', { exact: true }).fill(pro.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Enter your verification code');
    expect(await page.getByText('Only the newest code works').isVisible()).toBe(true);
    await expectAccessible(page);

    await page.getByLabel('Verification code').fill('12345');
    await page.getByRole('button', { name: 'Verify' }).click();
    expect(await page.locator('#code-error').textContent()).toContain('Enter the 6-digit code from the email');
    await expectAccessible(page);

    const email = await t.emailTo(pro.email);
    expect(email.subject).toBe('Your Professional Portal verification code');
    await page.getByLabel('Verification code').fill(codeIn(email.text));
    await page.getByRole('button', { name: 'Verify' }).click();
    expect(await page.getByText('Signed in as Sam Taylor').isVisible()).toBe(true);
  });

  it('resets a forgotten password in Welsh on Vale', async () => {
    const pro = await createProfessional(t, 'vale-of-glamorgan', SAM_TAYLOR_SENCO);
    await page.goto(`${base('vale.localhost')}/sign-in?lang=cy`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mewngofnodi');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Wedi anghofio eich cyfrinair?' }).click();
    await expectAccessible(page);
    await page.getByLabel('Cyfeiriad e-bost').fill(pro.email);
    await page.getByRole('button', { name: 'Anfon cod' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Gwiriwch eich e-bost');
    await expectAccessible(page);
    const email = await t.emailTo(pro.email);
    expect(email.subject).toContain('Ailosod eich cyfrinair');
    await page.getByLabel('Cod dilysu').fill(codeIn(email.text));
    await page.getByRole('button', { name: 'Dilysu' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Dewiswch gyfrinair newydd');
    await page.getByLabel('Cyfrinair newydd', { exact: true }).fill('byr');
    await page.getByLabel('Cadarnhewch y cyfrinair newydd').fill('byr');
    await page.getByRole('button', { name: 'Newid y cyfrinair' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Rhaid i\'r cyfrinair gynnwys o leiaf 2 rhif');
    await expectAccessible(page);
    await page.getByLabel('Cyfrinair newydd', { exact: true }).fill('Cyfrinair-Newydd-2026');
    await page.getByLabel('Cadarnhewch y cyfrinair newydd').fill('Cyfrinair-Newydd-2026');
    await page.getByRole('button', { name: 'Newid y cyfrinair' }).click();
    expect(await page.getByText('Mae eich cyfrinair wedi\'i newid').isVisible()).toBe(true);
  });

  it('warns before the idle timeout, stays signed in on request, and returns to the page after a timeout', async () => {
    const pro = await createProfessional(t, 'leicester', SAM_TAYLOR_SENCO);
    await page.clock.install();
    await signInAs(t, page, pro.email, pro.password, { baseUrl: base('leicester.localhost') });
    await page.goto(`${base('leicester.localhost')}/messages`);
    const dialog = page.getByRole('dialog', { name: 'You are about to be signed out' });
    expect(await dialog.isVisible()).toBe(false);

    await page.clock.fastForward('18:30');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('You will be signed out in 2 minutes.');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Stay signed in' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.clock.fastForward('20:30');
    await page.waitForURL(/\/sign-in\?timedOut=1/);
    expect(await page.getByText('You were signed out because you were inactive').isVisible()).toBe(true);
    await page.getByLabel('Email address').fill(pro.email);
    await page.getByLabel('Password', { exact: true }).fill(pro.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base('leicester.localhost')}/messages`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Messages');
  });
});
