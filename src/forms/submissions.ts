import type { Knex } from 'knex';
import { db } from '../platform/db/unit-of-work.js';
import { countPerCouncil } from '../platform/db/per-council.js';
import type { FormDefinition } from './definition.js';
import type { FormDefinitions } from './definitions.js';
import { findResponse, versionsOf, type FormResponseRow, type FormVersionRow } from './responses.js';

/**
 * Submitted forms as the council reads them: every response with at least one
 * frozen version (drafts never leave the professional), newest submission first.
 */

export const PAGE_SIZE = 50;

export interface SubmittedForm {
  responseId: string;
  formId: string;
  childId: string;
  accountId: string;
  submittedAt: Date;
  version: number;
}

interface SubmittedRow {
  id: string;
  form_id: string;
  child_id: string;
  account_id: string;
  submitted_at: Date;
  version: number;
}

const toSubmitted = (r: SubmittedRow): SubmittedForm => ({ responseId: r.id, formId: r.form_id, childId: r.child_id, accountId: r.account_id, submittedAt: r.submitted_at, version: r.version });
const COLUMNS = ['id', 'form_id', 'child_id', 'account_id', 'submitted_at', 'version'];

const submitted = (trx: Knex.Transaction) => trx('form_responses').where('version', '>', 0).whereNotNull('submitted_at');

/** One page of the council's submitted forms, newest first; a page past the end shows the last one. */
export async function submittedPage(requested: number): Promise<{ forms: SubmittedForm[]; total: number; page: number; pages: number }> {
  const counted = await submitted(await db()).count({ count: '*' }).first();
  const total = Number(counted?.count ?? 0);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(requested, pages);
  const rows: SubmittedRow[] = await submitted(await db())
    .select(COLUMNS)
    .orderBy('submitted_at', 'desc')
    .orderBy('id')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  return { forms: rows.map(toSubmitted), total, page, pages };
}

/** Every submitted form about a child, newest first. */
export async function submittedAboutChild(childId: string): Promise<SubmittedForm[]> {
  const rows: SubmittedRow[] = await submitted(await db()).where({ child_id: childId }).select(COLUMNS).orderBy('submitted_at', 'desc').orderBy('id');
  return rows.map(toSubmitted);
}

export interface Submission {
  response: FormResponseRow;
  form: FormDefinition;
  /** Oldest first. */
  versions: FormVersionRow[];
}

/** A submitted form of the council with its versions; undefined for a draft, an unknown id or a form no longer in the library. */
export async function findSubmission(library: FormDefinitions, responseId: string): Promise<Submission | undefined> {
  const response = await findResponse(responseId);
  // Shown with the definition it was answered against, never the library's latest.
  const form = response && response.version > 0 ? await library.of(response) : undefined;
  if (!response || !form) return undefined;
  const versions = await versionsOf(response.id);
  return versions.length ? { response, form, versions } : undefined;
}

/** A version by its number ("3"), or undefined. */
export function versionOf(submission: Submission, number: unknown): FormVersionRow | undefined {
  const n = Number(number);
  return Number.isSafeInteger(n) ? submission.versions.find((v) => v.version === n) : undefined;
}

/** Forms submitted in the last `days` days in every council, for the platform console (platform role). */
export function submittedPerCouncil(platform: Knex, days: number): Promise<Map<string, number>> {
  return countPerCouncil(platform('form_responses').where('status', 'submitted').where('submitted_at', '>', platform.raw(`now() - make_interval(days => ?)`, [days])));
}
