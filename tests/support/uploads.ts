import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import Router from '@koa/router';
import sharp from 'sharp';
import { signedIn } from '../../src/access/guards.js';
import { layoutLocals } from '../../src/app/layout.js';
import { db, inTenant } from '../../src/platform/db/unit-of-work.js';
import { Views } from '../../src/platform/http/views.js';
import { takeFile } from '../../src/uploads/pipeline.js';
import { listUploads } from '../../src/uploads/service.js';
import { clamdScanner } from '../../src/platform/scanner/clamd.js';
import { LocalStorage } from '../../src/platform/storage/storage.js';
import { fileQuestionView } from '../../src/uploads/view.js';
import type { TestApp } from './app.js';

/** A small, valid PDF whose text is `text` (padded with a comment to `bytes` when given). */
export function pdf(text = 'Educational Psychologist report', bytes?: number): Buffer {
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\n`;
  const end = 'trailer << /Root 1 0 R >>\n%%EOF\n';
  const head = Buffer.from(body, 'latin1');
  if (!bytes) return Buffer.concat([head, Buffer.from(end)]);
  const padding = Buffer.alloc(Math.max(0, bytes - head.length - end.length), 0x20);
  return Buffer.concat([head, padding, Buffer.from(end)]);
}

/** A JPEG photo with EXIF: a camera make and a GPS position (latitude 51° 24′ N, longitude 3° 16′ W). */
export function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366cc' } })
    .withExif({ IFD0: { Make: 'PortalTestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 24/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '3/1 16/1 0/1' } })
    .jpeg()
    .toBuffer();
}

/** Whether EXIF data holds a GPS section (tag 0x8825, either byte order). */
export function hasGps(exif: Buffer | undefined): boolean {
  return !!exif && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])));
}

/** A 24-bit Windows bitmap, `width` × `height`, bottom-up, in one colour. */
export function bmp(width = 4, height = 3, [r, g, b] = [200, 30, 60]): Buffer {
  const rowSize = Math.ceil((width * 3) / 4) * 4;
  const pixels = rowSize * height;
  const file = Buffer.alloc(54 + pixels);
  file.write('BM', 0, 'latin1');
  file.writeUInt32LE(file.length, 2);
  file.writeUInt32LE(54, 10);
  file.writeUInt32LE(40, 14);
  file.writeInt32LE(width, 18);
  file.writeInt32LE(height, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(24, 28);
  file.writeUInt32LE(pixels, 34);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = 54 + y * rowSize + x * 3;
      file[p] = b;
      file[p + 1] = g;
      file[p + 2] = r;
    }
  }
  return file;
}

/** The start of a Windows program: "MZ", the DOS stub and a PE header, as a renamed .exe would begin. */
export function windowsProgram(): Buffer {
  const file = Buffer.alloc(512);
  file.write('MZ', 0, 'latin1');
  file.writeUInt32LE(0x80, 0x3c);
  file.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  file.write('PE\0\0', 0x80, 'latin1');
  file.writeUInt16LE(0x14c, 0x84);
  return file;
}

export interface DraftResponse {
  childId: string;
  responseId: string;
}

/** A child linked to the professional and a draft form response about them, written straight to the database. */
export async function createDraftResponse(t: TestApp, who: { tenant: { id: string }; account: { id: string } }, formId = 'professional-request-ehc-assessment'): Promise<DraftResponse> {
  return inTenant(t.db.app, who.tenant.id, async () => {
    const trx = await db();
    const [child] = await trx('children')
      .insert({ forename: 'Ffion', surname: 'Evans', date_of_birth: '2015-03-09', school: 'Hillside Primary School', created_by_account: who.account.id })
      .returning('id');
    await trx('child_links').insert({ child_id: child.id, account_id: who.account.id, source: 'added' });
    const [response] = await trx('form_responses').insert({ form_id: formId, child_id: child.id, account_id: who.account.id }).returning('id');
    return { childId: child.id as string, responseId: response.id as string };
  });
}

export const TEST_DESCRIPTIONS = [
  { value: 'Educational Psychologist report', text: 'Educational Psychologist report' },
  { value: 'Medical report', text: 'Medical report' },
  { value: 'other', text: 'Other' },
];

/**
 * A page of the test app only (never in src/), at /test-documents/:responseId[?list=none]: the file
 * question "documents" exactly as a form step shows it — the page's error summary with the
 * upload's errors, then the partial with fileQuestionView() — in the council's layout.
 * Mount it before making agents (supertest takes the app's middleware when the agent is made).
 */
export function mountDocumentsPage(t: TestApp): void {
  const views = new Views();
  const layout = views['layouts'].get('main')!;
  const content = views.hbs.compile(
    `{{> error-summary errors=upload.errors}}<h1 class="govuk-heading-l">{{heading}}</h1><h2 class="govuk-heading-m">{{t "uploads.file.label"}}</h2>{{> uploads/file-question upload pageShowsErrors=true}}`,
  );
  const router = new Router();
  router.get('/test-documents/:responseId', signedIn('professional'), async (ctx) => {
    const responseId = ctx.params.responseId!;
    const uploads = await listUploads(responseId, 'documents');
    // ?list=none: a question without a description list (only a typed description), as in Educational Advice.
    const descriptions = ctx.query.list === 'none' ? [] : TEST_DESCRIPTIONS;
    const upload = fileQuestionView(ctx, { responseId, questionId: 'documents', uploads, descriptions, back: ctx.url });
    const locals = { ...layoutLocals(ctx), title: 'Documentation', heading: 'Documentation', upload };
    ctx.type = 'html';
    ctx.body = layout({ ...locals, body: content(locals) });
  });
  t.app.tenant.use(router.routes());
}

/** A multipart body with the fields and one file, as a browser would send the upload form. */
export function multipartBody(fields: Record<string, string>, file: { name: string; data: Buffer; type?: string }): { body: Buffer; contentType: string } {
  const boundary = `----portal${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
  parts.push(file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface UploadTiming {
  /** Milliseconds from the first byte of the request to the file being in storage. */
  ms: number;
  bytes: number;
  scan: 'clean' | 'pending' | 'refused';
}

/**
 * For `npm run bench`: pushes one file of `bytes` (a PDF, 10 MB less a few bytes by default)
 * through exactly what POST /uploads does before its database insert: streamed multipart
 * parsing to a temporary file, the clamd scan at `clamd`, the magic-byte check and the move
 * into storage. The storage is a temporary directory, removed afterwards.
 */
export async function timeUpload(clamd: { host: string; port: number }, bytes = 10 * 1024 * 1024 - 1024): Promise<UploadTiming> {
  const storage = await mkdtemp(path.join(os.tmpdir(), 'portal-bench-storage-'));
  try {
    const deps = { storage: new LocalStorage(storage), scanner: clamdScanner(clamd) };
    const { body, contentType } = multipartBody({ description: 'Medical report', back: '/' }, { name: 'report.pdf', data: pdf('bench', bytes), type: 'application/pdf' });
    const started = performance.now();
    // As it would arrive from the network: 64 KB at a time.
    const chunks = Array.from({ length: Math.ceil(body.length / 65_536) }, (_, i) => body.subarray(i * 65_536, (i + 1) * 65_536));
    const request = Readable.from(chunks, { objectMode: false });
    const result = await takeFile(request, { 'content-type': contentType, 'content-length': String(body.length) }, deps, randomUUID(), deps.storage.newKey());
    const ms = performance.now() - started;
    return { ms, bytes: result.stored?.size ?? 0, scan: result.stored ? result.stored.scan.status : 'refused' };
  } finally {
    await rm(storage, { recursive: true, force: true });
  }
}
