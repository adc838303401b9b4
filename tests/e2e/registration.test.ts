import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { expectAccessible, browserSession } from '../support/browser.js';

const PROFESSIONAL_PASSWORD = 'Holton-Road-42-Barry';

describe('registering, in a real browser', () => {
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
  const h1 = () => page.getByRole('heading', { level: 1 }).textContent();
  const linkIn = (text: string) => text.match(/https?:\/\/\S+\/register\/confirm\/\S+/)![0];
  const codeIn = (text: string) => text.match(/\b(\d{6})\b/)![1]!;
  let counter = 0;
  const newEmail = (who: string) => `${who}.${++counter}.${Date.now()}@school.example.org`;


  /** The rule's line in the live checklist, e.g. "Met At least 2 numbers". */
  const rule = (text: string) => page.locator('[data-password-rules] li').filter({ hasText: text });
  const summaryTexts = () => page.locator('.govuk-error-summary__list li').allTextContents();
  const passwordErrors = () => page.locator('#password-error li').allTextContents();

  it('registers at a three-step council: rules checked live and on the server, role suggestions, postcode finder, emailed link', async () => {
    const email = newEmail('carys');
    await page.goto(`${base('vale.localhost')}/`);
    await page.getByRole('button', { name: 'Register' }).click();
    expect(await h1()).toBe('Security details');
    expect(await page.locator('[aria-current="step"]').textContent()).toContain('Security details');
    expect(await page.getByText('Use your work email address, not a personal one.').isVisible()).toBe(true);
    await expectAccessible(page);

    await page.getByLabel('Email address', { exact: true }).fill(email);
    await page.getByLabel('Confirm email address').fill(email);

    // The checklist follows the typing, in words as well as colour.
    const password = page.getByLabel('Password', { exact: true });
    await password.pressSequentially('a');
    expect(await rule('At least 1 lower case letter').textContent()).toContain('Met');
    expect(await rule('At least 1 capital letter').textContent()).toContain('Not yet');
    expect(await rule('At least 2 numbers').textContent()).toContain('Not yet');
    await password.pressSequentially('B12!');
    expect(await rule('At least 1 capital letter').textContent()).toContain('Met');
    expect(await rule('At least 2 numbers').textContent()).toContain('Met');
    expect(await rule('At least 1 special character, like ! or %').textContent()).toContain('Met');
    expect(await rule('At least 10 characters, and no more than 128').textContent()).toContain('Not yet');
    await expect.poll(() => page.locator('[data-password-rules-status]').textContent()).toBe('5 of 6 password rules met');
    await expectAccessible(page);

    // Each broken rule is named next to the field and in the summary.
    await password.fill('a');
    await page.getByLabel('Confirm password').fill('a');
    await page.getByRole('button', { name: 'Next' }).click();
    const firstBroken = [
      'Your password must have at least 10 characters, and no more than 128',
      'Your password must have at least 2 numbers',
      'Your password must have at least 1 capital letter',
      'Your password must have at least 1 special character, like ! or %',
    ];
    expect((await passwordErrors()).map((e) => e.replace('Error:', '').trim())).toEqual(firstBroken);
    expect(await summaryTexts()).toEqual(firstBroken);
    expect(await page.getByLabel('Email address', { exact: true }).inputValue()).toBe(email);
    expect(await password.inputValue()).toBe('');
    await expectAccessible(page);

    await password.fill('ABCDEFGH12!');
    await page.getByLabel('Confirm password').fill('ABCDEFGH12!');
    await page.getByRole('button', { name: 'Next' }).click();
    expect(await summaryTexts()).toEqual(['Your password must have at least 1 lower case letter']);
    expect(await passwordErrors()).toEqual(['Error: Your password must have at least 1 lower case letter']);

    await password.fill(email.replace('carys', 'Carys1!'));
    await page.getByLabel('Email address', { exact: true }).fill(email.replace('carys', 'carys1!'));
    await page.getByLabel('Confirm email address').fill(email.replace('carys', 'carys1!'));
    await page.getByLabel('Confirm password').fill(email.replace('carys', 'Carys1!'));
    await page.getByRole('button', { name: 'Next' }).click();
    expect(await summaryTexts()).toEqual(['Your password must not be the same as your email address']);
    await page.getByRole('link', { name: 'Your password must not be the same as your email address' }).click();
    expect(await password.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.getByLabel('Email address', { exact: true }).fill(email);
    await page.getByLabel('Confirm email address').fill(email);
    await password.fill(PROFESSIONAL_PASSWORD);
    await page.getByLabel('Confirm password').fill(PROFESSIONAL_PASSWORD);
    await page.getByRole('button', { name: 'Next' }).click();

    // About you.
    expect(await h1()).toBe('About you');
    expect(await page.locator('[aria-current="step"]').textContent()).toContain('About you');
    await page.getByRole('button', { name: 'Next' }).click();
    expect(await summaryTexts()).toEqual(['Enter your title', 'Enter your forename', 'Enter your surname', 'Select your gender']);
    await expectAccessible(page);
    await page.getByLabel('Title').fill('Ms');
    await page.getByLabel('Forename').fill('Carys');
    await page.getByLabel('Surname').fill('Evans');
    await page.getByLabel('Gender').selectOption({ label: 'Female' });

    // Previous keeps what was typed, both ways.
    await page.getByRole('button', { name: 'Previous' }).click();
    expect(await h1()).toBe('Security details');
    expect(await page.getByLabel('Email address', { exact: true }).inputValue()).toBe(email);
    expect(await page.getByText('You have already chosen a password.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Next' }).click();
    expect(await h1()).toBe('About you');
    expect(await page.getByLabel('Forename').inputValue()).toBe('Carys');
    await page.getByRole('button', { name: 'Next' }).click();

    // Work details.
    expect(await h1()).toBe('Work details');
    await expectAccessible(page);
    const role = page.getByLabel('Professional role');
    await role.pressSequentially('SE');
    const senco = page.getByRole('option', { name: 'SEN Co-ordinator (SENCO)' });
    await senco.waitFor();
    await expectAccessible(page);
    await senco.click();
    expect(await role.inputValue()).toBe('SEN Co-ordinator (SENCO)');
    await page.getByLabel('Organisation name').fill('Barry Comprehensive');

    await page.getByLabel('Postcode').fill('CF63 4R');
    await page.getByRole('button', { name: 'Find address' }).click();
    expect(await summaryTexts()).toEqual(['Enter a full UK postcode, like SW1A 2AA']);
    expect(await role.inputValue()).toBe('SEN Co-ordinator (SENCO)');
    await expectAccessible(page);

    await page.getByLabel('Postcode').fill('cf63 4ru');
    await page.getByRole('button', { name: 'Find address' }).click();
    expect(await page.getByRole('group', { name: 'Select your work address' }).isVisible()).toBe(true);
    expect(await page.getByText('3 addresses found for CF63 4RU').isVisible()).toBe(true);
    await page.getByLabel('Civic Offices, Holton Road, Barry, CF63 4RU', { exact: true }).check();
    await page.getByLabel('Mobile number').fill('07700 900 982');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Previous' }).click();
    expect(await h1()).toBe('About you');
    await page.getByRole('button', { name: 'Next' }).click();
    expect(await role.inputValue()).toBe('SEN Co-ordinator (SENCO)');
    expect(await page.getByLabel('Civic Offices, Holton Road, Barry, CF63 4RU', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Mobile number').inputValue()).toBe('07700 900 982');

    await page.getByRole('button', { name: 'Submit registration' }).click();
    expect(await h1()).toBe('Nearly done…');
    expect(await page.getByText("We've sent you an email containing a link.").isVisible()).toBe(true);
    expect(await page.getByText('check your spam or junk folder').isVisible()).toBe(true);
    await expectAccessible(page);

    const mail = await t.emailTo(email);
    await page.goto(linkIn(mail.text));
    expect(await h1()).toBe('Your email address is confirmed');
    expect(await page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
    await expectAccessible(page);

    // The link works once.
    await page.goto(linkIn(mail.text));
    expect(await h1()).toBe('This link has already been used');
    await expectAccessible(page);
  }, 180_000);

  it('enters a work address manually, without JavaScript', async () => {
    await context.close();
    context = await browser.newContext({ javaScriptEnabled: false });
    page = await context.newPage();
    page.setDefaultTimeout(5000);
    const email = newEmail('manual');
    await page.goto(`${base('stoke.localhost')}/register`);
    await page.getByLabel('Email address', { exact: true }).fill(email);
    await page.getByLabel('Confirm email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PROFESSIONAL_PASSWORD);
    await page.getByLabel('Confirm password').fill(PROFESSIONAL_PASSWORD);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Title').fill('Mr');
    await page.getByLabel('Forename').fill('Tom');
    await page.getByLabel('Surname').fill('Hughes');
    await page.getByLabel('Gender').selectOption({ label: 'Prefer not to say' });
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Professional role').fill('Careers Adviser');
    await page.getByLabel('Organisation name').fill('Careers Hub');
    await page.getByLabel('Postcode').fill('ST4 9ZZ');
    await page.getByRole('button', { name: 'Find address' }).click();
    expect(await summaryTexts()).toEqual(['We could not find any addresses for ST4 9ZZ. Check the postcode, or enter the address manually']);
    await page.getByRole('button', { name: 'Enter address manually' }).click();
    expect(await page.getByLabel('Postcode').inputValue()).toBe('ST4 9ZZ');
    await page.getByRole('button', { name: 'Submit registration' }).click();
    expect(await summaryTexts()).toEqual(['Enter the street, or a house or building name', 'Enter the town']);
    // (axe needs JavaScript: the same page is checked in the Welsh journey.)
    await page.getByLabel('House number').fill('12');
    await page.getByLabel('Street').fill('Hartshill Road');
    await page.getByLabel('Town').fill('Stoke-on-Trent');
    await page.getByRole('button', { name: 'Submit registration' }).click();
    expect(await h1()).toBe('Nearly done…');
    const [role] = await t.db.platform('work_roles').join('accounts', 'accounts.id', 'work_roles.account_id').where('accounts.email', email).select('work_roles.*');
    expect(role).toMatchObject({ role: 'Careers Adviser', house_number: '12', street: 'Hartshill Road', town: 'Stoke-on-Trent', postcode: 'ST4 9ZZ', country: 'United Kingdom' });
  });

  it('registers in Welsh, with every label in Welsh', async () => {
    const email = newEmail('cymraeg');
    await page.goto(`${base('vale.localhost')}/register?lang=cy`);
    expect(await page.locator('html').getAttribute('lang')).toBe('cy');
    expect(await h1()).toBe('Manylion diogelwch');
    await page.getByRole('button', { name: 'Nesaf' }).click();
    expect(await summaryTexts()).toEqual(['Rhowch eich cyfeiriad e-bost', "Rhowch eich cyfeiriad e-bost eto i'w gadarnhau", 'Rhowch gyfrinair', "Rhowch eich cyfrinair eto i'w gadarnhau"]);
    await expectAccessible(page);
    await page.getByLabel('Cyfeiriad e-bost', { exact: true }).fill(email);
    await page.getByLabel("Cadarnhau'r cyfeiriad e-bost").fill(email);
    await page.getByLabel('Cyfrinair', { exact: true }).pressSequentially('ab12');
    expect(await rule('O leiaf 2 rif').textContent()).toContain("Wedi'i fodloni");
    expect(await rule('O leiaf 1 briflythyren').textContent()).toContain('Ddim eto');
    await page.getByLabel('Cyfrinair', { exact: true }).fill(PROFESSIONAL_PASSWORD);
    await page.getByLabel("Cadarnhau'r cyfrinair").fill(PROFESSIONAL_PASSWORD);
    await page.getByRole('button', { name: 'Nesaf' }).click();

    expect(await h1()).toBe('Amdanoch chi');
    await expectAccessible(page);
    await page.getByLabel('Teitl').fill('Mrs');
    await page.getByLabel('Enw cyntaf').fill('Nia');
    await page.getByLabel('Cyfenw').fill('Jones');
    await page.getByLabel('Rhywedd').selectOption({ label: 'Benyw' });
    await page.getByRole('button', { name: 'Nesaf' }).click();

    expect(await h1()).toBe('Manylion gwaith');
    // The council's roles are suggested in Welsh on Welsh pages.
    await page.getByLabel('Rôl broffesiynol').pressSequentially('CADY');
    await page.getByRole('option', { name: 'Cydlynydd Anghenion Dysgu Ychwanegol (CADY)' }).click();
    await page.getByLabel("Enw'r sefydliad").fill('Ysgol Gymraeg Sant Curig');
    await page.getByRole('button', { name: "Rhoi'r cyfeiriad â llaw" }).click();
    await page.getByRole('button', { name: "Cyflwyno'r cofrestriad" }).click();
    expect(await summaryTexts()).toEqual(['Rhowch y stryd, neu enw tŷ neu adeilad', 'Rhowch y dref', 'Rhowch god post eich cyfeiriad gwaith']);
    expect(await page.getByLabel('Gwlad').inputValue()).toBe('Y Deyrnas Unedig');
    await expectAccessible(page);
    await page.getByRole('button', { name: "Chwilio am y cyfeiriad drwy'r cod post yn lle hynny" }).click();
    await page.getByLabel('Cod post').fill('CF62 9EW');
    await page.getByRole('button', { name: "Dod o hyd i'r cyfeiriad" }).click();
    await page.getByLabel('Ysgol Gymraeg Sant Curig, Amroth Court, Colcot, Barry, CF62 9EW').check();
    expect(await page.getByLabel('Rhif ffôn symudol').isVisible()).toBe(true);
    await page.getByLabel('Ffôn gwaith').fill('01446 700111');
    await expectAccessible(page);
    await page.getByRole('button', { name: "Cyflwyno'r cofrestriad" }).click();

    expect(await h1()).toBe('Bron â gorffen…');
    await expectAccessible(page);
    const mail = await t.emailTo(email);
    expect(mail.subject).toBe("Cadarnhewch eich cyfeiriad e-bost ar gyfer y Porth Gweithwyr Proffesiynol");
    await page.goto(linkIn(mail.text));
    expect(await h1()).toBe("Mae eich cyfeiriad e-bost wedi'i gadarnhau");
    await expectAccessible(page);
    const [account] = await t.db.platform('accounts').where({ email });
    expect(account).toMatchObject({ status: 'active', preferred_language: 'cy', forename: 'Nia' });
  }, 180_000);

  describe('one step with an emailed code', () => {
    async function fillForm(email: string) {
      await page.goto(`${base('dudley.localhost')}/register`);
      expect(await h1()).toBe('Register for an account');
      await page.getByLabel('Forename').fill('Dev');
      await page.getByLabel('Surname').fill('Patel');
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password', { exact: true }).fill('Priory-Road-7');
      await page.getByLabel('Confirm password').fill('Priory-Road-7');
      await page.getByRole('button', { name: 'Continue' }).click();
    }

    it('creates the account when the code is entered', async () => {
      const email = newEmail('dev');
      await page.goto(`${base('dudley.localhost')}/register`);
      await expectAccessible(page);
      await page.getByLabel('Password', { exact: true }).fill('short');
      await page.getByRole('button', { name: 'Continue' }).click();
      expect(await summaryTexts()).toEqual([
        'Enter your forename',
        'Enter your surname',
        'Enter your email address',
        'Your password must have at least 9 characters, and no more than 128',
        'Your password must have at least 1 number',
        'Your password must have at least 1 capital letter',
        'Your password must have at least 1 special character, like ! or %',
        'Enter your password again to confirm it',
      ]);
      await expectAccessible(page);

      await fillForm(email);
      expect(await h1()).toBe('Enter your verification code');
      expect(await page.getByText(`We have sent a code to ${email}.`).isVisible()).toBe(true);
      expect(await page.getByText('It is valid for 10 minutes. Only the newest code works: if you ask for another, earlier codes stop working.').isVisible()).toBe(true);
      await expectAccessible(page);
      expect(await t.db.platform('accounts').where({ email })).toHaveLength(0);

      const code = codeIn((await t.emailTo(email)).text);
      await page.getByLabel('Verification code').fill(code === '999999' ? '999998' : '999999');
      await page.getByRole('button', { name: 'Verify' }).click();
      expect(await summaryTexts()).toEqual(['The code is not correct. You have 4 more tries']);
      await expectAccessible(page);

      // Asking for another code: only the newest works.
      await page.getByRole('button', { name: 'Send a new code' }).click();
      expect(await page.getByText(`We have sent a new code to ${email}.`).isVisible()).toBe(true);
      await expectAccessible(page);
      const newCode = codeIn((await t.emailTo(email)).text);
      if (newCode !== code) {
        await page.getByLabel('Verification code').fill(code);
        await page.getByRole('button', { name: 'Verify' }).click();
        expect(await summaryTexts()).toEqual(['The code is not correct. You have 4 more tries']);
      }
      await page.getByLabel('Verification code').fill(newCode);
      await page.getByRole('button', { name: 'Verify' }).click();
      expect(await h1()).toBe('Your account has been created');
      await expectAccessible(page);
      const [account] = await t.db.platform('accounts').where({ email });
      expect(account).toMatchObject({ status: 'active', forename: 'Dev', surname: 'Patel', kind: 'professional' });
    }, 120_000);

    it('refuses an expired code and starts again keeping the names and email, not the password', async () => {
      const email = newEmail('late');
      await fillForm(email);
      const code = codeIn((await t.emailTo(email)).text);
      await t.db.platform('email_secrets').where({ email, purpose: 'register' }).update({ expires_at: new Date(Date.now() - 1000) });
      await page.getByLabel('Verification code').fill(code);
      await page.getByRole('button', { name: 'Verify' }).click();
      expect(await h1()).toBe('Your code has expired');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Start again' }).click();
      expect(await h1()).toBe('Register for an account');
      expect(await page.getByLabel('Forename').inputValue()).toBe('Dev');
      expect(await page.getByLabel('Surname').inputValue()).toBe('Patel');
      expect(await page.getByLabel('Email address').inputValue()).toBe(email);
      expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
      expect(await t.db.platform('accounts').where({ email })).toHaveLength(0);
    });
  });
});
