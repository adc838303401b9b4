import { Account } from '../../accounts/account.js';
import type { FormDefinition } from '../../forms/definition.js';
import { getForm } from '../../forms/library.js';
import { versionsOf, type FormResponseRow, type FormVersionRow } from '../../forms/responses.js';
import { tenantTrx } from '../../platform/db/tenant-context.js';
import { findChild, isId, type Child } from '../../people/children.js';

/**
 * Submitted forms as the council reads them: every response with at least one
 * frozen version (drafts never leave the professional), newest submission first.
 */

export const PAGE_SIZE = 50;

export interface SubmissionLine {
  responseId: string;
  formId: string;
  childId: string;
  childForename: string;
  childSurname: string;
  professional: string;
  submittedAt: Date;
  version: number;
}

function submitted(childId?: string) {
  const query = tenantTrx()('form_responses as f')
    .join('children as c', (j) => j.on('c.tenant_id', 'f.tenant_id').andOn('c.id', 'f.child_id'))
    .join('accounts as a', (j) => j.on('a.tenant_id', 'f.tenant_id').andOn('a.id', 'f.account_id'))
    .where('f.version', '>', 0)
    .whereNotNull('f.submitted_at');
  if (childId) query.where('f.child_id', childId);
  return query;
}

const lineColumns = ['f.id as responseId', 'f.form_id as formId', 'f.child_id as childId', 'c.forename as childForename', 'c.surname as childSurname', 'f.submitted_at as submittedAt', 'f.version as version', 'a.forename', 'a.surname'];

type LineRow = Omit<SubmissionLine, 'professional'> & { forename: string; surname: string };
const toLine = ({ forename, surname, ...row }: LineRow): SubmissionLine => ({ ...row, professional: `${forename} ${surname}` });

/** One page of the council's submitted forms, newest first; a page past the end shows the last one. */
export async function listSubmissions(requested: number): Promise<{ lines: SubmissionLine[]; total: number; page: number; pages: number }> {
  const counted = await submitted().count({ count: '*' }).first();
  const total = Number(counted?.count ?? 0);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(requested, pages);
  const rows: LineRow[] = await submitted()
    .select(lineColumns)
    .orderBy('f.submitted_at', 'desc')
    .orderBy('f.id')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  return { lines: rows.map(toLine), total, page, pages };
}

/** Every submitted form about a child, newest first. */
export async function submissionsForChild(childId: string): Promise<SubmissionLine[]> {
  const rows: LineRow[] = await submitted(childId).select(lineColumns).orderBy('f.submitted_at', 'desc').orderBy('f.id');
  return rows.map(toLine);
}

export interface Submission {
  response: FormResponseRow;
  form: FormDefinition;
  child: Child;
  professional: Account;
  /** Oldest first. */
  versions: FormVersionRow[];
  /** Who submitted each version, by account id. */
  people: Map<string, Account>;
}

/** A submitted form of the council with its versions; undefined for a draft, an unknown id or a form no longer in the library. */
export async function findSubmission(responseId: string): Promise<Submission | undefined> {
  if (!isId(responseId)) return undefined;
  const response: FormResponseRow | undefined = await tenantTrx()('form_responses').where({ id: responseId }).where('version', '>', 0).first();
  const form = response && getForm(response.form_id);
  if (!response || !form) return undefined;
  const versions = await versionsOf(response.id);
  if (!versions.length) return undefined;
  const child = await findChild(response.child_id);
  const accounts = await Account.query().whereIn('id', [...new Set([response.account_id, ...versions.map((v) => v.submitted_by)])]);
  const people = new Map(accounts.map((a) => [a.id, a]));
  const professional = people.get(response.account_id);
  if (!child || !professional) return undefined;
  return { response, form, child, professional, versions, people };
}

/** A version by its number ("3"), or undefined. */
export function versionOf(submission: Submission, number: unknown): FormVersionRow | undefined {
  const n = Number(number);
  return Number.isSafeInteger(n) ? submission.versions.find((v) => v.version === n) : undefined;
}
