import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/platform/db/unit-of-work.js';
import { createChild, type Child } from '../../src/people/children.js';
import type { TestApp } from '../support/app.js';
import { expectAccessible, browserSession } from '../support/browser.js';
import { createProfessional, signInAs, type Professional, SAM_TAYLOR_SENCO } from '../support/accounts.js';
import { pdf } from '../support/uploads.js';
import { FormPage, SelectPersonPage } from '../support/pages.js';
import { eicar } from '../support/clamd.js';


describe('forms: the professional request for a statutory EHC assessment, in a real browser', () => {
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


  function childOf(pro: Professional): Promise<Child> {
    return inTenant(t.db.app, pro.tenantId, () =>
      createChild(
        {
          forename: 'August',
          surname: 'Apple',
          dateOfBirth: '2014-08-21',
          gender: 'male',
          school: 'Dovelands Primary School',
          address: { house_number: null, house_name: null, building_name: 'New Parks House', street: 'Pindar Road', district: null, town: 'Leicester', county: null, postcode: 'LE3 9RN', country: null, uprn: null },
        },
        { accountId: pro.account.id },
      ),
    );
  }

  let form: FormPage;
  let people: SelectPersonPage;
  beforeEach(() => {
    form = new FormPage(page);
    people = new SelectPersonPage(page);
  });
  const h1 = () => form.heading();
  const save = () => form.saveAndContinue();
  const group = (name: string) => form.group(name);

  it('completes all eight steps, submits with both declarations, then edits with a reason', async () => {
    const pro = await createProfessional(t, 'leicester', { ...SAM_TAYLOR_SENCO, two_step: 'email' });
    const child = await childOf(pro);
    const home = base('leicester.localhost');
    await signInAs(t, page, pro.email, pro.password, { baseUrl: home });

    // Select Person, confirm the child, then the Statutory Assessment Progress page.
    await (await people.openFromHome()).choose('Apple, August');
    expect(await h1()).toBe('August Apple');
    expect(await page.getByText('Date of birth: 21 August 2014').isVisible()).toBe(true);
    expect(await page.locator('[aria-current="step"]').textContent()).toContain('Request');
    expect(await page.locator('[aria-current="step"]').textContent()).toContain('Current stage');
    expect(await page.getByRole('heading', { name: 'What happens now?' }).isVisible()).toBe(true);
    await expectAccessible(page);

    await form.start('Professional Request for Statutory EHC Assessment');
    expect(await h1()).toBe('Professional Request for Statutory EHC Assessment');
    expect(await page.getByText('You have completed 0 of 7 steps.').isVisible()).toBe(true);
    await expectAccessible(page);
    await form.openStep('Work details');

    // Step 1: Work details.
    expect(await h1()).toBe('Work details');
    await save();
    expect(await page.getByRole('alert').textContent()).toContain('Select the professional role you are completing this form as');
    await expectAccessible(page);
    await page.getByLabel('SEN Co-ordinator (SENCO)').check();
    await save();

    // Step 2: Academic progress, with the 30,000 character limit.
    expect(await h1()).toBe('Academic progress');
    await expectAccessible(page);
    await page.getByLabel("Name of the child or young person's current school or setting").fill('Dovelands Primary School');
    await page.getByLabel('Year group').selectOption({ label: 'Year 5' });
    const attainment = page.getByLabel("What is the child or young person's current attainment?");
    await attainment.fill('a'.repeat(30001));
    await expect.poll(() => page.getByText('There is a limit of 30,000 characters. You have 1 character too many').first().isVisible()).toBe(true);
    await page.getByLabel('What progress has the child or young person made over time?').fill('Slow progress over the last two terms.');
    await save();
    expect(await page.getByRole('alert').textContent()).toContain('must be 30,000 characters or fewer');
    expect((await attainment.inputValue()).length).toBe(30001);
    await expectAccessible(page);
    await attainment.fill('b'.repeat(30000));
    await expect.poll(() => page.getByText('There is a limit of 30,000 characters. You have 0 characters remaining').first().isVisible()).toBe(true);
    await save();

    // Step 3: SEN needs; the description of a chosen area appears under it.
    expect(await h1()).toBe('SEN needs');
    await group("What is the child or young person's primary area of need?").getByLabel('Cognition and learning', { exact: true }).check();
    await group('Which areas of need apply?').getByLabel('Cognition and learning', { exact: true }).check();
    await page.getByLabel('Cognition and learning needs').fill('Specific learning difficulty (dyslexia).');
    await expectAccessible(page);
    await save();

    // Step 4: Action taken; 31/02/2020 is not a date.
    expect(await h1()).toBe('Action taken');
    const since = group('When did the child or young person start to receive SEN support?');
    await since.getByLabel('Day').fill('31');
    await since.getByLabel('Month').fill('2');
    await since.getByLabel('Year').fill('2020');
    await page.getByLabel('What support and interventions have been provided?').fill('Daily phonics in a group of three.');
    await page.getByLabel('What impact has the support had?').fill('Reading age up six months.');
    await page.getByLabel('How and when has the support been reviewed with the child or young person and their parents?').fill('Termly reviews with parents.');
    await group('Has the school or setting sought advice from specialists?').getByLabel('No').check();
    await page.getByLabel('Why do you believe an EHC needs assessment is now needed?').fill('Needs exceed what the school can provide.');
    await save();
    expect(await page.getByRole('alert').textContent()).toContain('must be a real date');
    await expectAccessible(page);
    await since.getByLabel('Day').fill('1');
    await since.getByLabel('Month').fill('9');
    await since.getByLabel('Year').fill('2023');
    await save();

    // Step 5: Over 18s.
    expect(await h1()).toBe('Over 18s');
    // The questions for a young person over 18 sit under "Yes": its own "No" is the group's last.
    await group('Is the young person aged 18 or over?').getByLabel('No', { exact: true }).last().check();
    expect(await page.getByLabel('Why does the young person need more time to complete their education or training?').isVisible()).toBe(false);
    await expectAccessible(page);
    await save();

    // Step 6: Documentation: a clean PDF is kept, the EICAR test file refused.
    expect(await h1()).toBe('Documentation');
    await page.getByLabel('File description', { exact: true }).selectOption({ label: 'Medical report' });
    await page.getByLabel('Upload document').setInputFiles({ name: 'paediatric-report.pdf', mimeType: 'application/pdf', buffer: pdf('Paediatric report') });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    expect(await page.getByRole('cell', { name: 'paediatric-report.pdf', exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('Ready').first().isVisible()).toBe(true);
    await page.getByLabel('File description', { exact: true }).selectOption({ label: 'Medical report' });
    await page.getByLabel('Upload document').setInputFiles({ name: 'eicar.pdf', mimeType: 'application/pdf', buffer: eicar() });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).toContain('The selected file contains a virus and has been deleted');
    expect(await page.getByRole('cell', { name: 'eicar.pdf', exact: true }).count()).toBe(0);
    await expectAccessible(page);
    await save();

    // Step 7: Discussed with: two contacts with Add more.
    expect(await h1()).toBe('Discussed with');
    await group("Do the child's parents (or the young person) agree to this request being made?").getByLabel('Yes').check();
    const first = group('Contact 1');
    await first.getByLabel('Name of parent (or person with parental responsibility) or the young person (16+)').fill('Mary Apple');
    await first.getByLabel('Address, phone number, and email address. Please indicate the best way to be contacted').fill('1 Pindar Road, Leicester. Best by phone: 0116 000 0000');
    await first.getByLabel('Day').fill('2');
    await first.getByLabel('Month').fill('3');
    await first.getByLabel('Year').fill('2024');
    await page.getByRole('button', { name: 'Add more' }).click();
    await page.waitForURL(/\/steps\/discussedWith#contacts-1$/);
    const second = group('Contact 2');
    await second.waitFor();
    expect(await first.getByLabel('Name of parent (or person with parental responsibility) or the young person (16+)').inputValue()).toBe('Mary Apple');
    await second.getByLabel('Name of parent (or person with parental responsibility) or the young person (16+)').fill('August Apple');
    await second.getByLabel('Relationship to the child or young person').fill('The young person');
    await second.getByLabel('Address, phone number, and email address. Please indicate the best way to be contacted').fill('Same address. Email august@example.org');
    await second.getByLabel('Day').fill('4');
    await second.getByLabel('Month').fill('3');
    await second.getByLabel('Year').fill('2024');
    await page.getByLabel('What are the views, wishes and feelings of the child or young person and their parents about this request?').fill('August would like help with reading.');
    await expectAccessible(page);
    await save();

    // Step 8: Summary: every answer and the document; both declarations required.
    expect(await h1()).toBe('Summary');
    for (const text of ['Dovelands Primary School', 'Year 5', 'Specific learning difficulty (dyslexia).', '1 September 2023', 'Mary Apple', 'August Apple', '2 March 2024', '4 March 2024', 'paediatric-report.pdf', 'Babington Academy']) {
      expect(await page.getByText(text, { exact: true }).first().isVisible(), text).toBe(true);
    }
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Submit' }).click();
    const problems = await page.getByRole('alert').textContent();
    expect(problems).toContain('Confirm that you are submitting this form with permission');
    expect(problems).toContain('Agree that the information can be shared');
    await expectAccessible(page);
    await group('Declaration').getByLabel('I agree').check();
    await group('Sharing the information').getByLabel('I agree').check();
    await page.getByRole('button', { name: 'Submit' }).click();

    expect(await h1()).toBe('Form Submitted');
    expect(await page.getByText('Thank you for submitting Professional Request for Statutory EHC Assessment for August Apple. The Local Authority will be in contact with you.').isVisible()).toBe(true);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Finish' }).click();
    const today = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/London' }).format(new Date());
    expect(await page.getByText(`Submitted by you on ${today}`).isVisible()).toBe(true);
    await expectAccessible(page);

    // View details, then Edit with a reason, change an answer and submit again.
    await page.getByRole('link', { name: 'View details Professional Request for Statutory EHC Assessment' }).click();
    expect(await page.getByText('Submitted on', { exact: false }).first().isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'paediatric-report.pdf' }).isVisible()).toBe(true);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Edit' }).click();
    expect(await h1()).toBe('Why are you editing this form?');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Enter why you are editing this form');
    await expectAccessible(page);
    await page.getByLabel('Why are you editing this form?').fill('The parents gave a new phone number');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.getByText('Your reason for editing: The parents gave a new phone number').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Discussed with' }).click();
    await group('Contact 1').getByLabel('Address, phone number, and email address. Please indicate the best way to be contacted').fill('1 Pindar Road, Leicester. New phone: 0116 111 1111');
    await save();
    expect(await h1()).toBe('Summary');
    expect(await page.getByText('1 Pindar Road, Leicester. New phone: 0116 111 1111').isVisible()).toBe(true);
    await group('Declaration').getByLabel('I agree').check();
    await group('Sharing the information').getByLabel('I agree').check();
    await page.getByRole('button', { name: 'Submit' }).click();
    expect(await h1()).toBe('Form Submitted');

    const response = await t.db.platform('form_responses').where({ account_id: pro.account.id, child_id: child.id }).first();
    const versions = await t.db.platform('form_versions').where({ response_id: response.id }).orderBy('version');
    expect(versions.map((v) => [v.version, v.edit_reason])).toEqual([
      [1, null],
      [2, 'The parents gave a new phone number'],
    ]);
    expect(versions[0].answers.academicProgress.attainment).toHaveLength(30000);
    expect(versions[0].documents.map((d: { fileName: string }) => d.fileName)).toEqual(['paediatric-report.pdf']);
  }, 240_000);

  it('autosaves what is typed, so a reload (or a timeout) loses nothing', async () => {
    const pro = await createProfessional(t, 'leicester', { ...SAM_TAYLOR_SENCO, two_step: 'email' });
    const child = await childOf(pro);
    const home = base('leicester.localhost');
    await signInAs(t, page, pro.email, pro.password, { baseUrl: home });
    await page.goto(`${home}/send/children/${child.id}`);
    await page.getByRole('button', { name: 'Start Professional Request for Statutory EHC Assessment' }).click();
    await page.getByRole('link', { name: 'Work details' }).click();
    await page.getByLabel('SEN Co-ordinator (SENCO)').check();
    await save();
    let activity = 0;
    await page.exposeFunction('portalActivity', () => activity++);
    await page.evaluate(() => document.addEventListener('portal:activity', () => (window as unknown as { portalActivity: () => void }).portalActivity()));
    await page.getByLabel('What progress has the child or young person made over time?').fill('Typed but never saved with the button');
    await page.getByLabel('Year group').focus();
    await expect.poll(() => page.getByText('Your answers have been saved.').isVisible()).toBe(true);
    expect(activity).toBeGreaterThan(0);
    await page.reload();
    expect(await page.getByLabel('What progress has the child or young person made over time?').inputValue()).toBe('Typed but never saved with the button');
    // The step is not complete: it was never saved valid.
    await page.getByRole('link', { name: 'Return to the list of steps' }).click();
    expect(await page.locator('#step-academicProgress-status').textContent()).toContain('In progress');
    await expectAccessible(page);
  });

  it('works in Welsh on the Vale of Glamorgan', async () => {
    const pro = await createProfessional(t, 'vale-of-glamorgan', { ...SAM_TAYLOR_SENCO, two_step: 'email' });
    const child = await childOf(pro);
    const home = base('vale.localhost');
    await signInAs(t, page, pro.email, pro.password, { baseUrl: home });
    await page.goto(`${home}/send/children/${child.id}?lang=cy`);
    expect(await page.locator('html').getAttribute('lang')).toBe('cy');
    expect(await page.getByRole('heading', { name: "Beth sy'n digwydd nawr?" }).isVisible()).toBe(true);
    expect(await page.locator('[aria-current="step"]').textContent()).toContain('Cam presennol');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Dechrau Cais Proffesiynol am Asesiad EHC Statudol' }).click();
    expect(await h1()).toBe('Cais Proffesiynol am Asesiad EHC Statudol');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Manylion gwaith' }).click();
    await page.getByRole('button', { name: 'Cadw a pharhau' }).click();
    expect(await page.getByRole('alert').textContent()).toContain("Dewiswch y rôl broffesiynol rydych chi'n llenwi'r ffurflen hon ynddi");
    await expectAccessible(page);
    await page.getByLabel('SEN Co-ordinator (SENCO)').check();
    await page.getByRole('button', { name: 'Cadw a pharhau' }).click();
    expect(await h1()).toBe('Cynnydd academaidd');
    await page.getByLabel("Beth yw cyrhaeddiad presennol y plentyn neu'r person ifanc?").fill('Darllen yn araf.');
    await expect.poll(() => page.getByText(/Mae terfyn o 30,000 nod\. Mae gennych 29,?984 nod ar ôl/).first().isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Cadw a pharhau' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Dewiswch y grŵp blwyddyn');
    await expectAccessible(page);
  });
});
