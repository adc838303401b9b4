import { createHash } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Scanner } from '../platform/scanner/clamd.js';
import type { Storage } from '../platform/storage/storage.js';
import { verifyType } from './file-types.js';
import { needsReEncoding, reEncodeImage } from './images.js';
import { readMultipart, type IncomingFile } from './receive.js';
import { MAX_DESCRIPTION, OTHER_DESCRIPTION, type UploadField, type UploadValues } from './fields.js';

export type { UploadField, UploadValues } from './fields.js';
export { MAX_DESCRIPTION, OTHER_DESCRIPTION } from './fields.js';


/** What the pipeline needs: where bytes go and who scans them. */
export interface UploadDeps {
  storage: Storage;
  scanner: Scanner;
}

/** A file that passed every check and is now in storage under the reserved key. */
export interface StoredFile {
  fileName: string;
  /** What the stored row says people should read: the chosen description, or what they typed. */
  description: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** clean: clamd passed it; pending: clamd did not answer (the reason), to be scanned by the job. */
  scan: { status: 'clean' } | { status: 'pending'; reason: string };
}

export interface PipelineResult {
  stored?: StoredFile;
  /** Problems by field: locale keys. */
  errors: Partial<Record<UploadField, string>>;
  values: UploadValues;
  /** The form's `back` field. */
  back?: string;
  /** clamd's verdict when it found a virus (the bytes are already deleted). */
  infected?: { fileName: string; virus: string; size: number; sha256: string };
}

function checkFields(fields: Record<string, string>, file: IncomingFile | undefined) {
  const values: UploadValues = { description: (fields.description ?? '').trim().slice(0, 200), otherDescription: (fields.otherDescription ?? '').trim() };
  const errors: Partial<Record<UploadField, string>> = {};
  // Without a list of descriptions the form asks only for the typed description.
  const fromList = fields.descriptionMode !== 'text';
  if (fromList && !values.description) errors.description = 'uploads.errors.descriptionMissing';
  const needsText = !fromList || values.description.toLowerCase() === OTHER_DESCRIPTION;
  if (needsText && !values.otherDescription) errors.otherDescription = fromList ? 'uploads.errors.otherDescriptionMissing' : 'uploads.errors.textDescriptionMissing';
  else if (values.otherDescription.length > MAX_DESCRIPTION) errors.otherDescription = 'uploads.errors.otherDescriptionTooLong';
  if (!file) errors.file = 'uploads.errors.fileMissing';
  else if (file.refusedName) errors.file = 'uploads.errors.wrongType';
  else if (file.size === 0) errors.file = 'uploads.errors.empty';
  return { values, errors };
}

/**
 * One file from a multipart request, without touching the database: streamed to
 * a private file in storage's receiving area (10 MiB at most, counted as it
 * arrives; a name with an extension we do not take is never written), scanned by
 * clamd, its bytes checked against its extension, a photo (JPEG, PNG) re-encoded
 * without metadata (a BMP, which has no place for any, kept as it is), then put into the tenant's storage under `key`. Infected: deleted at
 * once. clamd silent: stored as pending. Whatever is refused leaves nothing on disk.
 * Throws BrokenUpload for unreadable multipart, UploadTooLarge past 10 MiB and
 * ControlCharacters for a field or file name no person could type.
 */
export async function takeFile(req: Readable, headers: IncomingHttpHeaders, deps: UploadDeps, tenantId: string, key: string): Promise<PipelineResult> {
  const { fields, file } = await readMultipart(req, headers, await deps.storage.receivingDir());
  const tempPath = file?.tempPath;
  const back = fields.back;
  try {
    const { values, errors } = checkFields(fields, file);
    if (Object.keys(errors).length || !file || !tempPath) return { errors, values, back };
    const refuse = (errorKey: string): PipelineResult => ({ errors: { file: errorKey }, values, back });

    const verdict = await deps.scanner.scanFile(tempPath);
    if (verdict.status === 'infected') {
      await rm(tempPath, { force: true });
      return { ...refuse('uploads.errors.infected'), infected: { fileName: file.fileName, virus: verdict.virus, size: file.size, sha256: file.sha256 } };
    }
    const type = await verifyType(tempPath, file.fileName);
    if (!type) return refuse('uploads.errors.wrongType');

    let { fileName, size, sha256 } = file;
    let mediaType = type.mediaType;
    if (type.image && needsReEncoding(mediaType)) {
      const clean = await reEncodeImage(tempPath, mediaType);
      if (!clean) return refuse('uploads.errors.wrongType');
      await writeFile(tempPath, clean.data, { mode: 0o600 });
      mediaType = clean.mediaType;
      size = clean.data.length;
      sha256 = createHash('sha256').update(clean.data).digest('hex');
    }
    await deps.storage.put(tenantId, key, tempPath);
    const typed = !values.description || values.description.toLowerCase() === OTHER_DESCRIPTION;
    return {
      stored: {
        fileName: fileName.slice(0, 255),
        description: typed ? values.otherDescription : values.description,
        mediaType,
        size,
        sha256,
        scan: verdict.status === 'clean' ? { status: 'clean' } : { status: 'pending', reason: verdict.reason },
      },
      errors: {},
      values,
      back,
    };
  } finally {
    if (tempPath) await rm(tempPath, { force: true });
  }
}
