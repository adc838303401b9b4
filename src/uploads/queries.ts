import type { Knex } from 'knex';
import { db } from '../platform/db/unit-of-work.js';
import { countPerCouncil } from '../platform/db/per-council.js';
import { isUuid } from '../platform/ids.js';

/** A row of `uploads`: one document, its scan verdict, and (once removed) when. */
export interface UploadRow {
  tenant_id: string;
  id: string;
  response_id: string | null;
  question_id: string | null;
  account_id: string | null;
  staff_id: string | null;
  /** A council document: the child it is about (shared with the professionals linked to the child). */
  child_id: string | null;
  file_name: string;
  description: string | null;
  media_type: string;
  size: number;
  storage_key: string;
  sha256: string;
  /** receiving: reserved while the bytes arrive (nobody sees it); then pending until clamd passes it. */
  status: 'receiving' | 'pending' | 'clean' | 'infected';
  scan_result: string | null;
  scan_attempts: number;
  scan_lease_until: Date | null;
  scanned_at: Date | null;
  deleted_at: Date | null;
  created_at: Date;
}

export { isUuid };

/** Rows people may see: not reserved, not removed. */
const visible = (q: Knex.QueryBuilder) => q.whereNull('deleted_at').whereNot({ status: 'receiving' });

/** Reserves the row of a document about to arrive (status receiving), with the storage key its bytes will have. */
export async function reserveUpload(
  values: { responseId: string; questionId: string; accountId: string; storageKey: string } | { childId: string; staffId: string; storageKey: string },
): Promise<string> {
  const owner =
    'childId' in values
      ? { child_id: values.childId, staff_id: values.staffId }
      : { response_id: values.responseId, question_id: values.questionId, account_id: values.accountId };
  const [row] = await (await db())('uploads')
    .insert({
      ...owner,
      file_name: '',
      media_type: '',
      size: 0,
      storage_key: values.storageKey,
      sha256: '',
      status: 'receiving',
    })
    .returning('id');
  return row.id;
}

export interface ReceivedFile {
  fileName: string;
  description: string;
  mediaType: string;
  size: number;
  sha256: string;
  status: 'pending' | 'clean';
  scanResult: string;
}

/** Turns a reservation into the document, once its bytes are stored. Undefined when the reservation is gone. */
export async function completeReservation(id: string, file: ReceivedFile): Promise<UploadRow | undefined> {
  const [row] = await (await db())('uploads')
    .where({ id, status: 'receiving' })
    .update({
      file_name: file.fileName,
      description: file.description,
      media_type: file.mediaType,
      size: file.size,
      sha256: file.sha256,
      status: file.status,
      scan_result: file.scanResult,
      scan_attempts: 1,
      scanned_at: file.status === 'clean' ? new Date() : null,
    })
    .returning('*');
  return row;
}

/** Removes a reservation; its storage key, if it was still there. */
export async function dropReservation(id: string): Promise<string | undefined> {
  const [row] = await (await db())('uploads').where({ id, status: 'receiving' }).delete().returning('storage_key');
  return row?.storage_key;
}

/** The documents of a response (of one question, when given), oldest first. */
export async function uploadsOf(responseId: string, questionId?: string): Promise<UploadRow[]> {
  if (!isUuid(responseId)) return [];
  const query = visible((await db())('uploads').where({ response_id: responseId })).orderBy('created_at');
  if (questionId) query.andWhere({ question_id: questionId });
  return query;
}

/** The council's documents about a child, newest first (pending and infected ones too: the caller chooses). */
export async function childDocumentsOf(childId: string): Promise<UploadRow[]> {
  if (!isUuid(childId)) return [];
  return visible((await db())('uploads').where({ child_id: childId })).orderBy('created_at', 'desc');
}

/** Which of these children the council has shared documents about now (one being received counts; removed ones do not). */
export async function childrenWithDocuments(childIds: string[]): Promise<Set<string>> {
  const ids = childIds.filter(isUuid);
  if (!ids.length) return new Set();
  const rows: { child_id: string }[] = await (await db())('uploads').whereIn('child_id', ids).whereNull('deleted_at').distinct('child_id');
  return new Set(rows.map((r) => r.child_id));
}

/** Whether any document of the response is waiting for its scan or was found infected and not removed. */
export async function hasUnclearedUploads(responseId: string): Promise<boolean> {
  if (!isUuid(responseId)) return false;
  return (await visible((await db())('uploads').where({ response_id: responseId })).whereNot({ status: 'clean' }).first('id')) !== undefined;
}

/** A document by id, removed or not (never a reservation). */
export async function findUpload(id: unknown): Promise<UploadRow | undefined> {
  if (!isUuid(id)) return undefined;
  return (await db())('uploads').where({ id }).whereNot({ status: 'receiving' }).first();
}

/** Marks a document of a response removed; the row, or undefined when there is no such document. */
export async function markRemoved(responseId: string, id: string): Promise<UploadRow | undefined> {
  if (!isUuid(responseId) || !isUuid(id)) return undefined;
  const [row] = await visible((await db())('uploads').where({ id, response_id: responseId }))
    .update({ deleted_at: new Date() })
    .returning('*');
  return row;
}

/** Marks a council document about a child removed; the row, or undefined when the child has no such document. */
export async function markCouncilDocumentRemoved(childId: string, id: string): Promise<UploadRow | undefined> {
  if (!isUuid(childId) || !isUuid(id)) return undefined;
  const [row] = await visible((await db())('uploads').where({ id, child_id: childId }))
    .update({ deleted_at: new Date() })
    .returning('*');
  return row;
}

/** Deletes every row of these responses' documents; their storage keys. */
export async function deleteRowsOf(responseIds: string[]): Promise<string[]> {
  if (!responseIds.length) return [];
  const rows: { storage_key: string }[] = await (await db())('uploads').whereIn('response_id', responseIds).delete().returning('storage_key');
  return rows.map((r) => r.storage_key).filter(Boolean);
}

/** Uploads waiting for a scan in every council, for the platform console (platform role). */
export function awaitingScanPerCouncil(platform: Knex): Promise<Map<string, number>> {
  return countPerCouncil(platform('uploads').where('status', 'pending').whereNull('deleted_at'));
}
