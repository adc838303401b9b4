import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, inTenant } from '../../src/platform/db/unit-of-work.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createProfessional, signInAs, type Agent, type Professional } from '../support/accounts.js';
import { eicar, EICAR_SIGNATURE } from '../support/clamd.js';
import { emailedCode, createStaff } from '../support/staff.js';
import { bmp, createDraftResponse, hasGps, jpegWithGps, mountDocumentsPage, pdf, windowsProgram, type DraftResponse } from '../support/uploads.js';

const back = (s: Session) => `/test-documents/${s.draft.responseId}`;

/** A signed-in professional's agent, with the CSRF token of their pages. */
interface Session {
  who: Professional;
  agent: Agent;
  host: string;
  token: string;
  draft: DraftResponse;
}

async function signedIn(t: TestApp, slug: string): Promise<Session> {
  const who = await createProfessional(t, slug, { two_step: 'email' });
  const agent = request.agent(t.app.callback());
  await signInAs(t, agent, who.email, who.password, { host: who.host });
  const home = await agent.get('/').set('Host', who.host);
  const token = home.text.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!token) throw new Error('no CSRF token on the home page');
  return { who, agent, host: who.host, token, draft: await createDraftResponse(t, who) };
}

interface UploadOptions {
  description?: string;
  otherDescription?: string;
  question?: string;
  response?: string;
  csrf?: string | null;
}

/** The upload form's POST: the CSRF token, response and question in the query; fields before the file. */
function upload(s: Session, file: { name: string; data: Buffer } | null, options: UploadOptions = {}) {
  const query = new URLSearchParams({ response: options.response ?? s.draft.responseId, question: options.question ?? 'documents' });
  if (options.csrf !== null) query.set('_csrf', options.csrf ?? s.token);
  const req = s.agent
    .post(`/uploads?${query}`)
    .set('Host', s.host)
    .field('back', back(s))
    .field('descriptionMode', 'list')
    .field('description', options.description ?? 'Medical report')
    .field('otherDescription', options.otherDescription ?? '');
  return file ? req.attach('file', file.data, file.name) : req.attach('file', Buffer.alloc(0), '');
}

const rows = (t: TestApp, s: Session) =>
  inTenant(t.db.app, s.who.tenant.id, async () => (await db())('uploads').where({ response_id: s.draft.responseId }).orderBy('created_at'));

const auditOf = (t: TestApp, s: Session, action: string) =>
  inTenant(t.db.app, s.who.tenant.id, async () => (await db())('audit_log').where({ action }).orderBy('at'));

/** Set by the test app: its storage directory. */
let storageRoot = '';

/** Every file in the storage directory, temporary ones included. */
async function storedFiles(): Promise<string[]> {
  const root = storageRoot;
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

interface DocumentsPage {
  html: string;
  /** All the page's text. */
  text: string;
  /** The error summary's text, and where its links go. */
  summary: string;
  summaryLinks: string[];
  /** The message shown at each field, by field name. */
  fields: Record<string, string>;
  /** The success notice. */
  notice: string;
  /** The documents table's text. */
  table: string;
}

/** The page the person is sent back to (`location`, or the documents page), as they see it. */
async function documentsPage(s: Session, location = back(s)): Promise<DocumentsPage> {
  const res = await s.agent.get(location.split('#')[0]!).set('Host', s.host);
  expect(res.status).toBe(200);
  const html = res.text;
  const summaryHtml = html.match(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/)?.[0] ?? '';
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<p id="documents-(\w+)-error" class="govuk-error-message">([\s\S]*?)<\/p>/g)) fields[m[1]!] = text(m[2]!).replace(/^(Error|Gwall): /, '');
  return {
    html,
    text: text(html),
    summary: text(summaryHtml),
    summaryLinks: [...summaryHtml.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!),
    fields,
    notice: text(html.match(/<p class="govuk-notification-banner__heading">([\s\S]*?)<\/p>/)?.[1] ?? ''),
    table: text(html.match(/<table[\s\S]*?<\/table>/)?.[0] ?? ''),
  };
}

const documentsTable = async (_t: TestApp, s: Session) => (await documentsPage(s)).table;
const feedbackPage = (_t: TestApp, s: Session, res: request.Response) => documentsPage(s, res.headers.location);

describe('uploads: streamed, checked, scanned by a real clamd', () => {
  let t: TestApp;
  let s: Session;

  beforeAll(async () => {
    t = await buildTestApp();
    storageRoot = t.services.config.STORAGE_DIR;
    mountDocumentsPage(t);
    s = await signedIn(t, 'leicester');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('accepts a clean PDF, lists it as Ready, and lets its owner download it as an attachment', async () => {
    const report = pdf('Speech and language report for Ffion');
    const res = await upload(s, { name: 'Speech & language report – Ffion.pdf', data: report }, { description: 'Medical report' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${back(s)}#documents-uploads`);

    const [row] = await rows(t, s);
    expect(row).toMatchObject({ file_name: 'Speech & language report – Ffion.pdf', media_type: 'application/pdf', status: 'clean', size: report.length, description: 'Medical report' });
    const table = await documentsTable(t, s);
    expect(table).toContain('File name File type File size Description Status');
    expect(table).toContain('Speech & language report – Ffion.pdf PDF');
    expect(table).toContain('Medical report Ready');

    const download = await s.agent.get(`/uploads/${row.id}/download`).set('Host', s.host).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Speech & language report _ Ffion.pdf"; filename*=UTF-8''Speech%20%26%20language%20report%20%E2%80%93%20Ffion.pdf`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['cache-control']).toBe('no-store');
    expect(Buffer.compare(download.body as Buffer, report)).toBe(0);
    expect((await auditOf(t, s, 'upload.downloaded')).at(-1)).toMatchObject({ subject_id: row.id });
    expect((await auditOf(t, s, 'upload.received')).at(-1)).toMatchObject({ subject_id: row.id });
  });

  it('refuses the EICAR test file as a virus, keeps nothing on disk, and audits the verdict', async () => {
    const before = await storedFiles();
    const res = await upload(s, { name: 'eicar.pdf', data: eicar() });
    expect(res.status).toBe(303);
    expect(await storedFiles()).toEqual(before);
    expect((await rows(t, s)).map((r) => r.file_name)).not.toContain('eicar.pdf');
    const [infected] = await auditOf(t, s, 'upload.infected');
    expect(infected.details).toMatchObject({ fileName: 'eicar.pdf', virus: expect.stringContaining(EICAR_SIGNATURE) });
  });

  // Past 10 MiB an upload is cut off with 413 (tests/integration/body-layer.test.ts).

  it('shows each refusal next to the field and in the error summary, keeping what was typed', async () => {
    const cases: [string, { name: string; data: Buffer } | null, UploadOptions, string, string][] = [
      ['a type not on the list', { name: 'notes.txt', data: Buffer.from('hello') }, {}, 'file', 'The selected file must be a DOC, DOCX, PDF, PNG, JPG or BMP'],
      ['a renamed program', { name: 'report.pdf', data: windowsProgram() }, {}, 'file', 'The selected file must be a DOC, DOCX, PDF, PNG, JPG or BMP'],
      ['a program named as a Word file', { name: 'report.docx', data: windowsProgram() }, {}, 'file', 'The selected file must be a DOC, DOCX, PDF, PNG, JPG or BMP'],
      ['a text file named as a photo', { name: 'photo.jpg', data: Buffer.from('not really a photo') }, {}, 'file', 'The selected file must be a DOC, DOCX, PDF, PNG, JPG or BMP'],
      ['an empty file', { name: 'empty.pdf', data: Buffer.alloc(0) }, {}, 'file', 'The selected file is empty'],
      ['no file', null, {}, 'file', 'Select a file'],
      ['the EICAR test file', { name: 'eicar.pdf', data: eicar() }, {}, 'file', 'The selected file contains a virus and has been deleted'],
      ['no description', { name: 'a.pdf', data: pdf() }, { description: '' }, 'description', 'Select a file description'],
      ['Other without words', { name: 'a.pdf', data: pdf() }, { description: 'other', otherDescription: '' }, 'otherDescription', 'Enter a description of the file, as it is not listed above'],
    ];
    const count = (await rows(t, s)).length;
    for (const [label, file, options, field, message] of cases) {
      const res = await upload(s, file, { otherDescription: 'typed words', ...options });
      expect(res.status, label).toBe(303);
      // The page the person comes back to shows the error summary and the message at the field.
      const page = await feedbackPage(t, s, res);
      expect(page.summary, label).toContain(message);
      expect(page.fields[field], label).toBe(message);
      if (options.otherDescription !== '') expect(page.html, label).toContain('>typed words</textarea>');
      if (options.description !== '') expect(page.html, label).toContain(`<option value="${options.description ?? 'Medical report'}" selected>`);
      expect(page.summaryLinks, label).toContain(`#documents-${field}`);
    }
    expect((await rows(t, s)).length).toBe(count);
  });

  it('asks only for a typed description when the question has no list', async () => {
    const plain = `${back(s)}?list=none`;
    const form = await documentsPage(s, plain);
    expect(form.text).toContain('Document description');
    expect(form.html).not.toContain('name="description"');
    const post = (otherDescription: string) =>
      s.agent
        .post(`/uploads?response=${s.draft.responseId}&question=documents&_csrf=${s.token}`)
        .set('Host', s.host)
        .field('back', plain)
        .field('descriptionMode', 'text')
        .field('otherDescription', otherDescription)
        .attach('file', pdf('advice'), 'advice.pdf');
    const missing = await documentsPage(s, (await post('')).headers.location);
    expect(missing.fields.otherDescription).toBe('Enter a description of the document');
    const done = await documentsPage(s, (await post('Notes from the annual review')).headers.location);
    expect(done.notice).toBe('advice.pdf has been uploaded');
    expect(done.table).toMatch(/advice\.pdf PDF \d+ B Notes from the annual review Ready/);
  });

  it('answers a broken multipart request with a 400 page, never a 500, and stores nothing', async () => {
    const before = await storedFiles();
    const count = (await rows(t, s)).length;
    const url = `/uploads?response=${s.draft.responseId}&question=documents&_csrf=${s.token}`;
    const cut = await s.agent
      .post(url)
      .set('Host', s.host)
      .set('Content-Type', 'multipart/form-data; boundary=XyZ')
      .send('--XyZ\r\nContent-Disposition: form-data; name="file"; filename="cut.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 and then the connection');
    expect(cut.status).toBe(400);
    expect(cut.text).toContain('Sorry, there is a problem with your request');
    const noBoundary = await s.agent.post(url).set('Host', s.host).set('Content-Type', 'multipart/form-data').send('whatever');
    expect(noBoundary.status).toBe(400);
    const notMultipart = await s.agent.post(url).set('Host', s.host).type('form').send({ _csrf: s.token, file: 'report.pdf' });
    expect(notMultipart.status).toBe(400);
    // JSON is no body type the portal reads (src/platform/http/body.ts).
    const json = await s.agent.post(url).set('Host', s.host).set('X-CSRF-Token', s.token).send({ file: 'report.pdf' });
    expect(json.status).toBe(415);
    expect((await rows(t, s)).length).toBe(count);
    expect(await storedFiles()).toEqual(before);
  });

  it('re-encodes a photo so that its GPS position and camera details are gone', async () => {
    const photo = await jpegWithGps();
    const original = await sharp(photo).metadata();
    expect(hasGps(original.exif)).toBe(true);
    const res = await upload(s, { name: 'classroom.jpg', data: photo });
    expect(res.status).toBe(303);
    const row = (await rows(t, s)).find((r) => r.file_name === 'classroom.jpg');
    expect(row).toMatchObject({ media_type: 'image/jpeg', status: 'clean' });
    const download = await s.agent.get(`/uploads/${row.id}/download`).set('Host', s.host).buffer(true).parse(binary);
    const kept = await sharp(download.body as Buffer).metadata();
    expect(kept.exif).toBeUndefined();
    expect(hasGps(kept.exif)).toBe(false);
    expect((download.body as Buffer).includes(Buffer.from('PortalTestCam'))).toBe(false);
    expect([kept.width, kept.height]).toEqual([64, 48]);
  });

  it('keeps a BMP exactly as uploaded (it has no place for metadata; nothing is decoded on the event loop)', async () => {
    const picture = bmp(5, 3, [200, 30, 60]);
    const res = await upload(s, { name: 'drawing.bmp', data: picture });
    expect(res.status).toBe(303);
    const row = (await rows(t, s)).find((r) => r.file_name === 'drawing.bmp');
    expect(row).toMatchObject({ media_type: 'image/bmp', status: 'clean' });
    const download = await s.agent.get(`/uploads/${row.id}/download`).set('Host', s.host).buffer(true).parse(binary);
    expect(Buffer.compare(download.body as Buffer, picture)).toBe(0);
  });

  it('keeps files private: 0600 under the council\'s own folder, never a web address of their own', async () => {
    const [row] = await rows(t, s);
    const file = path.join(t.services.config.STORAGE_DIR, s.who.tenant.id, row.storage_key);
    expect(existsSync(file)).toBe(true);
    const { statSync } = await import('node:fs');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await s.agent.get(`/${row.storage_key}`).set('Host', s.host)).status).toBe(404);
    expect((await s.agent.get(`/storage/${s.who.tenant.id}/${row.storage_key}`).set('Host', s.host)).status).toBe(404);
  });

  it('refuses an upload without the CSRF token (403) and stores nothing', async () => {
    const count = (await rows(t, s)).length;
    const res = await upload(s, { name: 'a.pdf', data: pdf() }, { csrf: null });
    expect(res.status).toBe(403);
    expect((await rows(t, s)).length).toBe(count);
  });

  it('answers 404 to another professional and to another council, for download, delete and upload', async () => {
    const [row] = await rows(t, s);
    const other = await signedIn(t, 'leicester');
    const elsewhere = await signedIn(t, 'redcar-and-cleveland');
    for (const stranger of [other, elsewhere]) {
      expect((await stranger.agent.get(`/uploads/${row.id}/download`).set('Host', stranger.host)).status).toBe(404);
      const del = await stranger.agent.post(`/uploads/${row.id}/delete`).set('Host', stranger.host).type('form').send({ _csrf: stranger.token, back: back(s) });
      expect(del.status).toBe(404);
      expect((await upload(stranger, { name: 'a.pdf', data: pdf() }, { response: s.draft.responseId })).status).toBe(404);
    }
    // The owner's session cookie does not work on another council's host either (a fresh client, so the owner's cookies stay as they are).
    const elsewhereWithOwnersCookie = await request(t.app.callback()).get(`/uploads/${row.id}/download`).set('Host', elsewhere.host).set('Cookie', cookieHeader(s.agent));
    expect(elsewhereWithOwnersCookie.status).toBe(302);
    expect(elsewhereWithOwnersCookie.headers.location).toBe('/sign-in');
    expect((await rows(t, s)).find((r) => r.id === row.id)).toMatchObject({ deleted_at: null });
    expect((await s.agent.get('/uploads/not-a-uuid/download').set('Host', s.host)).status).toBe(404);
  });

  it('lets the owner delete a document before submission: gone from the list and from disk', async () => {
    const res = await upload(s, { name: 'to delete.pdf', data: pdf('delete me') });
    expect(res.status).toBe(303);
    const row = (await rows(t, s)).find((r) => r.file_name === 'to delete.pdf');
    const file = path.join(t.services.config.STORAGE_DIR, s.who.tenant.id, row.storage_key);
    expect(existsSync(file)).toBe(true);
    const del = await s.agent.post(`/uploads/${row.id}/delete`).set('Host', s.host).type('form').send({ _csrf: s.token, back: back(s) });
    expect(del.status).toBe(303);
    expect(del.headers.location).toBe(`${back(s)}#documents-uploads`);
    expect(existsSync(file)).toBe(false);
    const page = await documentsPage(s, del.headers.location);
    expect(page.notice).toBe('to delete.pdf has been deleted');
    expect(page.table).not.toContain('to delete.pdf');
    expect((await s.agent.get(`/uploads/${row.id}/download`).set('Host', s.host)).status).toBe(404);
    expect((await auditOf(t, s, 'upload.deleted')).at(-1)).toMatchObject({ subject_id: row.id });
  });

  it('once the form is submitted: no more changes by the professional; the council\'s staff may download', async () => {
    const [row] = await rows(t, s);
    await inTenant(t.db.app, s.who.tenant.id, async () => {
      await (await db())('form_versions').insert({ response_id: s.draft.responseId, version: 1, answers: {}, documents: JSON.stringify([{ id: row.id }]), submitted_by: s.who.account.id });
      await (await db())('form_responses').where({ id: s.draft.responseId }).update({ status: 'submitted', version: 1, submitted_at: new Date() });
    });
    const del = await s.agent.post(`/uploads/${row.id}/delete`).set('Host', s.host).type('form').send({ _csrf: s.token, back: back(s) });
    expect(del.status).toBe(404);
    expect((await upload(s, { name: 'late.pdf', data: pdf() })).status).toBe(404);
    expect((await s.agent.get(`/uploads/${row.id}/download`).set('Host', s.host)).status).toBe(200);

    const staff = await createStaff(t, 'leicester');
    const agent = request.agent(t.app.callback());
    const page = await agent.get('/backoffice/sign-in').set('Host', s.host);
    const token = page.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    await agent.post('/backoffice/sign-in').set('Host', s.host).type('form').send({ _csrf: token, email: staff.email, password: staff.password });
    await agent.post('/backoffice/sign-in/code').set('Host', s.host).type('form').send({ _csrf: token, code: await emailedCode(t, staff.email) });
    const download = await agent.get(`/uploads/${row.id}/download`).set('Host', s.host);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);

    const otherStaff = await createStaff(t, 'redcar-and-cleveland');
    const redcar = t.registry.forSlug('redcar-and-cleveland')!.hostnames[0]!;
    const agent2 = request.agent(t.app.callback());
    const page2 = await agent2.get('/backoffice/sign-in').set('Host', redcar);
    const token2 = page2.text.match(/name="_csrf" value="([^"]+)"/)![1]!;
    await agent2.post('/backoffice/sign-in').set('Host', redcar).type('form').send({ _csrf: token2, email: otherStaff.email, password: otherStaff.password });
    await agent2.post('/backoffice/sign-in/code').set('Host', redcar).type('form').send({ _csrf: token2, code: await emailedCode(t, otherStaff.email) });
    expect((await agent2.get('/backoffice').set('Host', redcar)).status).toBe(200);
    expect((await agent2.get(`/uploads/${row.id}/download`).set('Host', redcar)).status).toBe(404);
  });

  it('sends someone who is not signed in to sign in', async () => {
    const [row] = await rows(t, s);
    const res = await request(t.app.callback()).get(`/uploads/${row.id}/download`).set('Host', s.host);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/sign-in');
  });

  it('works in Welsh: the form, the documents table, the notice and the errors', async () => {
    const vale = await signedIn(t, 'vale-of-glamorgan');
    await vale.agent.get(`${back(vale)}?lang=cy`).set('Host', vale.host);
    const uploaded = await upload(vale, { name: 'adroddiad.pdf', data: pdf('adroddiad') });
    const page = await documentsPage(vale, uploaded.headers.location);
    expect(page.notice).toBe("Mae adroddiad.pdf wedi'i llwytho i fyny");
    expect(page.table).toContain("Enw'r ffeil Math o ffeil Maint y ffeil Disgrifiad Statws");
    expect(page.table).toContain('adroddiad.pdf PDF');
    expect(page.table).toContain('Yn barod');
    expect(page.text).toContain('Llwytho dogfen i fyny');
    expect(page.text).toContain("Disgrifiad o'r ffeil");
    const refused = await documentsPage(vale, (await upload(vale, { name: 'gwag.pdf', data: Buffer.alloc(0) })).headers.location);
    expect(refused.summary).toContain('Mae problem wedi codi');
    expect(refused.fields.file).toBe("Mae'r ffeil a ddewiswyd yn wag");
  });
});

/** The agent's cookies as a Cookie header. */
function cookieHeader(agent: Agent): string {
  const jar = (agent as unknown as { jar: { getCookies(access: object): { toValueString(): string }[] } }).jar;
  return jar
    .getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false })
    .map((c) => c.toValueString())
    .join('; ');
}

function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}
