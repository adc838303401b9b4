import type Koa from 'koa';
import { audit } from '../platform/audit.js';
import { tenantTrx } from '../platform/db/tenant-context.js';
import { takeFile, type PipelineResult, type UploadField, type UploadValues } from './pipeline.js';
import { describeUploads, type ListedUpload } from './present.js';
import { BrokenUpload } from './receive.js';
import { currentUploadSettings } from './settings.js';
import { removeStored } from './storage.js';

export type { UploadField, UploadValues } from './pipeline.js';
export { MAX_DESCRIPTION, OTHER_DESCRIPTION } from './pipeline.js';

export interface UploadRow {
  tenant_id: string;
  id: string;
  response_id: string | null;
  question_id: string | null;
  account_id: string | null;
  staff_id: string | null;
  file_name: string;
  description: string | null;
  media_type: string;
  size: number;
  storage_key: string;
  sha256: string;
  status: 'pending' | 'clean' | 'infected';
  scan_result: string | null;
  scan_attempts: number;
  scanned_at: Date | null;
  deleted_at: Date | null;
  created_at: Date;
}

export interface UploadTarget {
  responseId: string;
  questionId: string;
}

export interface UploadResult {
  upload?: UploadRow;
  /** The first problem: a locale key. */
  error?: string;
  /** Every problem, by field (locale keys), for the messages next to the fields. */
  errors?: Partial<Record<UploadField, string>>;
  /** What was chosen and typed, to show again after a problem. */
  values: UploadValues;
  /** The form's `back` field: the page to return to (the route checks it is a path on this site). */
  back?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
/** Question ids as form definitions write them. */
export const QUESTION_ID = /^[A-Za-z0-9_.-]{1,100}$/;

interface ResponseRow {
  id: string;
  account_id: string;
  status: 'draft' | 'submitted';
  version: number;
  /** A submitted form being edited (the forms engine keeps the reason in answers._edit until it is resubmitted). */
  editing: boolean;
}

/** Files can be added or removed while the professional works on the form (a draft, or an edit of a submitted one). */
const editable = (response: ResponseRow) => response.status === 'draft' || response.editing;

function findResponse(where: Record<string, string>): Promise<ResponseRow | undefined> {
  const trx = tenantTrx();
  return trx('form_responses').where(where).first('id', 'account_id', 'status', 'version', trx.raw("answers -> '_edit' is not null as editing"));
}

/** The form response, only if it is this professional's. */
export async function ownResponse(accountId: string, responseId: string): Promise<ResponseRow | undefined> {
  if (!isUuid(responseId)) return undefined;
  return findResponse({ id: responseId, account_id: accountId });
}

/**
 * Takes one file for a question of a form response, streamed from the request:
 * 10 MB at most (counted while it arrives), an allowed extension whose content
 * agrees (magic bytes), scanned by clamd before it is kept. An infected file is
 * deleted at once and refused; when clamd does not answer the file is kept as
 * "pending" and nobody can download it until the scan job has passed it.
 * Images are re-encoded without their metadata. Only then is the row written.
 * The caller (route) has checked who is signed in; this checks the response is theirs.
 * Throws 404 for someone else's response, 400 for a request that is not readable multipart.
 */
export async function receiveUpload(ctx: Koa.Context, target: UploadTarget): Promise<UploadResult> {
  const account = ctx.state.account!;
  const tenantId = ctx.state.tenant!.id;
  const response = await ownResponse(account.id, target.responseId);
  if (!response || !editable(response) || !QUESTION_ID.test(target.questionId)) ctx.throw(404);
  // Anything but multipart was read by the body parser already (or is not a file upload at all).
  if (!ctx.is('multipart') || ctx.req.readableEnded) ctx.throw(400, 'Not a multipart upload', { expose: false });
  let result: PipelineResult;
  try {
    result = await takeFile(ctx.req, ctx.headers, currentUploadSettings(), tenantId);
  } catch (err) {
    if (err instanceof BrokenUpload) ctx.throw(400, 'Broken multipart upload', { expose: false, reason: err.message });
    throw err;
  }
  const { stored, errors, values, back, infected } = result;
  if (infected) {
    await audit('upload.infected', { subjectType: 'form_response', subjectId: response.id, details: { ...infected, questionId: target.questionId } });
  }
  if (!stored) return { error: Object.values(errors)[0], errors, values, back };
  const scanned = stored.scan.status === 'clean';
  const [upload] = (await tenantTrx()('uploads')
    .insert({
      response_id: response.id,
      question_id: target.questionId,
      account_id: account.id,
      file_name: stored.fileName,
      description: stored.description,
      media_type: stored.mediaType,
      size: stored.size,
      storage_key: stored.storageKey,
      sha256: stored.sha256,
      status: stored.scan.status,
      scan_result: stored.scan.status === 'clean' ? 'OK' : stored.scan.reason,
      scan_attempts: 1,
      scanned_at: scanned ? new Date() : null,
    })
    .returning('*')) as UploadRow[];
  await audit('upload.received', {
    subjectType: 'upload',
    subjectId: upload!.id,
    details: { responseId: response.id, questionId: target.questionId, fileName: stored.fileName, mediaType: stored.mediaType, size: stored.size, status: upload!.status },
  });
  return { upload, values, back };
}

/**
 * The documents of a response (of one question, when given), oldest first, deleted
 * ones left out; with the file type, size and description as the documents table shows them.
 */
export async function listUploads(responseId: string, questionId?: string): Promise<ListedUpload[]> {
  if (!isUuid(responseId)) return [];
  const query = tenantTrx()('uploads').where({ response_id: responseId }).whereNull('deleted_at').orderBy('created_at');
  if (questionId) query.andWhere({ question_id: questionId });
  return describeUploads(await query);
}

/**
 * Whether any document of the response is not yet cleared: waiting for its virus
 * scan, or found infected by the later scan and not removed. The form cannot be
 * submitted while this is true.
 */
export async function hasUnscannedUploads(responseId: string): Promise<boolean> {
  if (!isUuid(responseId)) return false;
  const row = await tenantTrx()('uploads').where({ response_id: responseId }).whereNull('deleted_at').whereNot({ status: 'clean' }).first('id');
  return row !== undefined;
}

/** An upload (any scan status, not deleted) of a response this professional owns. */
export async function ownUpload(accountId: string, uploadId: string): Promise<UploadRow | undefined> {
  if (!isUuid(uploadId)) return undefined;
  const upload = (await tenantTrx()('uploads').where({ id: uploadId }).whereNull('deleted_at').first()) as UploadRow | undefined;
  if (!upload?.response_id || !(await ownResponse(accountId, upload.response_id))) return undefined;
  return upload;
}

/** Whether a submitted version lists this document (then its bytes are kept for the council). */
async function inSubmittedVersion(upload: UploadRow): Promise<boolean> {
  const row = await tenantTrx()('form_versions')
    .where({ response_id: upload.response_id })
    .andWhereRaw('position(? in documents::text) > 0', [upload.id])
    .first('version');
  return row !== undefined;
}

/**
 * Removes a document from a response that is still being worked on. The bytes
 * are deleted from storage unless an earlier submitted version lists the file.
 * Undefined when there is no such document (or it is already deleted). The caller checks the owner.
 */
export async function deleteUpload(responseId: string, uploadId: string): Promise<UploadRow | undefined> {
  if (!isUuid(responseId) || !isUuid(uploadId)) return undefined;
  const response = await findResponse({ id: responseId });
  if (!response || !editable(response)) return undefined;
  const [upload] = (await tenantTrx()('uploads')
    .where({ id: uploadId, response_id: responseId })
    .whereNull('deleted_at')
    .update({ deleted_at: new Date() })
    .returning('*')) as UploadRow[];
  if (!upload) return undefined;
  if (!(await inSubmittedVersion(upload))) await removeStored(currentUploadSettings(), upload.tenant_id, upload.storage_key);
  await audit('upload.deleted', { subjectType: 'upload', subjectId: upload.id, details: { responseId, fileName: upload.file_name } });
  return upload;
}

/**
 * A clean document that the signed-in person may download: the professional whose
 * response it is, or the council's staff once the response has been submitted.
 */
export async function downloadableUpload(account: { id: string; kind: string }, uploadId: string): Promise<UploadRow | undefined> {
  if (!isUuid(uploadId)) return undefined;
  const upload = (await tenantTrx()('uploads').where({ id: uploadId, status: 'clean' }).first()) as UploadRow | undefined;
  if (!upload?.response_id) return undefined;
  const response = await findResponse({ id: upload.response_id });
  if (!response) return undefined;
  if (account.kind === 'staff') {
    const submitted = response.status === 'submitted' || response.version > 0;
    if (!submitted) return undefined;
    if (upload.deleted_at && !(await inSubmittedVersion(upload))) return undefined;
    return upload;
  }
  if (account.kind === 'professional' && response.account_id === account.id && !upload.deleted_at) return upload;
  return undefined;
}
