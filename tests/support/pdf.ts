import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type request from 'supertest';

/** The text of a PDF as poppler's pdftotext reads it (undefined when poppler-utils is not installed). */
export async function pdfText(pdf: Buffer): Promise<string | undefined> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'backoffice-pdf-'));
  try {
    await writeFile(path.join(dir, 'in.pdf'), pdf);
    await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'in.pdf'), path.join(dir, 'out.txt')]);
    return await readFile(path.join(dir, 'out.txt'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Collects a binary response body (supertest leaves unknown types unread). */
export const binary = (res: request.Response, callback: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};
