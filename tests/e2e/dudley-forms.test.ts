import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { expectAccessible, browserSession } from '../support/browser.js';
import { createProfessional, signInAs, SAM_TAYLOR_SENCO } from '../support/accounts.js';
import { PortalPage } from '../support/pages.js';

describe('Dudley: a Multi Agency Referral Form about a family, in a real browser', () => {
  const session = browserSession();
  let t: TestApp;
  let page: Page;
  let port: number;
  beforeEach(() => {
    ({ t, page, port } = session);
  });
  const base = (host: string) => `http://${host}:${port}`;

  const h1 = () => page.getByRole('heading', { level: 1 }).textContent();
  const save = () => page.getByRole('button', { name: 'Save and continue' }).click();
  const group = (name: string) => page.getByRole('group', { name, exact: true });

  it('starts the referral from the Social Care tile, adds a child and an adult, gives the adult their own answer, saves for later and recovers it, submits and finds it under Submitted Forms', async () => {
    page.setDefaultTimeout(8000);
    const pro = await createProfessional(t, 'dudley', { ...SAM_TAYLOR_SENCO, two_step: 'email' });
    await signInAs(t, page, pro.email, pro.password, { baseUrl: base('dudley.localhost') });

    // The Social Care tile lists the referral with Start: no Select Person.
    await page.getByRole('link', { name: "Children's Social Care", exact: true }).click();
    expect(await h1()).toBe("Children's Social Care");
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Start Multi Agency Referral Form' }).click();
    expect(await h1()).toBe('Multi Agency Referral Form');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Your details' }).click();

    // Your details: the work role from My Account.
    expect(await h1()).toBe('Your details');
    await expectAccessible(page);
    await page.locator('input[name="workRole"]').first().check();
    await save();

    // Consent.
    expect(await h1()).toBe('Consent');
    await expectAccessible(page);
    await group('Has the family been told about this referral?').getByRole('radio', { name: 'Yes', exact: true }).check();
    await page.getByLabel('Yes, the family has given consent').check();
    await save();

    // Who the form is about: one child to start with; add an adult (a server round trip).
    expect(await h1()).toBe('The child and family');
    await expectAccessible(page);
    const child = group('Child 1');
    await child.getByLabel('First name').fill('Amy');
    await child.getByLabel('Last name').fill('Smith');
    await child.getByLabel('Day').fill('3');
    await child.getByLabel('Month').fill('4');
    await child.getByLabel('Year').fill('2016');
    await child.getByLabel('Female', { exact: true }).check();
    await child.getByRole('button', { name: 'Enter the address manually' }).click();
    await page.getByLabel('Building name or number').fill('1');
    await page.getByLabel('Street').fill('High Street');
    await page.getByLabel('Town or city').fill('Dudley');
    await page.getByLabel('Postcode').fill('DY1 1HF');
    await page.getByRole('button', { name: 'Add an adult' }).click();
    const adult = group('Adult 1');
    await expect.poll(() => adult.isVisible()).toBe(true);
    await adult.getByLabel('First name').fill('Jo');
    await adult.getByLabel('Last name').fill('Smith');
    await adult.getByLabel('Day').fill('9');
    await adult.getByLabel('Month').fill('10');
    await adult.getByLabel('Year').fill('1988');
    await adult.getByLabel('Female', { exact: true }).check();
    await adult.getByLabel('Relationship to the child or role in the household').selectOption({ label: 'Mother' });
    await adult.getByRole('radio', { name: 'Yes', exact: true }).check();
    await expectAccessible(page);
    await save();

    // A per-person question: one answer for everyone, "Answer for:" separates Jo.
    expect(await h1()).toBe('About the child and family');
    await expectAccessible(page);
    expect(await page.getByText('Answer for:').first().isVisible()).toBe(true);
    await page.getByRole('button', { name: /Jo Smith.*different answer to .First language/ }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Jo Smith now has their own answer' }).count()).toBe(1);
    await expectAccessible(page);
    // The shared answer comes first; Jo's own answer is in the fieldset naming her.
    await page.getByLabel('First language', { exact: true }).first().selectOption({ label: 'English' });
    await group('First language: answer for Jo Smith').getByLabel('First language').selectOption({ label: 'Polish' });
    await group('Does anyone need an interpreter?').getByRole('radio', { name: 'No', exact: true }).check();
    await group('Does the child have a disability or special educational needs?').getByRole('radio', { name: 'No', exact: true }).check();
    await save();

    expect(await h1()).toBe('Reason for referral');
    await page.getByLabel('Why are you making this referral?').fill('Amy has told her teacher she is often left alone.');
    await page.getByLabel('Neglect').check();
    await expectAccessible(page);
    // Save for later, then come back through Recover a form: what was typed is kept.
    await page.getByRole('button', { name: 'Save for later' }).click();
    expect(await h1()).toContain('Your form has been saved');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Recover a form' }).click();
    expect(await h1()).toBe('Recover a form');
    expect(await page.getByRole('heading', { name: 'Recover a Social Care Form' }).isVisible()).toBe(true);
    expect(await page.getByRole('cell', { name: '30', exact: true }).isVisible()).toBe(true);
    await expectAccessible(page);
    await page.getByRole('link', { name: /^Multi Agency Referral Form/ }).click();
    expect(await h1()).toBe('Reason for referral');
    expect(await page.getByLabel('Why are you making this referral?').inputValue()).toBe('Amy has told her teacher she is often left alone.');
    await save();

    expect(await h1()).toBe('Immediate risk');
    await group('Is any child at immediate risk of significant harm?').getByRole('radio', { name: 'No', exact: true }).check();
    await expectAccessible(page);
    await save();

    expect(await h1()).toBe('Household');
    await page.getByLabel('A council or housing association home').check();
    await group('Is there anything a worker visiting the home should know to stay safe?').getByRole('radio', { name: 'No', exact: true }).check();
    await expectAccessible(page);
    await save();

    expect(await h1()).toBe('Professionals involved');
    await expectAccessible(page);
    await save();

    expect(await h1()).toBe('Views and strengths');
    await page.getByLabel('What does the child say?').fill('Amy says she is hungry at school.');
    await page.getByLabel('What do the parents or carers think about the concerns?').fill('Jo says she works nights.');
    await page.getByLabel('What is going well for the family?').fill('Jo loves Amy.');
    await page.getByLabel('What does the family want to change?').fill('Help with childcare.');
    await expectAccessible(page);
    await save();

    expect(await h1()).toBe('Documents');
    await expectAccessible(page);
    await save();

    // Check your answers: the per-person answers, then submit.
    expect(await h1()).toBe('Check your answers and submit');
    await expectAccessible(page);
    const summary = await page.locator('main').innerText();
    expect(summary).toContain('Everyone else: English');
    expect(summary).toContain('Jo Smith: Polish');
    await page.getByLabel('I confirm that the information I have given is accurate to the best of my knowledge').check();
    await page.getByLabel('I understand how this information will be used and shared').check();
    await page.getByRole('button', { name: 'Submit' }).click();
    expect(await h1()).toContain('Form Submitted');
    await expectAccessible(page);

    // Submitted Forms lists it.
    await page.goto(`${base('dudley.localhost')}/social-care`);
    await page.getByRole('link', { name: 'Submitted Forms' }).click();
    expect(await h1()).toBe('Submitted Forms');
    await expectAccessible(page);
    await page.getByRole('link', { name: /^Multi Agency Referral Form/ }).click();
    expect(await page.locator('main').innerText()).toContain('Jo Smith: Polish');
    await expectAccessible(page);
  });

  it('the menu under the name opens with the keyboard and leads to Recover a form and Submitted Forms; Escape closes it; nothing scrolls sideways at 320 px', async () => {
    page.setDefaultTimeout(8000);
    const pro = await createProfessional(t, 'dudley', { ...SAM_TAYLOR_SENCO, two_step: 'email', forename: 'Bartholomew-Maximilian', surname: 'Featherstonehaugh-Cholmondeley' });
    await signInAs(t, page, pro.email, pro.password, { baseUrl: base('dudley.localhost') });
    const portal = new PortalPage(page);
    const menu = portal.accountMenu();
    const summary = menu.locator('summary');
    expect(await summary.innerText()).toContain('Bartholomew-Maximilian Featherstonehaugh-Cholmondeley');
    // Closed: its links are not shown.
    expect(await menu.getByRole('link', { name: 'Recover a form' }).isVisible()).toBe(false);

    // Keyboard: Tab reaches the name, Enter opens the menu, Tab walks its items in order.
    await summary.focus();
    await page.keyboard.press('Enter');
    expect(await menu.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    expect(await menu.getByRole('link').allTextContents()).toEqual(['Update Account', 'Recover a form', 'Submitted Forms']);
    expect(await menu.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    expect(await menu.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);

    // Open at 320 px: nothing sticks out.
    await page.setViewportSize({ width: 320, height: 640 });
    await page.keyboard.press('Enter');
    expect(await menu.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });

    // Follow Recover a form with the keyboard: Update Account, then Recover a form.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Update Account');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Recover a form');
    await page.keyboard.press('Enter');
    await expect.poll(() => h1()).toBe('Recover a form');
    expect(await page.getByRole('heading', { name: 'Recover a Social Care Form' }).isVisible()).toBe(true);
    // On the page it names, the menu marks it as the current page.
    await portal.openAccountMenu();
    expect(await menu.getByRole('link', { name: 'Recover a form' }).getAttribute('aria-current')).toBe('page');
    await menu.getByRole('link', { name: 'Submitted Forms' }).click();
    expect(await h1()).toBe('Submitted Forms');
    await expectAccessible(page);

    // Sign out from the menu.
    await portal.signOut();
    expect(await page.getByText('You have signed out.').isVisible()).toBe(true);
    expect(await portal.accountMenu().count()).toBe(0);
  });
});
