import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/platform/db/unit-of-work.js';
import { createChild, linkChild } from '../../src/people/children.js';
import type { TestApp } from '../support/app.js';
import { expectAccessible, browserSession } from '../support/browser.js';
import { createProfessional, signInAs, type Professional, SAM_TAYLOR_SENCO } from '../support/accounts.js';
import { SelectPersonPage } from '../support/pages.js';

describe('Select Person and children, in a real browser', () => {
  const session = browserSession();
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let port: number;
  beforeEach(() => {
    ({ t, browser, context, page, port } = session);
  });
  const base = (host: string) => `http://${host}:${port}`;
  const h1 = () => new SelectPersonPage(page).heading();
  const table = () => page.getByRole('table');
  const summary = () => page.locator('.govuk-error-summary').textContent();


  /** A child added by the professional, or created by the council and linked to them ("authenticated" by the Local Authority). */
  async function childOf(pro: Professional, forename: string, surname: string, dateOfBirth: string, school: string, by: 'professional' | 'council' = 'professional') {
    await inTenant(t.db.app, pro.tenantId, async () => {
      const details = {
        forename,
        surname,
        dateOfBirth,
        gender: 'female',
        school,
        address: { house_number: '153', house_name: null, building_name: null, street: 'Strasbourg Drive', district: 'Beaumont Leys', town: 'Leicester', county: null, postcode: 'LE4 0SZ', country: null, uprn: null },
      };
      if (by === 'professional') return void (await createChild(details, { accountId: pro.account.id }));
      const child = await createChild(details, { staffId: '00000000-0000-4000-8000-000000000002' });
      await linkChild(child.id, pro.account.id, 'council');
    });
  }

  const fillDate = (day: string, month: string, year: string) => new SelectPersonPage(page).fillDate(day, month, year);
  const filter = (text: string, view = 'Active') => new SelectPersonPage(page).filter(text, view);

  const rowNames = async () => (await table().count()) ? page.locator('tbody tr td:first-child a').allTextContents() : [];

  it('adds children by visible labels, warns about the same child, and chooses one on leicester.localhost', async () => {
    const pro = await createProfessional(t, 'leicester', { ...SAM_TAYLOR_SENCO, two_step: 'email' });
    await signInAs(t, page, pro.email, pro.password, { baseUrl: base('leicester.localhost') });
    await page.getByRole('link', { name: 'Special Educational Needs and Disabilities' }).click();
    expect(await h1()).toBe('Select Person');
    expect(await page.getByText('Children and young people will appear here if you have added them to your account').isVisible()).toBe(true);
    expect(await page.getByText('0 records found').isVisible()).toBe(true);
    await expectAccessible(page);

    // Add a child: the date is checked, the address found by postcode.
    await page.getByRole('button', { name: 'Add child / young person' }).click();
    expect(await h1()).toBe('Add child / young person');
    await expectAccessible(page);
    await page.getByLabel('Forename').fill('August');
    await page.getByLabel('Surname').fill('Apple');
    await fillDate('31', '02', '2020');
    await page.getByLabel('Male', { exact: true }).check();
    await page.getByLabel('Postcode').fill('le3 9rn');
    await page.getByRole('button', { name: 'Find address' }).click();
    expect(await page.getByText('2 addresses found for LE3 9RN').isVisible()).toBe(true);
    await page.getByLabel('New Parks House, Pindar Road, Leicester, LE3 9RN', { exact: true }).check();
    await page.getByLabel('School or setting (optional)').fill('Dovelands Primary School');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await summary()).toContain('Date of birth must be a real date, like 21 8 2014');
    expect(await page.locator('#dateOfBirth-error').textContent()).toContain('Date of birth must be a real date');
    expect(await page.getByLabel('Forename').inputValue()).toBe('August');
    expect(await page.getByLabel('New Parks House, Pindar Road, Leicester, LE3 9RN', { exact: true }).isChecked()).toBe(true);
    await expectAccessible(page);

    await fillDate('1', '1', String(new Date().getFullYear() + 1));
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('#dateOfBirth-error').textContent()).toContain('Date of birth must be today or in the past');
    await expectAccessible(page);

    await fillDate('21', '8', '2014');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await h1()).toBe("Check the child or young person's details");
    expect(await page.locator('.govuk-summary-list').textContent()).toMatch(/Apple, August[\s\S]*21\/08\/2014[\s\S]*Male[\s\S]*New Parks House[\s\S]*LE3 9RN[\s\S]*Dovelands Primary School/);
    await expectAccessible(page);
    const appleId = page.url().match(/\/send\/children\/([0-9a-f-]{36})\/confirm$/)![1]!;

    // A second child, with the address typed in.
    await page.getByRole('link', { name: 'Back to Select Person', exact: true }).click();
    await page.getByRole('button', { name: 'Add child / young person' }).click();
    await page.getByLabel('Forename').fill('Bryn');
    await page.getByLabel('Surname').fill('Cedar');
    await fillDate('2', '3', '2012');
    await page.getByLabel('Not known').check();
    await page.getByRole('button', { name: 'Enter address manually' }).click();
    expect(await page.getByLabel('Forename').inputValue()).toBe('Bryn');
    await expectAccessible(page);
    await page.getByLabel('House number').fill('12');
    await page.getByLabel('Street').fill('Groby Road');
    await page.getByLabel('Town').fill('Leicester');
    await page.getByLabel('Postcode').fill('LE3 9QH');
    await page.getByLabel('School or setting (optional)').fill('Babington Academy');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await h1()).toBe("Check the child or young person's details");
    await page.getByRole('link', { name: 'Back to Select Person', exact: true }).click();
    expect(await page.getByText('2 records found').isVisible()).toBe(true);
    expect(await rowNames()).toEqual(['Apple, August', 'Cedar, Bryn']);
    expect(await table().textContent()).toContain('12 Groby Road, Leicester, LE3 9QH');

    // The same name and date of birth again: a warning, and the existing record can be used.
    await page.getByRole('button', { name: 'Add child / young person' }).click();
    await page.getByLabel('Forename').fill('august');
    await page.getByLabel('Surname').fill('apple');
    await fillDate('21', '08', '2014');
    await page.getByLabel('Male', { exact: true }).check();
    await page.getByRole('button', { name: 'Enter address manually' }).click();
    await page.getByLabel('Street').fill('Pindar Road');
    await page.getByLabel('Town').fill('Leicester');
    await page.getByLabel('Postcode').fill('LE3 9RN');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await h1()).toBe('You already have a child or young person with this name and date of birth');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await summary()).toContain('Select whether to use the existing record or add a new one');
    await expectAccessible(page);
    await page.getByLabel(/Use the existing record for Apple, August/).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(page.url()).toBe(`${base('leicester.localhost')}/send/children/${appleId}/confirm`);

    // Choosing a child by name: confirm, then Continue to their progress page.
    await page.goto(`${base('leicester.localhost')}/send`);
    await page.getByRole('link', { name: 'Apple, August' }).click();
    expect(await h1()).toBe("Check the child or young person's details");
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(new URL(page.url()).pathname).toBe(`/send/children/${appleId}`);
  });

  it('filters, hides and unhides, deletes, and refuses to delete a council-linked child on leicester.localhost', async () => {
    const pro = await createProfessional(t, 'leicester', { ...SAM_TAYLOR_SENCO, two_step: 'email' });
    await childOf(pro, 'August', 'Apple', '2014-08-21', 'Dovelands Primary School');
    await childOf(pro, 'Bryn', 'Cedar', '2012-03-02', 'Babington Academy');
    await signInAs(t, page, pro.email, pro.password, { baseUrl: base('leicester.localhost') });
    await page.goto(`${base('leicester.localhost')}/send`);
    expect(await rowNames()).toEqual(['Apple, August', 'Cedar, Bryn']);

    // The Person Filter: by surname, by school, by date of birth.
    await filter('APPLE');
    expect(await rowNames()).toEqual(['Apple, August']);
    expect(await page.getByText('1 record found').isVisible()).toBe(true);
    await expectAccessible(page);
    await filter('babington');
    expect(await rowNames()).toEqual(['Cedar, Bryn']);
    await filter('02/03/2012');
    expect(await rowNames()).toEqual(['Cedar, Bryn']);
    await filter('Nobody Here');
    expect(await page.getByText('No records match your filter').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Clear filter' }).click();
    expect(await rowNames()).toEqual(['Apple, August', 'Cedar, Bryn']);

    // Hide person: nothing ticked is an error; then gone from Active, there in Hidden; then unhide.
    await page.getByRole('button', { name: 'Hide person', exact: true }).click();
    expect(await summary()).toContain('Select at least one person to hide');
    await expectAccessible(page);
    await page.getByLabel('Select Apple, August').check();
    await page.getByRole('button', { name: 'Hide person', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).toContain('1 record hidden');
    expect(await rowNames()).toEqual(['Cedar, Bryn']);
    await expectAccessible(page);
    await filter('', 'Hidden');
    expect(await rowNames()).toEqual(['Apple, August']);
    expect(await page.getByRole('button', { name: 'Hide person', exact: true }).count()).toBe(0);
    await expectAccessible(page);
    await page.getByLabel('Select Apple, August').check();
    await page.getByRole('button', { name: 'Unhide person' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('1 record is shown again');
    expect(await rowNames()).toEqual([]);
    await filter('', 'Active');
    expect(await rowNames()).toEqual(['Apple, August', 'Cedar, Bryn']);
    await filter('', 'Recent 18 months');
    expect(await rowNames()).toEqual(['Apple, August', 'Cedar, Bryn']);

    // Delete a child this professional added, after the question.
    await filter('', 'Active');
    await page.getByLabel('Select Cedar, Bryn').check();
    await page.getByRole('button', { name: 'Delete person' }).click();
    expect(await h1()).toBe('Are you sure you want to delete this record?');
    expect(await page.getByText('Cedar, Bryn').isVisible()).toBe(true);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('1 record deleted.');
    expect(await rowNames()).toEqual(['Apple, August']);

    // A child the council linked cannot be deleted.
    await childOf(pro, 'Gwen', 'Fig', '2013-05-04', 'Babington Academy', 'council');
    await page.reload();
    expect(await rowNames()).toEqual(['Apple, August', 'Fig, Gwen']);
    await page.getByLabel('Select Fig, Gwen').check();
    await page.getByRole('button', { name: 'Delete person' }).click();
    expect(await summary()).toContain('You cannot delete Fig, Gwen: the Local Authority linked this record to you. You can hide it instead.');
    expect(await page.locator('#children-error').textContent()).toContain('Nothing has been deleted.');
    expect(await page.getByLabel('Select Fig, Gwen').isChecked()).toBe(true);
    await expectAccessible(page);
    await page.goto(`${base('leicester.localhost')}/send`);
    expect(await rowNames()).toEqual(['Apple, August', 'Fig, Gwen']);

  });

  it('works in Welsh on vale.localhost', async () => {
    const pro = await createProfessional(t, 'vale-of-glamorgan', { ...SAM_TAYLOR_SENCO, two_step: 'email' });
    await signInAs(t, page, pro.email, pro.password, { baseUrl: base('vale.localhost') });
    await page.goto(`${base('vale.localhost')}/send`);
    await page.getByRole('link', { name: 'Cymraeg' }).click();
    expect(await h1()).toBe('Dewis Person');
    expect(await page.getByText('Dim cofnodion wedi\'u canfod').isVisible()).toBe(true);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Ychwanegu plentyn / person ifanc' }).click();
    expect(await h1()).toBe('Ychwanegu plentyn / person ifanc');
    await page.getByLabel('Diwrnod').fill('31');
    await page.getByLabel('Mis', { exact: true }).fill('2');
    await page.getByLabel('Blwyddyn').fill('2020');
    await page.getByRole('button', { name: 'Parhau' }).click();
    expect(await summary()).toContain("Rhowch enw cyntaf y plentyn neu'r person ifanc");
    expect(await page.locator('#dateOfBirth-error').textContent()).toContain("Rhaid i'r dyddiad geni fod yn ddyddiad go iawn");
    await expectAccessible(page);

    await page.getByLabel('Enw cyntaf').fill('Cerys');
    await page.getByLabel('Cyfenw').fill('Morgan');
    await page.getByLabel('Diwrnod').fill('4');
    await page.getByLabel('Mis', { exact: true }).fill('5');
    await page.getByLabel('Blwyddyn').fill('2015');
    await page.getByLabel('Benyw').check();
    await page.getByLabel('Cod post').fill('CF62 7EA');
    await page.getByRole('button', { name: "Dod o hyd i'r cyfeiriad" }).click();
    await page.getByLabel('High Street Primary School, High Street, Barry, CF62 7EA').check();
    await page.getByLabel('Ysgol neu leoliad (dewisol)').fill('Ysgol Gymraeg Sant Curig');
    await page.getByRole('button', { name: 'Parhau' }).click();
    expect(await h1()).toBe("Gwirio manylion y plentyn neu'r person ifanc");
    expect(await page.locator('.govuk-summary-list').textContent()).toContain('Benyw');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Yn ôl i Dewis Person', exact: true }).click();
    expect(await page.getByText("1 cofnod wedi'i ganfod").isVisible()).toBe(true);
    expect(await rowNames()).toEqual(['Morgan, Cerys']);
    await expectAccessible(page);
  });
});
