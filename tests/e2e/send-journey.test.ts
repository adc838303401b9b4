import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, inTenant } from '../../src/platform/db/unit-of-work.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { expectAccessible, launchBrowser } from '../support/browser.js';
import { createProfessional, signInAs, SAM_TAYLOR_SENCO } from '../support/accounts.js';
import { createStaff, signInStaff } from '../support/staff.js';
import { pdf } from '../support/uploads.js';

/** The text of a PDF file as poppler's pdftotext reads it (undefined when poppler-utils is not installed). */
async function pdfText(file: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', file, '-']);
    return stdout.replace(/\s+/g, ' ');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * The end of issue 5's journey on Leicester's portal: the council creates a child,
 * links a professional, sets the stage and key dates and asks for Educational Advice;
 * the professional sees the message, completes and submits the form; the council
 * reads it and downloads it as PDF and JSON.
 */
describe('SEND journey: council back office and professional, in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let port: number;

  beforeAll(async () => {
    t = await buildTestApp();
    port = await t.listen();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  }

  // The whole journey, with axe on every page: longer than one page's test.
  it('staff link a professional, set the stage and ask for advice; the professional completes it; staff read and download it', { timeout: 180_000 }, async () => {
    const base = `http://leicester.localhost:${port}`;
    const pro = await createProfessional(t, 'leicester', { ...SAM_TAYLOR_SENCO, two_step: 'email', forename: 'Sam', surname: 'Taylor' });
    const login = await createStaff(t, 'leicester', { forename: 'Casey', surname: 'Officer' });

    // ── The council: sign in to the back office.
    const staff = await newPage();
    const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
    await signInStaff(staff, t, login.email, login.password, { url: `${base}/backoffice/sign-in` });
    await expectAccessible(staff);

    // Create the child, first with mistakes.
    await staff.getByRole('link', { name: 'Children and young people' }).click();
    expect(await h1(staff)).toBe('Children and young people');
    expect(await staff.getByText('0 records found').isVisible()).toBe(true);
    await expectAccessible(staff);
    await staff.getByRole('button', { name: 'Create a child or young person' }).click();
    expect(await h1(staff)).toBe('Create a child or young person');
    await expectAccessible(staff);
    await staff.getByLabel('Forename').fill('Bethan');
    const dob = staff.getByRole('group', { name: 'Date of birth' });
    await dob.getByLabel('Day').fill('31');
    await dob.getByLabel('Month').fill('2');
    await dob.getByLabel('Year').fill('2020');
    await staff.getByRole('button', { name: 'Create record' }).click();
    const problems = await staff.getByRole('alert').textContent();
    expect(problems).toContain('There is a problem');
    expect(await staff.getByLabel('Forename').inputValue()).toBe('Bethan');
    await expectAccessible(staff);
    await staff.getByLabel('Surname').fill('Morgan');
    await dob.getByLabel('Day').fill('3');
    await dob.getByLabel('Month').fill('4');
    await dob.getByLabel('Year').fill('2016');
    await staff.getByLabel('Female').check();
    await staff.getByRole('button', { name: 'Enter address manually' }).click();
    await staff.getByLabel('Street').fill('Pindar Road');
    await staff.getByLabel('Town').fill('Leicester');
    await staff.getByLabel('Postcode').fill('LE3 9RN');
    await staff.getByLabel('School or setting (optional)').fill('Dovelands Primary School');
    await staff.getByRole('button', { name: 'Create record' }).click();
    expect(await h1(staff)).toBe('Bethan Morgan');
    expect(await staff.getByText('The record for Bethan Morgan has been created.').isVisible()).toBe(true);
    const childUrl = new URL(staff.url());
    const childId = childUrl.pathname.split('/').pop()!;
    await expectAccessible(staff);

    // The search finds her by her date of birth.
    await staff.getByRole('link', { name: 'Back to children and young people' }).click();
    await staff.getByLabel('Search', { exact: true }).fill('03/04/2016');
    await staff.getByRole('button', { name: 'Search', exact: true }).click();
    expect(await staff.getByText('1 record found').isVisible()).toBe(true);
    await expectAccessible(staff);
    await staff.getByRole('link', { name: 'Morgan, Bethan' }).click();

    // Link the professional.
    await staff.getByRole('button', { name: 'Link a professional' }).click();
    expect(await h1(staff)).toBe('Link a professional');
    await staff.getByLabel('Email address or name').fill(pro.email);
    await staff.getByRole('button', { name: 'Find professional' }).click();
    expect(await staff.getByText('1 professional found').isVisible()).toBe(true);
    await expectAccessible(staff);
    await staff.getByRole('button', { name: 'Link Sam Taylor' }).click();
    expect(await staff.getByText('Sam Taylor is now linked to Bethan Morgan and can see their record.').isVisible()).toBe(true);
    expect(await staff.getByRole('cell', { name: 'Linked by the council' }).isVisible()).toBe(true);

    // Stage and key dates: 31/02/2020 is refused, then Assessment with the advice due date.
    await staff.getByRole('button', { name: 'Change stage and key dates' }).click();
    expect(await h1(staff)).toBe('Stage and key dates');
    await expectAccessible(staff);
    await staff.getByLabel('Assessment').check();
    const received = staff.getByRole('group', { name: 'Date request received' });
    await received.getByLabel('Day').fill('31');
    await received.getByLabel('Month').fill('2');
    await received.getByLabel('Year').fill('2020');
    await staff.getByRole('button', { name: 'Save stage and key dates' }).click();
    expect(await staff.getByRole('alert').textContent()).toContain('Date request received must be a real date');
    expect(await staff.getByLabel('Assessment').isChecked()).toBe(true);
    await expectAccessible(staff);
    await received.getByLabel('Day').fill('2');
    await received.getByLabel('Month').fill('3');
    await received.getByLabel('Year').fill('2026');
    const adviceDue = staff.getByRole('group', { name: 'Advice due' });
    await adviceDue.getByLabel('Day').fill('30');
    await adviceDue.getByLabel('Month').fill('6');
    await adviceDue.getByLabel('Year').fill('2030');
    await staff.getByRole('button', { name: 'Save stage and key dates' }).click();
    expect(await staff.getByText('Bethan Morgan is now at the Assessment stage.').isVisible()).toBe(true);
    expect(await staff.getByText('30 June 2030').isVisible()).toBe(true);

    // Ask the professional for Educational Advice.
    await staff.getByRole('button', { name: 'Ask a professional for advice' }).click();
    expect(await h1(staff)).toBe('Ask a professional for advice');
    await expectAccessible(staff);
    await staff.getByRole('button', { name: 'Send request' }).click();
    expect(await staff.getByRole('alert').textContent()).toContain('Select the professional to ask for advice');
    await expectAccessible(staff);
    await staff.getByLabel(`Sam Taylor (${pro.email})`).check();
    await staff.getByLabel('Educational Advice for Statutory EHC Assessment').check();
    const due = staff.getByRole('group', { name: 'Date the advice is due (optional)' });
    await due.getByLabel('Day').fill('30');
    await due.getByLabel('Month').fill('6');
    await due.getByLabel('Year').fill('2030');
    await staff.getByLabel('Note for the professional (optional)').fill('Please include the latest reading assessment.');
    await staff.getByRole('button', { name: 'Send request' }).click();
    expect(await staff.getByText('Sam Taylor has been asked for Educational Advice for Statutory EHC Assessment.').isVisible()).toBe(true);
    expect(await staff.getByRole('cell', { name: 'Waiting' }).isVisible()).toBe(true);
    await expectAccessible(staff);

    // The email only says there is a message: no child's name in it.
    const email = await t.emailTo(pro.email);
    expect(email.subject).toContain('You have a new message');
    expect(email.text).not.toContain('Bethan');
    expect(email.text).not.toContain('Morgan');

    // ── The professional: the badge, the message, the progress page, the form.
    const page = await newPage();
    await signInAs(t, page, pro.email, pro.password, { baseUrl: base });
    const messagesTile = page.getByRole('link', { name: /Messages/ });
    expect(await messagesTile.textContent()).toContain('1 unread');
    await messagesTile.click();
    await page.getByRole('link', { name: 'You are required to submit information' }).click();
    expect(await h1(page)).toBe('You are required to submit information');
    expect(await page.getByText('The Local Authority asks you to complete Educational Advice for Statutory EHC Assessment for Bethan Morgan, date of birth 03/04/2016.').isVisible()).toBe(true);
    expect(await page.getByText('Please submit it by 30 June 2030.').isVisible()).toBe(true);
    expect(await page.getByText('Please include the latest reading assessment.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Complete Educational Advice for Statutory EHC Assessment' }).click();

    expect(new URL(page.url()).pathname).toBe(`/send/children/${childId}`);
    expect(await h1(page)).toBe('Bethan Morgan');
    expect(await page.locator('[aria-current="step"]').textContent()).toContain('Assessment');
    expect(await page.getByText('30 June 2030').first().isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Start Educational Advice for Statutory EHC Assessment' }).click();
    expect(await h1(page)).toBe('Educational Advice for Statutory EHC Assessment');
    await page.getByRole('link', { name: 'Work details' }).click();

    const save = () => page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByLabel('SEN Co-ordinator (SENCO)').check();
    await save();
    expect(await h1(page)).toBe('Story');
    await page.getByLabel("CYP's story (Education)").fill('Bethan is a lively girl who loves stories and drawing.');
    await save();
    expect(await h1(page)).toBe('Needs');
    await page.getByLabel("What are the child or young person's strengths?").fill('Creative, kind and determined.');
    await page.getByLabel('Current attainment and progress').fill('Reading two years below her age.');
    await page.getByRole('group', { name: 'Which areas of need does your advice cover?' }).getByLabel('Cognition and learning', { exact: true }).check();
    await page.getByLabel('Cognition and learning needs').fill('Dyslexia: slow decoding and spelling.');
    await save();
    expect(await h1(page)).toBe('Longer term outcomes');
    await page.getByLabel('What longer term outcomes do you recommend?').fill('To read for pleasure by the end of Key Stage 2.');
    await save();
    expect(await h1(page)).toBe('Shorter term outcomes');
    await page.getByLabel('What shorter term outcomes do you recommend?').fill('To read 20 new high-frequency words each term.');
    await save();
    expect(await h1(page)).toBe('Provision');
    await page.getByLabel('What special educational provision does the child or young person need to achieve these outcomes?').fill('Daily structured phonics in a group of three.');
    await save();
    expect(await h1(page)).toBe('Documentation');
    await page.getByLabel('Document description').fill('Reading assessment');
    await page.getByLabel('Upload document').setInputFiles({ name: 'reading-assessment.pdf', mimeType: 'application/pdf', buffer: pdf('Reading assessment') });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    expect(await page.getByRole('cell', { name: 'reading-assessment.pdf', exact: true }).isVisible()).toBe(true);
    await save();
    expect(await h1(page)).toBe('Summary');
    await page.getByRole('group', { name: 'Declaration' }).getByLabel('I agree').check();
    await page.getByRole('group', { name: 'Sharing the information' }).getByLabel('I agree').check();
    await page.getByRole('button', { name: 'Submit' }).click();
    expect(await h1(page)).toBe('Form Submitted');
    expect(await page.getByText('Thank you for submitting Educational Advice for Statutory EHC Assessment for Bethan Morgan.').isVisible()).toBe(true);

    // ── The council reads the submission and downloads it.
    await staff.reload();
    expect(await staff.getByRole('link', { name: 'Submitted' }).isVisible()).toBe(true);
    await staff.getByRole('link', { name: 'Educational Advice for Statutory EHC Assessment – Sam Taylor' }).click();
    expect(await h1(staff)).toBe('Educational Advice for Statutory EHC Assessment');
    for (const text of ['Bethan is a lively girl who loves stories and drawing.', 'Dyslexia: slow decoding and spelling.', 'Daily structured phonics in a group of three.', 'Version', '1 of 1']) {
      expect(await staff.getByText(text, { exact: true }).first().isVisible(), text).toBe(true);
    }
    expect(await staff.getByRole('link', { name: 'reading-assessment.pdf' }).first().isVisible()).toBe(true);
    expect(await staff.getByText('SEN Co-ordinator (SENCO), Babington Academy').isVisible()).toBe(true);
    await expectAccessible(staff);

    const [pdfDownload] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('button', { name: 'Download as PDF' }).click()]);
    expect(pdfDownload.suggestedFilename()).toBe('educational-advice-ehc-assessment-morgan-bethan-v1.pdf');
    const pdfFile = (await pdfDownload.path())!;
    const pdfBytes = await readFile(pdfFile);
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const words = await pdfText(pdfFile);
    if (words !== undefined) {
      for (const text of ['Leicester City Council', 'Educational Advice for Statutory EHC Assessment', 'Bethan Morgan, date of birth 03/04/2016', 'Sam Taylor', 'SEN Co-ordinator (SENCO), Babington Academy', 'Bethan is a lively girl who loves stories and drawing.', 'reading-assessment.pdf']) {
        expect(words, text).toContain(text);
      }
    } else {
      expect(pdfBytes.length).toBeGreaterThan(2000);
      expect(pdfBytes.includes(Buffer.from('/Title'))).toBe(true);
    }

    const [jsonDownload] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('button', { name: 'Download as JSON' }).click()]);
    const data = JSON.parse(await readFile((await jsonDownload.path())!, 'utf8'));
    expect(data).toMatchObject({ formId: 'educational-advice-ehc-assessment', version: 1, submittedBy: { name: 'Sam Taylor', email: pro.email } });
    expect(data.answers.story.story).toBe('Bethan is a lively girl who loves stories and drawing.');
    expect(data.documents.map((d: { fileName: string }) => d.fileName)).toEqual(['reading-assessment.pdf']);

    // The council-wide list, newest first.
    await staff.goto(`${base}/backoffice`);
    await staff.getByRole('link', { name: 'Submitted forms' }).click();
    expect(await h1(staff)).toBe('Submitted forms');
    expect(await staff.getByRole('link', { name: 'Morgan, Bethan', exact: true }).isVisible()).toBe(true);
    await expectAccessible(staff);
  });

  it('works in Welsh on the Vale of Glamorgan’s back office', { timeout: 120_000 }, async () => {
    const base = `http://vale.localhost:${port}`;
    const login = await createStaff(t, 'vale-of-glamorgan');
    const staff = await newPage();
    await signInStaff(staff, t, login.email, login.password, { url: `${base}/backoffice/sign-in` });
    await staff.getByRole('link', { name: 'Cymraeg' }).click();
    await staff.getByRole('link', { name: 'Plant a phobl ifanc' }).click();
    expect(await staff.getByRole('heading', { level: 1 }).textContent()).toBe('Plant a phobl ifanc');
    await expectAccessible(staff);
    await staff.getByRole('button', { name: 'Creu plentyn neu berson ifanc' }).click();
    await staff.getByRole('button', { name: 'Creu cofnod' }).click();
    expect(await staff.getByRole('alert').textContent()).toContain('Mae problem wedi codi');
    await expectAccessible(staff);
    // The Welsh child form, filled by its labels (used twice: the second time meets the duplicate warning).
    const fillChild = async () => {
      await staff.getByLabel('Enw cyntaf').fill('Gwŷn');
      await staff.getByLabel('Cyfenw').fill('Dŵr');
      const dob = staff.getByRole('group', { name: 'Dyddiad geni' });
      await dob.getByLabel('Diwrnod').fill('1');
      await dob.getByLabel('Mis').fill('3');
      await dob.getByLabel('Blwyddyn').fill('2015');
      await staff.getByLabel('Gwryw').check();
      await staff.getByRole('button', { name: "Rhoi'r cyfeiriad â llaw" }).click();
      await staff.getByLabel('Stryd', { exact: true }).fill('Heol y Bont');
      await staff.getByLabel('Tref', { exact: true }).fill('Y Barri');
      await staff.getByLabel('Cod post').fill('CF62 4AA');
      await staff.getByRole('button', { name: 'Creu cofnod' }).click();
    };
    await fillChild();
    expect(await staff.getByRole('heading', { level: 1 }).textContent()).toBe('Gwŷn Dŵr');
    await expectAccessible(staff);
    const childId = new URL(staff.url()).pathname.split('/').pop()!;

    // The same name and date of birth again: the warning page.
    await staff.goto(`${base}/backoffice/send/children/new`);
    await fillChild();
    expect(await staff.getByRole('heading', { level: 1 }).textContent()).toBe("Mae plentyn neu berson ifanc gyda'r enw a'r dyddiad geni hwn yn bodoli eisoes");
    await expectAccessible(staff);
    await staff.getByRole('link', { name: 'Dŵr, Gwŷn' }).click();
    await staff.getByRole('button', { name: "Newid y cam a'r dyddiadau allweddol" }).click();
    await staff.getByRole('button', { name: "Cadw'r cam a'r dyddiadau allweddol" }).click();
    expect(await staff.getByRole('alert').textContent()).toContain("Dewiswch y cam y mae'r plentyn neu'r person ifanc arno");
    await expectAccessible(staff);
    await staff.getByRole('link', { name: 'Yn ôl at Gwŷn Dŵr' }).click();
    await staff.getByRole('button', { name: 'Gofyn i weithiwr proffesiynol am gyngor' }).click();
    await expectAccessible(staff);

    // A form submitted and then edited: the older version, in Welsh.
    const pro = await createProfessional(t, 'vale-of-glamorgan', { ...SAM_TAYLOR_SENCO, forename: 'Siôn', surname: 'Llŷr' });
    const responseId = await inTenant(t.db.app, pro.tenantId, async () => {
      const trx = await db();
      const answers = { workDetails: {}, story: { story: 'Mae Gwŷn yn hoffi chwarae yn y dŵr.' }, _workRole: { role: 'Athro', organisation: 'Ysgol y Barri', address: '', workPhone: null, mobile: null } };
      const [row] = await trx('form_responses')
        .insert({ form_id: 'educational-advice-ehc-assessment', child_id: childId, account_id: pro.account.id, status: 'submitted', version: 2, submitted_at: new Date(), answers: JSON.stringify(answers) })
        .returning('id');
      for (const version of [1, 2]) {
        await trx('form_versions').insert({ response_id: row.id, version, answers: JSON.stringify(answers), documents: '[]', submitted_by: pro.account.id, edit_reason: version === 2 ? 'Ychwanegu manylion' : null });
      }
      return row.id as string;
    });
    await staff.goto(`${base}/backoffice/send/submissions`);
    expect(await staff.getByRole('heading', { level: 1 }).textContent()).toBe('Ffurflenni a gyflwynwyd');
    await expectAccessible(staff);
    await staff.getByRole('link', { name: 'Cyngor Addysgol ar gyfer Asesiad EHC Statudol – Dŵr, Gwŷn' }).click();
    expect(await staff.getByText('Mae Gwŷn yn hoffi chwarae yn y dŵr.').isVisible()).toBe(true);
    await expectAccessible(staff);
    await staff.getByRole('link', { name: 'Gweld fersiwn 1' }).click();
    expect(await staff.getByText('Rydych yn edrych ar fersiwn 1 o 2.').isVisible()).toBe(true);
    expect(new URL(staff.url()).pathname).toBe(`/backoffice/send/submissions/${responseId}/versions/1`);
    await expectAccessible(staff);
  });
});
