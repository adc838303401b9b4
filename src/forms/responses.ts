import { db } from '../platform/db/unit-of-work.js';
import type { Answers, StepValues } from './answers.js';
import { draftExpiry } from './days-left.js';

/** One professional's answers to one form: about one linked child, or about the people entered on it. */
export interface FormResponseRow {
  id: string;
  form_id: string;
  /** The version of the form's definition it was started with (it is always shown with it). */
  form_version: number;
  /** The linked child of a form about one child (Select Person); null for forms about people. */
  child_id: string | null;
  account_id: string;
  work_role_id: string | null;
  status: 'draft' | 'submitted';
  answers: Answers;
  completed_steps: string[];
  version: number;
  request_id: string | null;
  draft_expires_at: Date | null;
  /** The "days left" reminders already emailed (e.g. [7]). */
  reminders_sent: number[];
  submitted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** A frozen submission: the answers and documents as they were, who, when and why (for edits). */
export interface FormVersionRow {
  response_id: string;
  version: number;
  answers: Answers;
  documents: FrozenDocument[];
  submitted_by: string;
  submitted_at: Date;
  edit_reason: string | null;
}

export interface FrozenDocument {
  id: string;
  questionId: string | null;
  fileName: string;
  description: string | null;
  mediaType: string;
  size: number;
}

const isUuid = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** The professional's own response, or undefined (anyone else's, or no such id, looks the same). */
export async function findOwnResponse(accountId: string, id: unknown): Promise<FormResponseRow | undefined> {
  if (!isUuid(id)) return undefined;
  return (await db())<FormResponseRow>('form_responses').where({ id, account_id: accountId }).first();
}

/** All of this professional's responses about a child, newest first. */
export async function responsesForChild(accountId: string, childId: string): Promise<FormResponseRow[]> {
  return (await db())<FormResponseRow>('form_responses').where({ account_id: accountId, child_id: childId }).orderBy('created_at', 'desc');
}

/** The professional's draft of a form for a child, if one is in progress. */
export async function findDraft(accountId: string, childId: string, formId: string): Promise<FormResponseRow | undefined> {
  return (await db())<FormResponseRow>('form_responses').where({ account_id: accountId, child_id: childId, form_id: formId, status: 'draft' }).orderBy('created_at', 'desc').first();
}

/**
 * A new draft, at the form's given version (the latest when not given), kept
 * for the council's draft days from today (UK calendar, see days-left.ts).
 */
export async function createDraft(draft: { accountId: string; childId?: string; formId: string; formVersion?: number; requestId?: string; draftDays: number; answers?: Answers }): Promise<FormResponseRow> {
  const [row]: FormResponseRow[] = await (await db())('form_responses')
    .insert({
      account_id: draft.accountId,
      child_id: draft.childId ?? null,
      form_id: draft.formId,
      form_version: draft.formVersion ?? 1,
      request_id: draft.requestId ?? null,
      answers: JSON.stringify(draft.answers ?? {}),
      draft_expires_at: draftExpiry(new Date(), draft.draftDays),
    })
    .returning('*');
  return row!;
}

/**
 * Stores what was typed on a step (whatever its validity: nothing typed is lost),
 * and marks the step complete or not when `complete` is given (autosave and
 * "Save for later" leave it). A draft's expiry stays where its start put it.
 */
export async function saveStep(response: Pick<FormResponseRow, 'id'>, stepId: string, values: StepValues, options: { complete?: boolean; workRoleId?: string | null } = {}): Promise<void> {
  const trx = await db();
  const update: Record<string, unknown> = {
    answers: trx.raw('answers || jsonb_build_object(?::text, ?::jsonb)', [stepId, JSON.stringify(values)]),
    updated_at: new Date(),
  };
  if (options.complete === true) update.completed_steps = trx.raw('array_append(array_remove(completed_steps, ?::text), ?::text)', [stepId, stepId]);
  if (options.complete === false) update.completed_steps = trx.raw('array_remove(completed_steps, ?::text)', [stepId]);
  if (options.workRoleId !== undefined) update.work_role_id = options.workRoleId;
  await (await db())<FormResponseRow>('form_responses').where({ id: response.id }).update(update);
}

/** Re-reads a response and locks it for the rest of the request's transaction (one submission at a time). */
export async function lockResponse(id: string): Promise<FormResponseRow | undefined> {
  return (await db())<FormResponseRow>('form_responses').where({ id }).forUpdate().first();
}

/** Freezes the answers as the next version and marks the response submitted; ends any edit in progress. */
export async function freezeVersion(response: FormResponseRow, version: { answers: Answers; documents: FrozenDocument[]; submittedBy: string; editReason: string | null }): Promise<number> {
  const trx = await db();
  const next = response.version + 1;
  await trx('form_versions').insert({
    response_id: response.id,
    version: next,
    answers: JSON.stringify(version.answers),
    documents: JSON.stringify(version.documents),
    submitted_by: version.submittedBy,
    edit_reason: version.editReason,
  });
  await (await db())<FormResponseRow>('form_responses')
    .where({ id: response.id })
    .update({
      status: 'submitted',
      version: next,
      submitted_at: new Date(),
      draft_expires_at: null,
      answers: trx.raw("answers - '_edit'"),
      updated_at: new Date(),
    });
  return next;
}

/** Starts an edit of a submitted form: the reason is kept until the new version is submitted. */
export async function startEdit(response: FormResponseRow, reason: string): Promise<void> {
  const trx = await db();
  const edit = { reason, startedAt: new Date().toISOString() };
  await (await db())<FormResponseRow>('form_responses')
    .where({ id: response.id })
    .update({ answers: trx.raw("answers || jsonb_build_object('_edit', ?::jsonb)", [JSON.stringify(edit)]), updated_at: new Date() });
}

/** Every submitted version, oldest first. */
export async function versionsOf(responseId: string): Promise<FormVersionRow[]> {
  return (await db())<FormVersionRow>('form_versions').where({ response_id: responseId }).orderBy('version');
}

export interface FormRequestRow {
  id: string;
  form_id: string;
  child_id: string;
  account_id: string;
  due_date: Date | null;
  created_at: Date;
}

/** What the council has asked this professional to complete about a child. */
export async function requestsFor(accountId: string, childId: string): Promise<FormRequestRow[]> {
  return (await db())<FormRequestRow>('form_requests').where({ account_id: accountId, child_id: childId }).orderBy('created_at');
}

/** A response by id, whoever's it is (the caller applies the policy). */
export async function findResponse(id: unknown): Promise<FormResponseRow | undefined> {
  if (!isUuid(id)) return undefined;
  return (await db())<FormResponseRow>('form_responses').where({ id }).first();
}

/** Whether a submitted version of the response lists this document (then the council keeps its bytes). */
export async function inSubmittedVersion(responseId: string, uploadId: string): Promise<boolean> {
  const row = await (await db())('form_versions')
    .where({ response_id: responseId })
    .andWhereRaw('position(? in documents::text) > 0', [uploadId])
    .first('version');
  return row !== undefined;
}

/** Which of these children have a submitted form. */
export async function childrenWithSubmissions(childIds: string[]): Promise<Set<string>> {
  if (!childIds.length) return new Set();
  const rows: { child_id: string }[] = await (await db())('form_responses').whereIn('child_id', childIds).where('version', '>', 0).distinct('child_id');
  return new Set(rows.map((r) => r.child_id));
}

/** The never-submitted drafts about these children. */
export async function draftsAbout(childIds: string[]): Promise<string[]> {
  if (!childIds.length) return [];
  const rows: { id: string }[] = await (await db())('form_responses').whereIn('child_id', childIds).where({ status: 'draft', version: 0 }).select('id');
  return rows.map((r) => r.id);
}

/** Deletes these responses (their versions and requests' links go with them). */
export async function deleteResponses(ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  return (await db())('form_responses').whereIn('id', ids).delete();
}

/** The professional's drafts never submitted (what "Recover a form" lists), soonest to expire first. */
export async function draftsOf(accountId: string): Promise<FormResponseRow[]> {
  return (await db())<FormResponseRow>('form_responses').where({ account_id: accountId, status: 'draft', version: 0 }).orderBy('draft_expires_at').orderBy('created_at');
}

/** The professional's forms submitted since `since` (their latest submission), newest first. */
export async function submittedSince(accountId: string, since: Date): Promise<FormResponseRow[]> {
  return (await db())<FormResponseRow>('form_responses').where({ account_id: accountId }).where('version', '>', 0).where('submitted_at', '>=', since).orderBy('submitted_at', 'desc').orderBy('id');
}
