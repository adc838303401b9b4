import type { Locator, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { expectAccessible, browserSession } from '../support/browser.js';
import { createProfessional, signInAs, SAM_TAYLOR_SENCO } from '../support/accounts.js';
import { PortalPage } from '../support/pages.js';
import { pdfText } from '../support/pdf.js';
import { signInStaff } from '../support/staff.js';
import { createStaffAccount } from '../../src/accounts/staff/staff-accounts.js';

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
    // First language is a long list: type, then choose from the suggestions (accessible-autocomplete).
    const language = page.getByRole('combobox', { name: 'First language', exact: true }).first();
    await language.fill('zzz');
    await expect.poll(() => page.getByRole('listbox').innerText()).toContain('No results found');
    await language.fill('');
    await new PortalPage(page).chooseFromList(page.getByRole('combobox', { name: 'First language', exact: true }).first(), 'English');
    await new PortalPage(page).chooseFromList(group('First language: answer for Jo Smith').getByRole('combobox', { name: 'First language' }), 'Polish', 'pol');
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

  /** The words of the PDF a link on the page leads to, fetched by the page itself (its session, its council's host). */
  async function pdfOfLink(on: Page, link: Locator): Promise<string> {
    const href = await link.getAttribute('href');
    const got = await on.evaluate(async (url) => {
      const res = await fetch(url!, { credentials: 'same-origin' });
      const bytes = new Uint8Array(await res.arrayBuffer());
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      return { status: res.status, type: res.headers.get('content-type'), body: btoa(binary) };
    }, href);
    expect(got.status).toBe(200);
    expect(got.type).toBe('application/pdf');
    const text = await pdfText(Buffer.from(got.body, 'base64'));
    expect(text, 'pdftotext (poppler-utils) is needed').toBeDefined();
    return text!.replace(/\s+/g, ' ');
  }

  it("the issue's journey: three people, two separated on two per-person questions, Save for later, the emailed link through sign-in, Recover a form, Create PDF, submit, Submitted Forms; the Social Care intake reads it and asks for more information; the referrer reads the message", async () => {
    page.setDefaultTimeout(8000);
    const origin = base('dudley.localhost');
    const pro = await createProfessional(t, 'dudley', { ...SAM_TAYLOR_SENCO, two_step: 'email' });
    await signInAs(t, page, pro.email, pro.password, { baseUrl: origin });

    await page.getByRole('link', { name: "Children's Social Care", exact: true }).click();
    await page.getByRole('button', { name: 'Start Multi Agency Referral Form' }).click();
    await page.getByRole('link', { name: 'Your details' }).click();
    await page.locator('input[name="workRole"]').first().check();
    await save();
    expect(await h1()).toBe('Consent');
    await group('Has the family been told about this referral?').getByRole('radio', { name: 'Yes', exact: true }).check();
    await page.getByLabel('Yes, the family has given consent').check();
    await save();

    // Three people: two children and their mother.
    expect(await h1()).toBe('The child and family');
    const amy = group('Child 1');
    await amy.getByLabel('First name').fill('Amy');
    await amy.getByLabel('Last name').fill('Smith');
    await new PortalPage(page).fillDate('3', '4', '2016', amy);
    await amy.getByLabel('Female', { exact: true }).check();
    await amy.getByRole('button', { name: 'Enter the address manually' }).click();
    await page.getByLabel('Building name or number').fill('1');
    await page.getByLabel('Street').fill('High Street');
    await page.getByLabel('Town or city').fill('Dudley');
    await page.getByLabel('Postcode').fill('DY1 1HF');
    await page.getByRole('button', { name: 'Add a child' }).click();
    const ben = group('Child 2');
    await expect.poll(() => ben.isVisible()).toBe(true);
    await ben.getByLabel('First name').fill('Ben');
    await ben.getByLabel('Last name').fill('Smith');
    await new PortalPage(page).fillDate('5', '6', '2019', ben);
    await ben.getByLabel('Male', { exact: true }).check();
    await ben.getByRole('radio', { name: 'Yes', exact: true }).check();
    await page.getByRole('button', { name: 'Add an adult' }).click();
    const jo = group('Adult 1');
    await expect.poll(() => jo.isVisible()).toBe(true);
    await jo.getByLabel('First name').fill('Jo');
    await jo.getByLabel('Last name').fill('Smith');
    await new PortalPage(page).fillDate('9', '10', '1988', jo);
    await jo.getByLabel('Female', { exact: true }).check();
    await jo.getByLabel('Relationship to the child or role in the household').selectOption({ label: 'Mother' });
    await jo.getByRole('radio', { name: 'Yes', exact: true }).check();
    await expectAccessible(page);
    await save();

    // Two per-person questions, a different person separated on each.
    expect(await h1()).toBe('About the child and family');
    await page.getByRole('button', { name: /Jo Smith.*different answer to .First language/ }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Jo Smith now has their own answer' }).count()).toBe(1);
    await page.getByRole('button', { name: /Ben Smith.*different answer to .School, nursery or college/ }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Ben Smith now has their own answer' }).count()).toBe(1);
    await expectAccessible(page);
    await new PortalPage(page).chooseFromList(page.getByRole('combobox', { name: 'First language', exact: true }).first(), 'English');
    await new PortalPage(page).chooseFromList(group('First language: answer for Jo Smith').getByRole('combobox', { name: 'First language' }), 'Polish', 'pol');
    await page.getByLabel('School, nursery or college', { exact: true }).first().fill('Castle Primary School');
    await group('School, nursery or college: answer for Ben Smith').getByLabel('School, nursery or college').fill('Little Acorns Nursery');
    await group('Does anyone need an interpreter?').getByRole('radio', { name: 'No', exact: true }).check();
    await group('Does the child have a disability or special educational needs?').getByRole('radio', { name: 'No', exact: true }).check();
    await save();

    expect(await h1()).toBe('Reason for referral');
    await page.getByLabel('Why are you making this referral?').fill('Amy and Ben are often left alone.');
    await page.getByLabel('Neglect').check();
    await page.getByRole('button', { name: 'Save for later' }).click();
    expect(await h1()).toContain('Your form has been saved');

    // The emailed link, in a browser that is not signed in: sign in first, then Recover a form.
    const email = await t.emailTo(pro.email);
    const link = email.text.match(/https?:\/\/\S+\/forms\/saved\?form=[0-9a-f-]{36}/)?.[0];
    expect(link).toBeDefined();
    const context = await session.browser.newContext();
    const fresh = await context.newPage();
    fresh.setDefaultTimeout(8000);
    await fresh.goto(link!);
    expect(new URL(fresh.url()).pathname).toBe('/sign-in');
    await signInAs(t, fresh, pro.email, pro.password, { baseUrl: origin });
    expect(await fresh.getByRole('heading', { level: 1 }).textContent()).toBe('Recover a form');
    expect(await fresh.getByRole('cell', { name: '30', exact: true }).isVisible()).toBe(true);
    await expectAccessible(fresh);
    await fresh.getByRole('link', { name: /^Multi Agency Referral Form/ }).click();
    page = fresh;
    expect(await h1()).toBe('Reason for referral');
    expect(await page.getByLabel('Why are you making this referral?').inputValue()).toBe('Amy and Ben are often left alone.');
    await save();
    await group('Is any child at immediate risk of significant harm?').getByRole('radio', { name: 'No', exact: true }).check();
    await save();
    await page.getByLabel('A council or housing association home').check();
    await group('Is there anything a worker visiting the home should know to stay safe?').getByRole('radio', { name: 'No', exact: true }).check();
    await save();
    expect(await h1()).toBe('Professionals involved');
    await save();
    await page.getByLabel('What does the child say?').fill('Amy says she is hungry at school.');
    await page.getByLabel('What do the parents or carers think about the concerns?').fill('Jo says she works nights.');
    await page.getByLabel('What is going well for the family?').fill('Jo loves Amy and Ben.');
    await page.getByLabel('What does the family want to change?').fill('Help with childcare.');
    await save();
    expect(await h1()).toBe('Documents');
    await save();

    // Check your answers, then Create PDF before submitting.
    expect(await h1()).toBe('Check your answers and submit');
    const summary = await page.locator('main').innerText();
    for (const words of ['Jo Smith: Polish', 'Everyone else: English', 'Ben Smith: Little Acorns Nursery', 'Castle Primary School']) expect(summary).toContain(words);
    const draft = await pdfOfLink(page, page.getByRole('link', { name: 'Create PDF', exact: true }));
    for (const words of ['Amy Smith', 'Ben Smith', 'Jo Smith', 'Jo Smith: Polish', 'Ben Smith: Little Acorns Nursery', 'not submitted']) expect(draft).toContain(words);
    await page.getByLabel('I confirm that the information I have given is accurate to the best of my knowledge').check();
    await page.getByLabel('I understand how this information will be used and shared').check();
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => h1()).toContain('Form Submitted');

    // Submitted Forms, from the menu under the name: it is listed and its PDF opens.
    await (await new PortalPage(page).openAccountMenu()).getByRole('link', { name: 'Submitted Forms' }).click();
    expect(await h1()).toBe('Submitted Forms');
    expect(await page.getByRole('link', { name: /^Multi Agency Referral Form.*Ben Smith/ }).isVisible()).toBe(true);
    const final = await pdfOfLink(page, page.getByRole('link', { name: /^Open as PDF.*Multi Agency Referral Form.*Ben Smith/ }));
    expect(final).toContain('Ben Smith: Little Acorns Nursery');
    expect(final).not.toContain('not submitted');

    // Dudley's Social Care intake finds it in the queue, reads the per-person answers and asks for more information.
    const login = await createStaffAccount(t.db.platform, { tenant: 'dudley', email: `intake.${Date.now()}@council.example`, forename: 'Ira', surname: 'Intake', roles: ['social-care-intake'] });
    const office = await (await session.browser.newContext()).newPage();
    office.setDefaultTimeout(8000);
    await signInStaff(office, t, login.email, login.password, { url: `${origin}/backoffice/sign-in` });
    await office.getByRole('link', { name: 'Social Care referrals' }).click();
    await office.getByRole('link', { name: /^Multi Agency Referral Form: .*Ben Smith/ }).click();
    const item = await office.locator('main').innerText();
    for (const words of ['Jo Smith: Polish', 'Ben Smith: Little Acorns Nursery', 'Everyone else: English']) expect(item).toContain(words);
    await expectAccessible(office);
    await office.getByRole('button', { name: 'Assign to me' }).click();
    await office.getByLabel('Send a message to the referrer').fill('Please tell us the names of the children’s schools’ safeguarding leads.');
    await office.getByRole('button', { name: 'Send message' }).click();
    expect(await office.getByRole('alert').innerText()).toContain('Your message has been sent to the referrer.');
    await office.context().close();

    // The referrer is told by email to sign in, and reads the message in Messages.
    const told = await t.emailTo(pro.email);
    expect(told.text).not.toContain('safeguarding leads');
    await page.goto(`${origin}/messages`);
    await page.getByRole('link', { name: 'A message about your Multi Agency Referral Form' }).click();
    expect(await page.locator('main').innerText()).toContain('Please tell us the names of the children’s schools’ safeguarding leads.');
    await expectAccessible(page);
    await context.close();
  });
});
