import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db, inTenant } from '../../src/platform/db/unit-of-work.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createProfessional, signInAs, type Professional } from '../support/accounts.js';
import { expectAccessible, launchBrowser } from '../support/browser.js';
import { eicar } from '../support/clamd.js';
import { createDraftResponse, hasGps, jpegWithGps, pdf } from '../support/uploads.js';

const FORM = 'professional-request-ehc-assessment';
const STEPS_BEFORE_DOCUMENTS = ['workDetails', 'academicProgress', 'senNeeds', 'actionTaken', 'over18s'];

/**
 * The file question on a real form step ("Documentation" of the Professional Request),
 * driven in Chromium by what a person sees: the description list, the file chooser,
 * Upload, the documents table, Download and Delete.
 */
describe('uploading documents to a form, in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let port: number;

  /** A professional with a draft request whose steps before Documentation are done, on the Documentation step. */
  async function onDocumentationStep(slug: string, lang?: 'cy'): Promise<Professional> {
    const who = await createProfessional(t, slug, { two_step: 'email' });
    const { responseId } = await createDraftResponse(t, who, FORM);
    await inTenant(t.db.app, who.tenant.id, async () =>
      (await db())('form_responses').where({ id: responseId }).update({ work_role_id: who.roles[0]!.id, completed_steps: STEPS_BEFORE_DOCUMENTS }),
    );
    const base = `http://${who.host}:${port}`;
    await signInAs(t, page, who.email, who.password, { baseUrl: base });
    await page.goto(`${base}/forms/${responseId}/steps/documentation${lang ? '?lang=cy' : ''}`);
    return who;
  }

  const upload = async (file: { name: string; mimeType: string; buffer: Buffer } | null, description?: string, other?: string, labels = { description: 'File description', other: 'Description where not listed above', file: 'Upload document', upload: 'Upload' }) => {
    if (description) await page.getByLabel(labels.description, { exact: true }).selectOption({ label: description });
    if (other !== undefined) await page.getByLabel(labels.other).fill(other);
    if (file) await page.getByLabel(labels.file).setInputFiles(file);
    await page.getByRole('button', { name: labels.upload, exact: true }).click();
    await page.waitForLoadState();
  };
  const documents = () => page.getByRole('table', { name: 'Uploaded documents' });

  beforeAll(async () => {
    t = await buildTestApp();
    port = await t.listen();
    browser = await launchBrowser();
  });
  beforeEach(async () => {
    await context?.close();
    context = await browser.newContext({ acceptDownloads: true });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('uploads a clean PDF, refuses the EICAR test file and a wrong type, downloads and deletes', async () => {
    await onDocumentationStep('leicester');
    expect(await page.getByText('No documents have been uploaded yet.').isVisible()).toBe(true);
    await expectAccessible(page);

    // Nothing chosen: both problems, in the summary and at the fields.
    await upload(null);
    const summary = page.getByRole('alert');
    expect(await summary.textContent()).toContain('Select a file description');
    expect(await summary.textContent()).toContain('Select a file');
    expect(await page.locator('#documents-file-error').textContent()).toContain('Select a file');
    await expectAccessible(page);
    await summary.getByRole('link', { name: 'Select a file', exact: true }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('documents-file');

    // A clean PDF.
    await upload({ name: 'SEN support plan.pdf', mimeType: 'application/pdf', buffer: pdf('SEN support plan') }, 'SEN support plan or provision map');
    expect(await page.getByText('SEN support plan.pdf has been uploaded').isVisible()).toBe(true);
    const row = documents().getByRole('row').filter({ hasText: 'SEN support plan.pdf' });
    expect(await row.textContent()).toMatch(/SEN support plan\.pdf\s*PDF\s*\d+ B\s*SEN support plan or provision map\s*Ready/);
    await expectAccessible(page);

    // The EICAR test file, described in the person's own words: refused, with the words kept.
    await upload({ name: 'eicar.pdf', mimeType: 'application/pdf', buffer: eicar() }, 'Other (describe it below)', 'Letter from the family');
    expect(await page.getByRole('alert').textContent()).toContain('The selected file contains a virus and has been deleted');
    expect(await page.locator('#documents-file-error').textContent()).toContain('The selected file contains a virus and has been deleted');
    expect(await page.getByLabel('Description where not listed above').inputValue()).toBe('Letter from the family');
    expect(await page.getByLabel('File description', { exact: true }).inputValue()).toBe('other');
    expect(await documents().textContent()).not.toContain('eicar.pdf');
    await expectAccessible(page);

    // A program with a document's name.
    await upload({ name: 'minutes.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('MZ not a document') }, 'Medical report');
    expect(await page.locator('#documents-file-error').textContent()).toContain('The selected file must be a DOC, DOCX, PDF, PNG, JPG or BMP');

    // Download: an attachment with the file's own name and bytes.
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'SEN support plan.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('SEN support plan.pdf');
    expect((await readFile((await download.path())!)).toString('latin1')).toContain('SEN support plan');

    // Delete.
    await row.getByRole('button', { name: 'Delete SEN support plan.pdf' }).click();
    await page.waitForLoadState();
    expect(await page.getByText('SEN support plan.pdf has been deleted').isVisible()).toBe(true);
    expect(await page.getByText('No documents have been uploaded yet.').isVisible()).toBe(true);
    await expectAccessible(page);
  });

  it('works in Welsh: a photo is uploaded without its location', async () => {
    await onDocumentationStep('vale-of-glamorgan', 'cy');
    expect(await page.locator('html').getAttribute('lang')).toBe('cy');
    const welsh = { description: "Disgrifiad o'r ffeil", other: 'Disgrifiad os nad yw wedi', file: 'Llwytho dogfen i fyny', upload: 'Llwytho i fyny' };
    await upload(null, undefined, undefined, welsh);
    expect(await page.getByRole('alert').textContent()).toContain('Dewiswch ffeil');
    await expectAccessible(page);

    const photo = await jpegWithGps();
    await upload({ name: 'dosbarth.jpg', mimeType: 'image/jpeg', buffer: photo }, 'Adroddiad meddygol', undefined, welsh);
    expect(await page.getByText("Mae dosbarth.jpg wedi'i llwytho i fyny").isVisible()).toBe(true);
    const row = page.getByRole('table', { name: "Dogfennau wedi'u llwytho i fyny" }).getByRole('row').filter({ hasText: 'dosbarth.jpg' });
    expect(await row.textContent()).toMatch(/dosbarth\.jpg\s*JPG\s*[\d.]+ (B|KB)\s*Adroddiad meddygol\s*Yn barod/);
    await expectAccessible(page);

    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'dosbarth.jpg' }).click()]);
    const kept = await sharp(await readFile((await download.path())!)).metadata();
    expect(hasGps(kept.exif)).toBe(false);
    expect(kept.format).toBe('jpeg');
  });
});
