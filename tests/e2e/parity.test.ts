import { describe, expect, it } from 'vitest';
import { inTenant } from '../../src/platform/db/unit-of-work.js';
import { createChild, linkChild } from '../../src/people/children.js';
import { createProfessional, signInAs } from '../support/accounts.js';
import { browserSession, expectAccessible } from '../support/browser.js';
import { createStaff, signInStaff } from '../support/staff.js';
import { pdf } from '../support/uploads.js';

/** Parity with the old portals, in a real browser: driven by visible labels, checked with axe in both languages. */
describe('parity features, in a real browser', () => {
  const s = browserSession();
  const VALE = 'vale.localhost';

  it("updates a child's details by their labels, in English and Welsh, accessibly", async () => {
    const base = s.base(VALE);
    const pro = await createProfessional(s.t, 'vale-of-glamorgan', { two_step: 'email' });
    const child = await inTenant(s.t.db.app, pro.tenant.id, async () => {
      const made = await createChild(
        {
          forename: 'Elin',
          surname: 'Morgn',
          dateOfBirth: '2013-02-11',
          gender: 'female',
          school: 'Ysgol Sant Curig',
          address: { house_number: '3', house_name: null, building_name: null, street: 'Holton Road', district: null, town: 'Barry', county: null, postcode: 'CF63 4RU', country: null, uprn: null },
        },
        { staffId: '00000000-0000-4000-8000-000000000001' },
      );
      await linkChild(made.id, pro.account.id, 'council');
      return made;
    });
    const page = s.page;
    await signInAs(s.t, page, pro.email, pro.password, { baseUrl: base });
    await page.goto(`${base}/send/children/${child.id}`);
    await page.getByRole('link', { name: 'Update details of Elin Morgn' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe("Update the child or young person's details");
    expect(await page.getByLabel('Surname').inputValue()).toBe('Morgn');
    await expectAccessible(page);

    // A mistake first: the error summary, the message by the field, nothing lost.
    await page.getByLabel('Surname').fill('');
    await page.getByLabel('School or setting (optional)').fill('Ysgol Gymraeg Bro Morgannwg');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.title()).toMatch(/^Error: /);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Enter');
    expect(await page.getByLabel('School or setting (optional)').inputValue()).toBe('Ysgol Gymraeg Bro Morgannwg');
    await expectAccessible(page);

    await page.getByLabel('Surname').fill('Morgan');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Elin Morgan' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain("The child or young person's details have been updated.");
    await expectAccessible(page);

    // In Welsh.
    await page.goto(`${base}/send/children/${child.id}?lang=cy`);
    await page.getByRole('link', { name: "Diweddaru'r manylion am Elin Morgan" }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe("Diweddaru manylion y plentyn neu'r person ifanc");
    await expectAccessible(page);
    await page.getByRole('button', { name: "Cadw'r newidiadau" }).click();
    await page.getByRole('heading', { level: 1, name: 'Elin Morgan' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Ni newidiwyd dim');
    await expectAccessible(page);
  });

  it('Show password shows and hides the password, announced, in both languages', async () => {
    const page = s.page;
    await page.goto(`${s.base('leicester.localhost')}/sign-in`);
    const password = page.getByLabel('Password', { exact: true });
    await password.fill('Secret-Words-42');
    expect(await password.getAttribute('type')).toBe('password');
    await page.getByRole('button', { name: 'Show password' }).click();
    expect(await password.getAttribute('type')).toBe('text');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Hide password' }).click();
    expect(await password.getAttribute('type')).toBe('password');

    await page.goto(`${s.base(VALE)}/sign-in?lang=cy`);
    await page.getByRole('button', { name: 'Dangos y cyfrinair' }).click();
    expect(await page.getByRole('button', { name: "Cuddio'r cyfrinair" }).isVisible()).toBe(true);
    await expectAccessible(page);
  });

  it("Vale's header when signed out: Home, Sign in and Register, and the Forms & Templates page, accessibly in both languages", async () => {
    const page = s.page;
    const base = s.base(VALE);
    await page.goto(`${base}/`);
    const menu = page.getByRole('navigation', { name: 'Menu' });
    expect(await menu.getByRole('link').allTextContents()).toEqual(['Home', 'Sign in', 'Register']);
    await menu.getByRole('link', { name: 'Register' }).click();
    expect(new URL(page.url()).pathname).toBe('/register');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Forms & Templates' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Forms and templates');
    await expectAccessible(page);
    await page.goto(`${base}/help/forms-and-templates?lang=cy`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Ffurflenni a thempledi');
    expect(await page.getByRole('navigation', { name: 'Dewislen' }).getByRole('link').allTextContents()).toEqual(['Hafan', 'Mewngofnodi', 'Cofrestru']);
    await expectAccessible(page);
  });
});

describe('documents from the council, in a real browser', () => {
  const s = browserSession();

  it('staff share a draft EHC plan by the labels; the linked professional downloads it from the progress page; both accessible, in Welsh too', async () => {
    for (const [slug, host, lang] of [
      ['leicester', 'leicester.localhost', 'en'],
      ['vale-of-glamorgan', 'vale.localhost', 'cy'],
    ] as const) {
      const base = s.base(host);
      const pro = await createProfessional(s.t, slug, { two_step: 'email' });
      const child = await inTenant(s.t.db.app, pro.tenant.id, async () => {
        const made = await createChild(
          { forename: 'Maya', surname: 'Patel', dateOfBirth: '2012-09-14', gender: 'female', school: 'Babington Academy', address: {} as never },
          { staffId: '00000000-0000-4000-8000-000000000001' },
        );
        await linkChild(made.id, pro.account.id, 'council');
        return made;
      });
      const staff = await createStaff(s.t, slug);
      const staffContext = await s.browser.newContext();
      const staffPage = await staffContext.newPage();
      await signInStaff(staffPage, s.t, staff.email, staff.password, { url: `${base}/backoffice/sign-in` });
      await staffPage.goto(`${base}/backoffice/send/children/${child.id}`);
      await staffPage.getByRole('button', { name: 'Share document' }).click();
      expect(await staffPage.locator('.govuk-error-summary').textContent()).toContain('Select what the document is');
      await expectAccessible(staffPage);
      await staffPage.getByLabel('Draft EHC plan').check();
      await staffPage.getByLabel('Choose the file').setInputFiles({ name: 'draft-plan.pdf', mimeType: 'application/pdf', buffer: pdf('Draft EHC plan for Maya') });
      await staffPage.getByRole('button', { name: 'Share document' }).click();
      expect(await staffPage.getByRole('alert').textContent()).toContain('draft-plan.pdf has been shared with the professionals linked to Maya Patel.');
      await expectAccessible(staffPage);
      await staffContext.close();

      const page = s.page;
      await page.context().clearCookies();
      await signInAs(s.t, page, pro.email, pro.password, { baseUrl: base });
      await page.goto(`${base}/send/children/${child.id}${lang === 'cy' ? '?lang=cy' : ''}`);
      const heading = lang === 'cy' ? 'Dogfennau gan y cyngor' : 'Documents from the council';
      expect(await page.getByRole('heading', { name: heading }).isVisible()).toBe(true);
      const link = page.getByRole('link', { name: lang === 'cy' ? /^Cynllun EHC drafft ?: draft-plan\.pdf$/ : /^Draft EHC plan ?: draft-plan\.pdf$/ });
      await expectAccessible(page);
      // Downloaded as the browser would (with its session cookie).
      const response = await page.evaluate(async (href) => {
        const res = await fetch(href!);
        return { status: res.status, disposition: res.headers.get('content-disposition'), body: await res.text() };
      }, await link.getAttribute('href'));
      expect(response.status).toBe(200);
      expect(response.disposition).toContain('filename="draft-plan.pdf"');
      expect(response.body).toContain('Draft EHC plan for Maya');
      if (lang === 'cy') await page.goto(`${base}/?lang=en`);
    }
  });
});
