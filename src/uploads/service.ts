import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { audit } from '../platform/audit.js';
import { afterCommit, commit } from '../platform/db/unit-of-work.js';
import { takeFile, type PipelineResult, type UploadDeps, type UploadField, type UploadValues } from './pipeline.js';
import { describeUploads, type ListedUpload } from './present.js';
import { childDocumentsOf, completeReservation, deleteRowsOf, dropReservation, findUpload, markCouncilDocumentRemoved, markRemoved, reserveUpload, uploadsOf, type UploadRow } from './queries.js';

export type { UploadDeps, UploadField, UploadValues } from './pipeline.js';
export { MAX_DESCRIPTION, OTHER_DESCRIPTION } from './pipeline.js';
export type { UploadRow } from './queries.js';
export { childrenWithDocuments, hasUnclearedUploads, isUuid } from './queries.js';

/** Question ids as form definitions write them. */
export const QUESTION_ID = /^[A-Za-z0-9_.-]{1,100}$/;

/** Where a document goes: a question of a form response, sent by its professional. */
export interface UploadTarget {
  tenantId: string;
  responseId: string;
  questionId: string;
  accountId: string;
}

export interface UploadResult {
  upload?: UploadRow;
  /** Every problem, by field (locale keys), for the messages next to the fields. */
  errors?: Partial<Record<UploadField, string>>;
  /** What was chosen and typed, to show again after a problem. */
  values: UploadValues;
  /** The form's `back` field: the page to return to (the route checks it is a path on this site). */
  back?: string;
}

type Request = { req: Readable; headers: IncomingHttpHeaders };
type Infected = NonNullable<PipelineResult['infected']>;
type Stored = NonNullable<PipelineResult['stored']>;

/** What differs between kinds of document: whose reservation, when the target stops taking documents, what is audited. */
interface Receipt {
  reserve(storageKey: string): Promise<string>;
  stillOpen(): Promise<boolean>;
  infected(found: Infected): Promise<void>;
  received(upload: UploadRow, stored: Stored): Promise<void>;
}

/**
 * Takes one document in three steps, so that no database connection is held
 * while the bytes arrive or clamd scans them:
 * 1. reserve its row (status receiving, nobody sees it) and commit, in the
 *    request's unit of work, which the caller has used to check who may upload;
 * 2. stream, type-check, scan, re-encode and store, with no transaction open;
 * 3. in a new short unit, check the target still takes documents (`stillOpen`,
 *    the caller's rule) and turn the reservation into the document.
 * Refused or abandoned, nothing stays: the reservation goes, and stored bytes
 * go after the commit. A reservation left by a crash is swept after an hour.
 */
async function receiveInThreeSteps(request: Request, deps: UploadDeps, tenantId: string, receipt: Receipt): Promise<UploadResult> {
  const key = deps.storage.newKey();
  const reservation = await receipt.reserve(key);
  await commit();

  let result: PipelineResult;
  try {
    result = await takeFile(request.req, request.headers, deps, tenantId, key);
  } catch (err) {
    await dropReservation(reservation);
    await commit();
    throw err;
  }
  const { stored, errors, values, back, infected } = result;
  if (infected) await receipt.infected(infected);
  const removeBytes = () => afterCommit(() => deps.storage.delete(tenantId, key));
  if (!stored) {
    await dropReservation(reservation);
    return { errors, values, back };
  }
  if (!(await receipt.stillOpen())) {
    await dropReservation(reservation);
    removeBytes();
    return { errors: { file: 'uploads.errors.formClosed' }, values, back };
  }
  const upload = await completeReservation(reservation, {
    fileName: stored.fileName,
    description: stored.description,
    mediaType: stored.mediaType,
    size: stored.size,
    sha256: stored.sha256,
    status: stored.scan.status,
    scanResult: stored.scan.status === 'clean' ? 'OK' : stored.scan.reason,
  });
  if (!upload) {
    // The sweeper took the reservation meanwhile (an upload that took over an hour).
    removeBytes();
    return { errors: { file: 'uploads.errors.formClosed' }, values, back };
  }
  await receipt.received(upload, stored);
  return { upload, values, back };
}

/** A professional's document for a question of their form (`stillOpen`: the form still takes documents). */
export function receiveUpload(request: Request, target: UploadTarget, deps: UploadDeps, stillOpen: () => Promise<boolean>): Promise<UploadResult> {
  return receiveInThreeSteps(request, deps, target.tenantId, {
    reserve: (storageKey) => reserveUpload({ responseId: target.responseId, questionId: target.questionId, accountId: target.accountId, storageKey }),
    stillOpen,
    infected: (found) => audit('upload.infected', { subjectType: 'form_response', subjectId: target.responseId, details: { ...found, questionId: target.questionId } }),
    received: (upload, stored) =>
      audit('upload.received', {
        subjectType: 'upload',
        subjectId: upload.id,
        details: { responseId: target.responseId, questionId: target.questionId, fileName: stored.fileName, mediaType: stored.mediaType, size: stored.size, status: upload.status },
      }),
  });
}

/** Where a council document goes: the child it is about, shared by a member of staff. */
export interface CouncilDocumentTarget {
  tenantId: string;
  childId: string;
  staffId: string;
}

/**
 * A document the council shares with the professionals linked to a child (a draft or
 * final EHC plan…): the same three steps, checks and scan as a professional's upload.
 */
export function receiveCouncilDocument(request: Request, target: CouncilDocumentTarget, deps: UploadDeps): Promise<UploadResult> {
  return receiveInThreeSteps(request, deps, target.tenantId, {
    reserve: (storageKey) => reserveUpload({ childId: target.childId, staffId: target.staffId, storageKey }),
    stillOpen: async () => true,
    infected: (found) => audit('upload.infected', { subjectType: 'child', subjectId: target.childId, details: { ...found, councilDocument: true } }),
    received: (upload, stored) =>
      audit('council-document.shared', {
        subjectType: 'upload',
        subjectId: upload.id,
        details: { childId: target.childId, fileName: stored.fileName, description: stored.description, mediaType: stored.mediaType, size: stored.size, status: upload.status },
      }),
  });
}

/** The council's documents about a child, newest first. */
export const councilDocumentsOf = childDocumentsOf;

/** One of the council's documents about a child (not removed, never a reservation), or undefined. */
export async function councilDocumentOf(childId: string, uploadId: unknown): Promise<UploadRow | undefined> {
  const row = await findUpload(uploadId);
  return row && row.child_id === childId && !row.deleted_at ? row : undefined;
}

/**
 * Removes a document the council shared about a child (shared by mistake): the
 * professionals no longer see it, the child's record no longer counts it, and its
 * bytes go after the commit. Audited. Undefined when the child has no such document.
 */
export async function removeCouncilDocument(tenantId: string, childId: string, uploadId: string, deps: Pick<UploadDeps, 'storage'>): Promise<UploadRow | undefined> {
  const upload = await markCouncilDocumentRemoved(childId, uploadId);
  if (!upload) return undefined;
  afterCommit(() => deps.storage.delete(tenantId, upload.storage_key));
  await audit('council-document.removed', {
    subjectType: 'upload',
    subjectId: upload.id,
    details: { childId, fileName: upload.file_name, description: upload.description, status: upload.status },
  });
  return upload;
}

/** The documents of a response (of one question, when given), with what the documents table shows. */
export async function listUploads(responseId: string, questionId?: string): Promise<ListedUpload[]> {
  return describeUploads(await uploadsOf(responseId, questionId));
}

/** A document by id (removed or not); the caller decides who may see it. */
export const uploadById = findUpload;

/**
 * Removes a document from a response. Its bytes go after the commit, unless
 * `keepBytes` (a submitted version lists it, so the council keeps it).
 */
export async function removeUpload(tenantId: string, responseId: string, uploadId: string, deps: Pick<UploadDeps, 'storage'>, keepBytes: boolean): Promise<UploadRow | undefined> {
  const upload = await markRemoved(responseId, uploadId);
  if (!upload) return undefined;
  if (!keepBytes) afterCommit(() => deps.storage.delete(tenantId, upload.storage_key));
  await audit('upload.deleted', { subjectType: 'upload', subjectId: upload.id, details: { responseId, fileName: upload.file_name } });
  return upload;
}

/** Removes every document of these responses (drafts being deleted); the bytes go after the commit. */
export async function removeUploadsOf(tenantId: string, responseIds: string[], deps: Pick<UploadDeps, 'storage'>): Promise<number> {
  const keys = await deleteRowsOf(responseIds);
  afterCommit(async () => {
    for (const key of keys) await deps.storage.delete(tenantId, key);
  });
  return keys.length;
}

/** The bytes of a document, or undefined when they are missing from storage. */
export function openUpload(upload: UploadRow, deps: Pick<UploadDeps, 'storage'>): Promise<Readable | undefined> {
  return deps.storage.get(upload.tenant_id, upload.storage_key);
}
