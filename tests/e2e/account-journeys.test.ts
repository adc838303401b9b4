import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { browserSession, expectAccessible } from '../support/browser.js';
import { PortalPage } from '../support/pages.js';
import { codeIn } from '../support/accounts.js';
import { createStaff, signInStaff } from '../support/staff.js';

const PASSWORD = 'Civic-Offices-63-Barry';

/**
 * The accounts issue's journeys end to end, each as one person would live it:
 * register, confirm by the emailed link, sign in, and what comes next at that council.
 */
describe('account journeys from registration onwards', () => {
  const session = browserSession();
  const base = session.base;
  let page: Page;
  let t: TestApp;
  let context: BrowserContext;
  let browser: Browser;
  beforeEach(() => {
    ({ page, t, context, browser } = session);
  });
  const h1 = () => page.getByRole('heading', { level: 1 }).textContent();
  const linkIn = (text: string) => text.match(/https?:\/\/\S+\/register\/confirm\/\S+/)![0];

  async function registerThreeSteps(host: string, email: string) {
    await page.goto(`${base(host)}/register`);
    await page.getByLabel('Email address', { exact: true }).fill(email);
    await page.getByLabel('Confirm email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Title').fill('Mr');
    await page.getByLabel('Forename').fill('Rhys');
    await page.getByLabel('Surname').fill('Price');
    await page.getByLabel('Gender').selectOption({ label: 'Male' });
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Professional role').fill('Educational Psychologist');
    await page.getByLabel('Organisation name').fill('Educational Psychology Service');
    await page.getByLabel('Postcode').fill('CF63 4RU');
    await page.getByRole('button', { name: 'Find address' }).click();
    await page.getByLabel('Civic Offices, Holton Road, Barry, CF63 4RU', { exact: true }).check();
    await page.getByRole('button', { name: 'Submit registration' }).click();
    expect(await h1()).toBe('Nearly done…');
    await page.goto(linkIn((await t.emailTo(email)).text));
    expect(await h1()).toBe('Your email address is confirmed');
  }

  async function signIn(host: string, email: string) {
    await page.goto(`${base(host)}/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  async function enterEmailedCode(email: string) {
    expect(await h1()).toBe('Enter your verification code');
    await page.getByLabel('Verification code').fill(codeIn((await t.emailTo(email)).text));
    await page.getByRole('button', { name: 'Verify' }).click();
  }

  it('Vale: register, confirm, sign in, enable Two Step Verification, sign out, sign in with the emailed code', async () => {
    const email = `rhys.price.${Date.now()}@valeofglamorgan.example.org`;
    await registerThreeSteps('vale.localhost', email);

    await signIn('vale.localhost', email);
    expect(await page.getByText('Signed in as Rhys Price').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Special Educational Needs and Disabilities' }).click();
    expect(await h1()).toBe('Two Step Verification Area');
    await page.getByRole('button', { name: 'Enable Two Step Verification now' }).click();
    await page.getByLabel('Preferred method').selectOption({ label: 'Email' });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    expect(await page.getByText('Your Two Step Verification preference has been saved. Sign in again.').isVisible()).toBe(true);

    await signIn('vale.localhost', email);
    await enterEmailedCode(email);
    expect(await page.getByText('Signed in as Rhys Price').isVisible()).toBe(true);
    expect(await page.getByRole('region', { name: 'Important' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Special Educational Needs and Disabilities' }).click();
    expect(await h1()).toBe('Select Person');
    await expectAccessible(page);

    await new PortalPage(page).signOut();
    expect(await page.getByText('You have signed out.').isVisible()).toBe(true);
  });

  it('Redcar: a new registration waits for the council, then the approved professional sees the services', async () => {
    const email = `jo.lee.${Date.now()}@redcar.example.org`;
    await registerThreeSteps('redcar.localhost', email);

    await signIn('redcar.localhost', email);
    await enterEmailedCode(email);
    expect(await page.getByRole('heading', { name: 'Your registration is waiting for the council to verify it' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Special Educational Needs and Disabilities' }).count()).toBe(0);
    await expectAccessible(page);

    const staff = await createStaff(t, 'redcar-and-cleveland');
    const office = await context.newPage();
    await signInStaff(office, t, staff.email, staff.password, { url: `${base('redcar.localhost')}/backoffice/sign-in` });
    await office.getByRole('link', { name: /Registrations waiting for verification/ }).click();
    await office.getByRole('link', { name: /Rhys Price/ }).click();
    expect(await office.getByText('Educational Psychology Service').first().isVisible()).toBe(true);
    await office.getByRole('button', { name: 'Approve' }).click();
    expect((await t.emailTo(email)).subject).toMatch(/approved/i);
    await office.close();

    // The professional's own session (a separate browser) now shows the services.
    const own = await browser.newContext();
    page = await own.newPage();
    await signIn('redcar.localhost', email);
    await enterEmailedCode(email);
    expect(await page.getByRole('link', { name: 'Special Educational Needs and Disabilities' }).isVisible()).toBe(true);
    await own.close();
  });
});
