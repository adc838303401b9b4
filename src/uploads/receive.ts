import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { allowedName } from './file-types.js';

import { hasControlCharacters } from '../platform/http/body.js';

/** The largest file taken: exactly 10 MiB is accepted, one byte more is not. */
export const MAX_BYTES = 10 * 1024 * 1024;
/** The most an upload request may declare: the file and room for the form's fields and multipart framing. */
export const MAX_UPLOAD_REQUEST_BYTES = MAX_BYTES + 1024 * 1024;

/** The request was not readable multipart (no boundary, cut short, malformed). */
export class BrokenUpload extends Error {}
/** The file passed MAX_BYTES: reading stopped there (the rest is never read). */
export class UploadTooLarge extends Error {}
/** A field or the file's name holds a control character a person cannot type (NUL…). */
export class ControlCharacters extends Error {}

export interface IncomingFile {
  fileName: string;
  /** The bytes as received, in a private temporary file; absent when nothing is kept (over the limit, refused name). */
  tempPath?: string;
  size: number;
  sha256: string;
  /** The name's extension is not one we take: nothing was written. */
  refusedName: boolean;
}

export interface Multipart {
  fields: Record<string, string>;
  file?: IncomingFile;
}

/** Part names a file question's form sends. Anything else is read and ignored. */
const FILE_PART = 'file';

/**
 * Reads a multipart request as it arrives: text fields into memory (small),
 * the one file part straight to a temporary file (mode 0600) while counting and
 * hashing it. Past `maxBytes` it stops at once with UploadTooLarge: the rest of
 * the request is never read (the answer closes the connection). A field or file
 * name with a control character is refused (ControlCharacters). A name with an
 * extension we do not take is never written.
 */
export async function readMultipart(req: Readable, headers: IncomingHttpHeaders, tempDir: string, maxBytes = MAX_BYTES): Promise<Multipart> {
  let parser: busboy.Busboy;
  try {
    // busboy signals its limit when a file reaches it: one byte more than we take.
    parser = busboy({ headers, limits: { fileSize: maxBytes + 1, files: 1, fields: 20, fieldSize: 100_000, parts: 30 }, defParamCharset: 'utf8' });
  } catch (err) {
    throw new BrokenUpload((err as Error).message);
  }
  const fields: Record<string, string> = {};
  let file: IncomingFile | undefined;
  let writing: Promise<void> = Promise.resolve();
  /** Settles once the temporary file's stream has closed (opened files are closed even when the request breaks). */
  let closing: Promise<void> = Promise.resolve();
  let fileStream: Readable | undefined;

  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('field', (name, value) => {
      if (hasControlCharacters(name) || hasControlCharacters(value)) reject(new ControlCharacters('control characters in a field'));
      else if (!(name in fields)) fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      const fileName = path.basename(String(info.filename ?? '').replace(/\\/g, '/')).trim();
      if (name !== FILE_PART || file || !fileName) {
        stream.resume();
        return;
      }
      if (hasControlCharacters(fileName)) {
        stream.resume();
        reject(new ControlCharacters('control characters in the file name'));
        return;
      }
      const current: IncomingFile = { fileName, size: 0, sha256: '', refusedName: !allowedName(fileName) };
      file = current;
      stream.on('limit', () => reject(new UploadTooLarge(`over ${maxBytes} bytes`)));
      if (current.refusedName) {
        stream.on('data', (chunk: Buffer) => (current.size += chunk.length));
        return;
      }
      fileStream = stream;
      const tempPath = path.join(tempDir, randomBytes(18).toString('base64url'));
      current.tempPath = tempPath;
      const hash = createHash('sha256');
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          current.size += chunk.length;
          hash.update(chunk);
          done(null, chunk);
        },
      });
      const out = createWriteStream(tempPath, { flags: 'wx', mode: 0o600 });
      closing = new Promise((resolve) => out.once('close', () => resolve()));
      writing = pipeline(stream, counter, out).then(() => {
        current.sha256 = hash.digest('hex');
      });
      // A failed write surfaces when `writing` is awaited; keep it from being an unhandled rejection meanwhile.
      writing.catch(() => {});
    });
    parser.on('error', (err) => reject(new BrokenUpload((err as Error).message)));
    parser.on('close', () => resolve());
    req.on('aborted', () => reject(new BrokenUpload('request aborted')));
    req.on('error', (err) => reject(new BrokenUpload(err.message)));
  });

  try {
    req.pipe(parser);
    await parsed;
    await writing;
  } catch (err) {
    // Nothing more is read: the answer closes the connection (src/platform/http/body.ts).
    req.unpipe(parser);
    req.pause();
    // Let the temporary file be created and closed before removing it, or it would outlive us.
    fileStream?.destroy();
    await writing.catch(() => {});
    await closing;
    if (file?.tempPath) await rm(file.tempPath, { force: true });
    throw err instanceof BrokenUpload || err instanceof UploadTooLarge || err instanceof ControlCharacters ? err : new BrokenUpload((err as Error).message);
  }
  return { fields, file };
}
