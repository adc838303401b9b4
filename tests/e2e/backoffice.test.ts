import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, linkChild } from '../../src/people/children.js';
import { inTenant } from '../../src/platform/db/unit-of-work.js';
import { createProfessional } from '../support/accounts.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { expectAccessible, launchBrowser } from '../support/browser.js';
import { createStaff, createWaitingRegistration, emailedCode, signInStaff } from '../support/staff.js';
import { pdf } from '../support/uploads.js';

describe('the back office in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let port: number;
  const url = (host: string, path = '/') => `http://${host}:${port}${path}`;
  const newPage = async (): Promise<Page> => (await browser.newContext()).newPage();
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

  beforeAll(async () => {
    t = await buildTestApp();
    port = await t.listen();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lets Redcar staff sign in with a password and an emailed code, then approve and reject registrations', async () => {
    const staff = await createStaff(t, 'redcar-and-cleveland', { forename: 'Sally', surname: 'Send' });
    const first = await createWaitingRegistration(t, 'redcar-and-cleveland', {
      title: 'Ms',
      forename: 'Amira',
      surname: 'Khan',
      role: 'SEN Co-ordinator (SENCO)',
      organisation: 'Hillside Primary School',
    });
    const page = await newPage();

    // A page of the back office sends you to sign in first.
    await page.goto(url('redcar.localhost', '/backoffice'));
    expect(new URL(page.url()).pathname).toBe('/backoffice/sign-in');
    expect(await h1(page)).toBe('Sign in to the back office');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Enter your email address');
    await expectAccessible(page);

    await page.getByLabel('Email address').fill(staff.email);
    await page.getByLabel('Password', { exact: true }).fill('Not-the-right-0ne!');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Enter a correct email address and password');
    expect(await page.getByLabel('Email address').inputValue()).toBe(staff.email);
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    await expectAccessible(page);

    await page.getByLabel('Password', { exact: true }).fill(staff.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    expect(await h1(page)).toBe('Enter your verification code');
    expect(await page.getByText('Only the newest code works.').isVisible()).toBe(true);
    await expectAccessible(page);

    const code = await emailedCode(t, staff.email);
    await page.getByLabel('Verification code').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('The code is not correct. You have 4 more tries before you need a new code.');
    await expectAccessible(page);

    await page.getByLabel('Verification code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    // Back to the page that needed sign-in: the back office home.
    expect(new URL(page.url()).pathname).toBe('/backoffice');
    expect(await h1(page)).toBe('Redcar & Cleveland Borough Council back office');
    expect(await page.getByText('Welcome, Sally Send.').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Back office home' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    await expectAccessible(page);

    // The queue, and the registration's details.
    await page.getByRole('link', { name: 'Registrations waiting for verification (1)' }).click();
    expect(await h1(page)).toBe('Registrations waiting for verification');
    const row = page.getByRole('row', { name: /Ms Amira Khan/ });
    expect(await row.textContent()).toContain(first.email);
    expect(await row.textContent()).toContain('SEN Co-ordinator (SENCO), Hillside Primary School');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Ms Amira Khan' }).click();
    expect(await h1(page)).toBe('Ms Amira Khan');
    const work = page.locator('.govuk-summary-card');
    expect(await work.getByRole('heading').textContent()).toBe('Role 1: SEN Co-ordinator (SENCO)');
    const workText = (await work.textContent())!.replace(/\s+/g, ' ');
    for (const text of ['Hillside Primary School', '12 Station Road', 'TS10 1AA', '07700 900123', '01642 000000']) expect(workText).toContain(text);
    expect(await page.getByText(first.email).isVisible()).toBe(true);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Approve registration' }).click();
    expect(await h1(page)).toBe('Registrations waiting for verification');
    expect(await page.getByRole('alert').textContent()).toContain('You approved the registration of Amira Khan.');
    expect(await page.getByText('There are no registrations waiting for verification.').isVisible()).toBe(true);
    await expectAccessible(page);

    const approval = await t.emailTo(first.email);
    expect(approval.subject).toBe('Your registration has been approved');
    expect(approval.text).toContain('Your registration has been approved: you can now sign in and use the Professional Portal.');

    // A second registration, rejected with a reason.
    const second = await createWaitingRegistration(t, 'redcar-and-cleveland', { forename: 'Ben', surname: 'Jones', role: 'Social Worker', organisation: 'Children and Families Service' });
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Back office home' }).click();
    await page.getByRole('link', { name: 'Registrations waiting for verification (1)' }).click();
    await page.getByRole('link', { name: 'Ben Jones' }).click();
    await page.getByRole('button', { name: 'Reject registration' }).click();
    expect(await h1(page)).toBe('Why are you rejecting this registration?');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Reject registration' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Enter the reason for rejecting this registration');
    await expectAccessible(page);

    await page.getByLabel('Reason for rejecting').fill('We could not confirm your role with your organisation.');
    await page.getByRole('button', { name: 'Reject registration' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('You rejected the registration of Ben Jones. We have emailed them the reason.');

    const rejection = await t.emailTo(second.email);
    expect(rejection.subject).toBe('Your registration was not approved');
    expect(rejection.text).toContain('Your registration was not approved. Reason: We could not confirm your role with your organisation.');
    expect(rejection.text).toContain('contact the SEND Team: sendportal@redcar-cleveland.gov.uk');

    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await h1(page)).toBe('You have signed out');
    await expectAccessible(page);
    await page.goto(url('redcar.localhost', '/backoffice/registrations'));
    expect(new URL(page.url()).pathname).toBe('/backoffice/sign-in');
  });

  it('signs staff in in Welsh on the Vale portal, accessibly', async () => {
    const staff = await createStaff(t, 'vale-of-glamorgan', { forename: 'Gwen', surname: 'Morgan' });
    const page = await newPage();
    await page.goto(url('vale.localhost', '/backoffice/sign-in'));
    await page.getByRole('link', { name: 'Cymraeg' }).click();
    await page.waitForURL(url('vale.localhost', '/backoffice/sign-in'));
    expect(await page.locator('html').getAttribute('lang')).toBe('cy');
    expect(await h1(page)).toBe("Mewngofnodi i'r swyddfa gefn");
    await expectAccessible(page);

    await page.getByLabel('Cyfeiriad e-bost').fill(staff.email);
    await page.getByLabel('Cyfrinair', { exact: true }).fill('Anghywir-1234!');
    await page.getByRole('button', { name: 'Mewngofnodi', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Rhowch gyfeiriad e-bost a chyfrinair cywir');
    await expectAccessible(page);

    await page.getByLabel('Cyfrinair', { exact: true }).fill(staff.password);
    await page.getByRole('button', { name: 'Mewngofnodi', exact: true }).click();
    expect(await h1(page)).toBe('Rhowch eich cod dilysu');
    expect(await page.getByText("Dim ond y cod mwyaf diweddar sy'n gweithio.").isVisible()).toBe(true);
    await expectAccessible(page);
    const firstEmail = await t.emailTo(staff.email);
    expect(firstEmail.subject).toBe("Eich cod mewngofnodi i'r swyddfa gefn");

    await page.getByRole('button', { name: 'Dilysu' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Rhowch y cod dilysu');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Anfon cod newydd' }).click();
    expect(await page.getByRole('alert').textContent()).toContain(`Rydym wedi anfon cod newydd i ${staff.email}.`);
    await expectAccessible(page);
    const email = await t.emailTo(staff.email);
    expect(email.text).toContain("Dim ond y cod mwyaf diweddar sy'n gweithio.");
    const code = email.text.match(/yw (\d{6})\./)![1]!;

    await page.getByLabel('Cod dilysu').fill(code);
    await page.getByRole('button', { name: 'Dilysu' }).click();
    expect(await h1(page)).toBe('Swyddfa gefn Cyngor Bro Morgannwg');
    expect(await page.getByText('Croeso, Gwen Morgan.').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Plant a phobl ifanc' }).isVisible()).toBe(true);
    await expectAccessible(page);
  });

  it('lets a SEND officer see the documents shared about a child and remove one shared by mistake, accessibly and at 320px', async () => {
    const staff = await createStaff(t, 'leicester', { forename: 'Priya', surname: 'Mistry' });
    const pro = await createProfessional(t, 'leicester', { two_step: 'email' });
    const child = await inTenant(t.db.app, pro.tenant.id, async () => {
      const made = await createChild(
        { forename: 'Maya', surname: 'Patel', dateOfBirth: '2012-09-14', gender: 'female', school: null, address: {} as never },
        { staffId: '00000000-0000-4000-8000-000000000001' },
      );
      await linkChild(made.id, pro.account.id, 'council');
      return made;
    });
    const page = await newPage();
    const narrow = async () => {
      await page.setViewportSize({ width: 320, height: 640 });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      await page.setViewportSize({ width: 1280, height: 720 });
      return width;
    };
    await signInStaff(page, t, staff.email, staff.password, { url: url('leicester.localhost', '/backoffice/sign-in') });
    await page.goto(url('leicester.localhost', `/backoffice/send/children/${child.id}`));
    await page.getByLabel('Draft EHC plan').check();
    await page.getByLabel('Choose the file').setInputFiles({ name: 'plan-for-another-child.pdf', mimeType: 'application/pdf', buffer: pdf('Not Maya') });
    await page.getByRole('button', { name: 'Share document' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('plan-for-another-child.pdf has been shared with the professionals linked to Maya Patel.');

    // The list of what was shared: file, what it is, when and by whom, the scan status; a link to re-open it.
    const documents = page.getByRole('table', { name: 'Documents shared with professionals' });
    const row = documents.getByRole('row', { name: /plan-for-another-child\.pdf/ });
    const rowText = (await row.textContent())!.replace(/\s+/g, ' ');
    for (const part of ['PDF', 'Draft EHC plan', 'by Priya Mistry', 'Ready']) expect(rowText).toContain(part);
    expect(await row.getByRole('link', { name: 'plan-for-another-child.pdf', exact: true }).getAttribute('href')).toMatch(/\/documents\/[0-9a-f-]{36}\/download$/);
    await expectAccessible(page);
    expect(await narrow()).toBeLessThanOrEqual(320);

    // Remove asks first; Cancel keeps it.
    await row.getByRole('link', { name: 'Remove plan-for-another-child.pdf' }).click();
    expect(await h1(page)).toBe('Are you sure you want to remove plan-for-another-child.pdf?');
    expect(await page.getByText('Professionals will no longer see it.').isVisible()).toBe(true);
    await expectAccessible(page);
    expect(await narrow()).toBeLessThanOrEqual(320);
    await page.getByRole('link', { name: 'Cancel' }).click();
    expect(await h1(page)).toBe('Maya Patel');
    expect(await row.isVisible()).toBe(true);

    await row.getByRole('link', { name: 'Remove plan-for-another-child.pdf' }).click();
    await page.getByRole('button', { name: 'Remove document' }).click();
    expect(await h1(page)).toBe('Maya Patel');
    expect(await page.getByRole('alert').textContent()).toContain('plan-for-another-child.pdf has been removed. Professionals can no longer see or download it.');
    expect(await page.getByText('No documents have been shared yet.').isVisible()).toBe(true);
    expect(await page.getByRole('table', { name: 'Documents shared with professionals' }).count()).toBe(0);
    await expectAccessible(page);
  });

  it('signs in with the shared helper, as other areas will', async () => {
    const staff = await createStaff(t, 'redcar-and-cleveland');
    const page = await newPage();
    await signInStaff(page, t, staff.email, staff.password, { url: url('redcar.localhost', '/backoffice/sign-in') });
    expect(await h1(page)).toBe('Redcar & Cleveland Borough Council back office');
  });
});
