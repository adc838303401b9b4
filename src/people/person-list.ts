import { z } from 'zod';
import { db } from '../platform/db/unit-of-work.js';
import { text } from '../platform/http/forms.js';
import { isId, type Child } from './children.js';
import { findChildren, PAGE_SIZE, positionFields, toPosition, type ChildrenPage, type Position } from './search.js';

/**
 * The professional's Select Person list: the children linked to them, filtered
 * by the Person Filter and the view (Active / Hidden / Recent 18 months), a page at a time.
 */

export const VIEWS = ['active', 'hidden', 'recent'] as const;
export type PersonView = (typeof VIEWS)[number];
export { PAGE_SIZE } from './search.js';
/** Longest filter text we search for (longer input is cut). */
const MAX_FILTER = 200;

export interface PersonListQuery extends Position {
  filter: string;
  view: PersonView;
}

export interface ListedChild extends Child {
  hidden_at: Date | null;
  source: 'added' | 'council';
}

export type PersonListPage = ChildrenPage<ListedChild>;


/** ?filter=&view=&after=|before=, in the query or a posted form (anything odd becomes the default; a longer filter is cut). */
export const personListQuery = z
  .object({ filter: text(z.string().transform((filter) => filter.slice(0, MAX_FILTER))), view: z.enum(VIEWS).catch('active'), ...positionFields })
  .transform(({ filter, view, after, before }): PersonListQuery => ({ filter, view, ...toPosition({ after, before }) }));

/** One page of the list, in name order, from where the query says. */
export async function listPeople(accountId: string, query: PersonListQuery): Promise<PersonListPage> {
  return (await findChildren({ filter: query.filter, after: query.after, before: query.before, linkedTo: { accountId, view: query.view } })) as PersonListPage;
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
