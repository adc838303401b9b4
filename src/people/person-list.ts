import type { Knex } from 'knex';
import { db } from '../platform/db/unit-of-work.js';
import { childColumns, isId, type Child } from './children.js';

/**
 * The professional's Select Person list: the children linked to them, filtered
 * by the Person Filter and the view (Active / Hidden / Recent 18 months), a page at a time.
 */

export const VIEWS = ['active', 'hidden', 'recent'] as const;
export type PersonView = (typeof VIEWS)[number];
export const PAGE_SIZE = 50;
/** Longest filter text we search for (longer input is cut). */
const MAX_FILTER = 200;

export interface PersonListQuery {
  filter: string;
  view: PersonView;
  page: number;
}

export interface ListedChild extends Child {
  hidden_at: Date | null;
  source: 'added' | 'council';
}

export interface PersonListPage {
  children: ListedChild[];
  total: number;
  page: number;
  pages: number;
}

export const isView = (value: unknown): value is PersonView => (VIEWS as readonly unknown[]).includes(value);

/** Reads ?filter=&view=&page= (anything odd becomes the default). */
export function readQuery(query: Record<string, unknown>): PersonListQuery {
  const text = typeof query.filter === 'string' ? query.filter.trim().slice(0, MAX_FILTER) : '';
  const page = Number(query.page);
  return { filter: text, view: isView(query.view) ? query.view : 'active', page: Number.isSafeInteger(page) && page > 0 ? page : 1 };
}

/**
 * The text as it appears in `children.search_text`: lower case, single spaces, no commas
 * (so "Apple, August" finds "apple august"), and a date like 1/8/2014 as 01/08/2014.
 */
export function searchTerm(filter: string): string {
  const date = filter.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  if (date) return `${date[1]!.padStart(2, '0')}/${date[2]!.padStart(2, '0')}/${date[3]}`;
  return filter.toLowerCase().replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function linkedTo(trx: Knex.Transaction, accountId: string, query: PersonListQuery) {
  const q = trx('child_links as l')
    .join('children as c', (j) => j.on('c.tenant_id', 'l.tenant_id').andOn('c.id', 'l.child_id'))
    .where('l.account_id', accountId);
  if (query.view === 'active') q.whereNull('l.hidden_at');
  else if (query.view === 'hidden') q.whereNotNull('l.hidden_at');
  else q.whereRaw("l.last_used_at >= now() - interval '18 months'");
  const term = searchTerm(query.filter);
  if (term) q.whereRaw("c.search_text like ? escape '\\'", [`%${likeEscape(term)}%`]);
  return q;
}

/** One page of the list, in name order; a page past the end shows the last one. */
export async function listPeople(accountId: string, query: PersonListQuery): Promise<PersonListPage> {
  const trx = await db();
  const counted = await linkedTo(trx, accountId, query).count({ count: '*' }).first();
  const total = Number(counted?.count ?? 0);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const children: ListedChild[] = await linkedTo(trx, accountId, query)
    .select([...childColumns(trx), 'l.hidden_at', 'l.source'])
    .orderByRaw('lower(c.surname), lower(c.forename), c.date_of_birth, c.id')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  return { children, total, page, pages };
}

/** How many of the professional's children they have hidden (an empty Active list says so). */
export async function hiddenCount(accountId: string): Promise<number> {
  const counted = await (await db())('child_links').where('account_id', accountId).whereNotNull('hidden_at').count({ count: '*' }).first();
  return Number(counted?.count ?? 0);
}

/** The ticked ids, when every one is a child linked to this professional; undefined otherwise (→ 404). */
export async function linkedIds(accountId: string, ids: string[]): Promise<string[] | undefined> {
  const unique = [...new Set(ids)];
  if (!unique.length || unique.length > PAGE_SIZE || !unique.every(isId)) return undefined;
  const rows: { child_id: string }[] = await (await db())('child_links').where('account_id', accountId).whereIn('child_id', unique).select('child_id');
  return rows.length === unique.length ? unique : undefined;
}

/** Hides (or shows again) the professional's links to these children; the children themselves are untouched. */
export async function setHidden(accountId: string, childIds: string[], hidden: boolean): Promise<void> {
  const trx = await db();
  await trx('child_links')
    .where('account_id', accountId)
    .whereIn('child_id', childIds)
    .update({ hidden_at: hidden ? trx.raw('coalesce(hidden_at, now())') : null });
}
