import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { createProfessional, emailedCode, emailsReceivedBy, reloadAccount, signInAs, type Professional } from '../support/accounts.js';
import { expectAccessible, browserSession } from '../support/browser.js';

describe('My Account in a real browser', () => {
  const session = browserSession();
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let port: number;
  beforeEach(() => {
    ({ t, browser, context, page, port } = session);
  });
  const base = (host = 'vale.localhost') => `http://${host}:${port}`;


  const h1 = () => page.getByRole('heading', { level: 1 }).textContent();
  const sideNav = () => page.getByRole('navigation', { name: 'My Account' });
  const banner = () => page.locator('.govuk-notification-banner').textContent();
  const errorSummary = () => page.locator('.govuk-error-summary').textContent();

  async function openMyAccount(pro: Professional, section?: string) {
    await signInAs(t, page, pro.email, pro.password, { baseUrl: base(pro.host) });
    await page.getByRole('link', { name: 'My Account', exact: true }).click();
    expect(await h1()).toBe('My Account');
    if (section) {
      await sideNav().getByRole('link', { name: section }).click();
      expect(await h1()).toBe(section);
      expect(await sideNav().getByRole('link', { name: section }).getAttribute('aria-current')).toBe('page');
    }
  }

  it('changes personal details, with errors shown by their fields', async () => {
    const pro = await createProfessional(t, 'vale-of-glamorgan');
    await openMyAccount(pro);
    for (const name of ['Personal details', 'Work details', 'Change email address', 'Change password', 'Change of circumstances', 'Two Step Verification']) {
      expect(await sideNav().getByRole('link', { name }).isVisible()).toBe(true);
    }
    expect(await page.getByRole('link', { name: 'Enable Two Step Verification now' }).getAttribute('href')).toBe('/my-account/two-step-verification');
    await expectAccessible(page);

    await sideNav().getByRole('link', { name: 'Personal details' }).click();
    expect(await page.getByLabel('Forename').inputValue()).toBe('Alex');
    await expectAccessible(page);
    await page.getByLabel('Forename').fill('');
    await page.getByLabel('Surname').fill('Jones-Price');
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await errorSummary()).toContain('Enter your forename');
    expect(await page.title()).toMatch(/^Error: Personal details – /);
    expect(await page.locator('#forename-error').textContent()).toContain('Enter your forename');
    expect(await page.getByLabel('Surname').inputValue()).toBe('Jones-Price');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Enter your forename' }).click();
    expect(await page.getByLabel('Forename').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByLabel('Forename').fill('Rhian');
    await page.getByLabel('Title').fill('Dr');
    await page.getByLabel('Prefer not to say').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await banner()).toContain('Your personal details have been saved.');
    expect(await page.getByLabel('Forename').inputValue()).toBe('Rhian');
    expect(await page.getByLabel('Prefer not to say').isChecked()).toBe(true);
    await expectAccessible(page);

    const saved = await reloadAccount(t, pro);
    expect([saved.title, saved.forename, saved.surname, saved.gender]).toEqual(['Dr', 'Rhian', 'Jones-Price', 'notSay']);
  });

  it('works in Welsh: personal details and Two Step Verification', async () => {
    const pro = await createProfessional(t, 'vale-of-glamorgan');
    await openMyAccount(pro, 'Personal details');
    await page.getByRole('link', { name: 'Cymraeg' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('cy');
    expect(await h1()).toBe('Manylion personol');
    expect(await page.getByRole('navigation', { name: 'Fy Nghyfrif' }).getByRole('link', { name: 'Dilysu Dau Gam' }).isVisible()).toBe(true);
    await expectAccessible(page);
    await page.getByLabel('Cyfenw').fill('');
    await page.getByRole('button', { name: "Cadw'r newidiadau" }).click();
    expect(await errorSummary()).toContain('Rhowch eich cyfenw');
    expect(await page.getByRole('heading', { name: 'Mae problem wedi codi' }).isVisible()).toBe(true);
    await expectAccessible(page);
    await page.getByLabel('Cyfenw').fill('Jones');
    await page.getByRole('button', { name: "Cadw'r newidiadau" }).click();
    expect(await banner()).toContain("Mae eich manylion personol wedi'u cadw.");
    expect((await reloadAccount(t, pro)).surname).toBe('Jones');

    await page.getByRole('navigation', { name: 'Fy Nghyfrif' }).getByRole('link', { name: 'Dilysu Dau Gam' }).click();
    expect(await h1()).toBe('Dilysu Dau Gam');
    expect(await page.getByText('Bydd newid eich dewis yn eich allgofnodi, a bydd angen i chi fewngofnodi eto.').isVisible()).toBe(true);
    expect(await page.getByLabel('Dull a ffefrir').inputValue()).toBe('none');
    await expectAccessible(page);
  });

  it('adds a second work role with Find address', async () => {
    const pro = await createProfessional(t, 'vale-of-glamorgan');
    await openMyAccount(pro, 'Work details');
    expect(await page.locator('.govuk-summary-card').count()).toBe(1);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Add a role' }).click();
    expect(await h1()).toBe('Add a role');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Add role' }).click();
    expect(await errorSummary()).toContain('Enter your professional role');
    expect(await errorSummary()).toContain('Enter a postcode');
    await expectAccessible(page);

    // The role suggestions: type part of it, choose from the list.
    await page.getByLabel('Professional role').pressSequentially('SENCO');
    await page.getByRole('option', { name: 'SEN Co-ordinator (SENCO)' }).click();
    expect(await page.getByLabel('Professional role').inputValue()).toBe('SEN Co-ordinator (SENCO)');
    await page.getByLabel('Organisation name').fill('Babington Academy');
    await page.getByLabel('Postcode').fill('le4 0sz');
    await page.getByRole('button', { name: 'Find address' }).click();
    const choose = page.getByLabel('Select the address');
    expect(await choose.locator('option').first().textContent()).toBe('2 addresses found');
    expect(await page.getByLabel('Organisation name').inputValue()).toBe('Babington Academy');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Enter the address manually' }).click();
    expect(await page.getByLabel('Town').isVisible()).toBe(true);
    expect(await page.getByLabel('Postcode').inputValue()).toBe('LE4 0SZ');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Find the address by postcode instead' }).click();

    await page.getByLabel('Select the address').selectOption({ label: 'Babington Academy, 151 Strasbourg Drive, Beaumont Leys, Leicester, LE4 0SZ' });
    await page.getByLabel('Mobile number (optional)').fill('0770090098');
    await page.getByRole('button', { name: 'Add role' }).click();
    expect(await page.locator('#mobile-error').textContent()).toContain('Enter a UK mobile number');
    await expectAccessible(page);
    await page.getByLabel('Mobile number (optional)').fill('07700 900982');
    await page.getByRole('button', { name: 'Add role' }).click();

    expect(await banner()).toContain('Your new role has been added.');
    const card = page.locator('.govuk-summary-card', { hasText: 'Babington Academy' });
    expect(await card.getByRole('heading').textContent()).toBe('SEN Co-ordinator (SENCO)');
    expect(await card.textContent()).toContain('151 Strasbourg Drive');
    expect(await card.textContent()).toContain('07700 900982');
    await expectAccessible(page);

    await card.getByRole('link', { name: 'Change SEN Co-ordinator (SENCO) at Babington Academy' }).click();
    expect(await page.getByLabel('Select the address').inputValue()).toBe('2465010001');
    await expectAccessible(page);
  });

  it('removes a work role after confirmation; the only role cannot be removed', async () => {
    const pro = await createProfessional(t, 'vale-of-glamorgan', {
      roles: [{}, { role: 'SEN Co-ordinator (SENCO)', organisation: 'Babington Academy', house_number: '151', street: 'Strasbourg Drive', town: 'Leicester', postcode: 'LE4 0SZ' }],
    });
    await openMyAccount(pro, 'Work details');
    expect(await page.locator('.govuk-summary-card').count()).toBe(2);
    await page.getByRole('link', { name: 'Remove SEN Co-ordinator (SENCO) at Babington Academy' }).click();
    expect(await h1()).toBe('Remove your role: SEN Co-ordinator (SENCO)?');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Remove role' }).click();
    expect(await banner()).toContain('The role has been removed from your account.');
    expect(await page.locator('.govuk-summary-card').count()).toBe(1);

    await page.getByRole('link', { name: 'Remove Class Teacher at Hillside Primary School' }).click();
    expect(await h1()).toBe('You cannot remove your only role');
    expect(await page.getByRole('button', { name: 'Remove role' }).count()).toBe(0);
    await expectAccessible(page);
  });

  it('changes the password: each broken rule is named, other sessions end, the old password stops working', async () => {
    const pro = await createProfessional(t, 'vale-of-glamorgan');
    const elsewhere = await browser.newContext();
    const otherPage = await elsewhere.newPage();
    await signInAs(t, otherPage, pro.email, pro.password, { baseUrl: base() });
    await new Promise((r) => setTimeout(r, 1100));

    await openMyAccount(pro, 'Change password');
    expect(await page.getByText('at least 2 numbers').isVisible()).toBe(true);
    await expectAccessible(page);
    await page.getByLabel('Current password').fill(pro.password);
    await page.getByLabel('New password', { exact: true }).fill('weakpass');
    expect(await page.locator('li[data-rule="lower"]').getAttribute('data-met')).toBe('true');
    expect(await page.locator('li[data-rule="digits"]').getAttribute('data-met')).toBe('false');
    await page.getByLabel('Confirm new password').fill('weakpass');
    await page.getByRole('button', { name: 'Change password' }).click();
    const summary = await errorSummary();
    expect(summary).toContain('New password must be at least 10 characters, and no more than 128');
    expect(summary).toContain('New password must contain at least 2 numbers');
    expect(summary).toContain('New password must contain at least 1 capital letter');
    expect(summary).toContain('New password must contain at least 1 special character, like ! or %');
    expect(await page.locator('#newPassword-error').textContent()).toContain('at least 2 numbers');
    expect(await page.getByLabel('Current password').inputValue()).toBe('');
    await expectAccessible(page);

    await page.getByLabel('Current password').fill(pro.password);
    await page.getByLabel('New password', { exact: true }).fill('Quiet-Valley-93');
    expect(await page.locator('li[data-rule][data-met="false"]').count()).toBe(0);
    await page.getByLabel('Confirm new password').fill('Quiet-Valley-93');
    await page.getByRole('button', { name: 'Change password' }).click();
    expect(await banner()).toContain('Your password has been changed.');
    await expectAccessible(page);
    expect((await t.emailTo(pro.email)).subject).toBe('Your password was changed');

    // The other browser was signed in before the change: its next click finds it signed out.
    await otherPage.getByRole('link', { name: 'My Account', exact: true }).click();
    expect(new URL(otherPage.url()).pathname).toBe('/sign-in');
    expect(await otherPage.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
    await expect(signInAs(t, otherPage, pro.email, pro.password)).rejects.toThrow(/still on/);
    await signInAs(t, otherPage, pro.email, 'Quiet-Valley-93');
    await elsewhere.close();
  });

  it('changes the email address once the emailed link is followed, and warns the old address', async () => {
    const pro = await createProfessional(t, 'vale-of-glamorgan');
    const newEmail = `new.${Date.now()}@school.example.org`;
    await openMyAccount(pro, 'Change email address');
    await expectAccessible(page);
    await page.getByLabel('New email address', { exact: true }).fill(newEmail);
    await page.getByLabel('Confirm new email address').fill(newEmail);
    await page.getByRole('button', { name: 'Send confirmation link' }).click();
    expect(await errorSummary()).toContain('Enter your current password');
    expect(await page.getByLabel('New email address', { exact: true }).inputValue()).toBe(newEmail);
    await expectAccessible(page);

    await page.getByLabel('Current password').fill(pro.password);
    await page.getByRole('button', { name: 'Send confirmation link' }).click();
    expect(await h1()).toBe('Check your email');
    expect(await page.getByText(`We have sent an email to ${newEmail}.`).isVisible()).toBe(true);
    await expectAccessible(page);

    const confirmation = await t.emailTo(newEmail);
    const link = confirmation.text.match(/http:\/\/\S+\/my-account\/email\/confirm\/[\w-]+/)![0];
    const warning = emailsReceivedBy(t, pro.email).at(-1)!;
    expect(warning.subject).toBe('Your email address is being changed');
    expect(warning.text).toContain(newEmail);
    expect(warning.text).toContain('professionalportal@valeofglamorgan.gov.uk');
    expect((await reloadAccount(t, pro)).email).toBe(pro.email);

    await page.goto(link);
    expect(await banner()).toContain('Your email address has been changed.');
    expect(await page.getByText(`Your email address is ${newEmail}.`).isVisible()).toBe(true);
    await expectAccessible(page);
    await page.goto(link);
    expect(await h1()).toBe('This link has already been used');
    await expectAccessible(page);
    expect((await reloadAccount(t, pro)).email).toBe(newEmail);
  });

  it('sends a change of circumstances to the council', async () => {
    const pro = await createProfessional(t, 'vale-of-glamorgan', { forename: 'Gethin', surname: 'Hughes' });
    await openMyAccount(pro, 'Change of circumstances');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Send to the council' }).click();
    expect(await errorSummary()).toContain('Select what has changed');
    await expectAccessible(page);
    await page.getByLabel('I have changed role').check();
    await page.getByLabel('Details').fill('I became Head of Year 9 on 1 September.');
    expect(await page.locator('.govuk-character-count__status').textContent()).toContain('characters remaining');
    await page.getByRole('button', { name: 'Send to the council' }).click();
    expect(await h1()).toBe('Change of circumstances sent');
    await expectAccessible(page);
    const mail = await t.emailTo(pro.tenant.contact.email);
    expect(mail.subject).toBe('Change of circumstances: Ms Gethin Hughes');
    expect(mail.text).toContain('I became Head of Year 9 on 1 September.');
  });

  it('closes the account after asking to confirm with the password', async () => {
    const pro = await createProfessional(t, 'vale-of-glamorgan');
    await openMyAccount(pro, 'Change of circumstances');
    await page.getByLabel('I have left my organisation').check();
    await page.getByLabel('Close my account').check();
    await page.getByRole('button', { name: 'Send to the council' }).click();
    expect(await h1()).toBe('Close your account');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Close my account' }).click();
    // Without the password nothing is closed: the error is shown by the field.
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter your current password');
    await expectAccessible(page);
    await page.getByLabel('Current password').fill(pro.password);
    await page.getByRole('button', { name: 'Close my account' }).click();
    expect(await h1()).toBe('Your account has been closed');
    expect(await page.getByRole('link', { name: 'My Account' }).count()).toBe(0);
    await expectAccessible(page);
    expect((await reloadAccount(t, pro)).status).toBe('closed');
    expect((await t.emailTo(pro.email)).subject).toBe('Your Professional Portal account has been closed');
    expect(emailsReceivedBy(t, pro.tenant.contact.email).at(-1)!.text).toContain('They have also closed their account');
    await expect(signInAs(t, page, pro.email, pro.password, { baseUrl: base() })).rejects.toThrow(/still on/);
  });

  it('enables Two Step Verification: signs the person out, and the next sign-in asks for a code', async () => {
    const pro = await createProfessional(t, 'vale-of-glamorgan');
    await openMyAccount(pro, 'Two Step Verification');
    expect(await page.getByText('Two Step Verification is our way to make your data more secure.').isVisible()).toBe(true);
    expect(await page.getByText('Changing your preference will sign you out, and you will need to sign in again.').isVisible()).toBe(true);
    expect(await page.getByLabel('Preferred method').inputValue()).toBe('none');
    await expectAccessible(page);
    await page.getByLabel('Preferred method').selectOption({ label: 'Email' });
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await banner()).toContain('Your Two Step Verification preference has been saved. Sign in again.');
    expect((await reloadAccount(t, pro)).two_step).toBe('email');

    await page.getByLabel('Email address').fill(pro.email);
    await page.getByLabel('Password', { exact: true }).fill(pro.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    expect(await h1()).toBe('Enter your verification code');
    await page.getByLabel('Verification code').fill(await emailedCode(t, pro.email));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('link', { name: 'My Account', exact: true }).click();
    await sideNav().getByRole('link', { name: 'Two Step Verification' }).click();
    expect(await page.getByLabel('Preferred method').inputValue()).toBe('email');
  });

  it('explains that a code is always needed where the council always asks for one', async () => {
    const pro = await createProfessional(t, 'dudley');
    await signInAs(t, page, pro.email, pro.password, { baseUrl: base('dudley.localhost') });
    await page.goto(`${base('dudley.localhost')}/my-account/two-step-verification`);
    expect(await page.getByText('Dudley Council sends you a Verification Code by email every time you sign in').isVisible()).toBe(true);
    expect(await page.getByLabel('Preferred method').count()).toBe(0);
    await expectAccessible(page);
  });
});
