import { tenantTrx } from '../../platform/db/tenant-context.js';
import { childColumns, type Child } from '../../people/children.js';
import { searchTerm } from '../../people/person-list.js';
import { pageNumber } from './page.js';

/**
 * The council's search over all its children and young people: the same text
 * as the professional's Person Filter (name, date of birth dd/mm/yyyy, school)
 * against the trigram-indexed `children.search_text`, 50 to a page.
 */

export const PAGE_SIZE = 50;
const MAX_FILTER = 200;

export interface ChildSearch {
  filter: string;
  page: number;
}

export interface ChildSearchPage {
  children: Child[];
  total: number;
  page: number;
  pages: number;
}

export function readSearch(query: Record<string, unknown>): ChildSearch {
  return { filter: typeof query.filter === 'string' ? query.filter.trim().slice(0, MAX_FILTER) : '', page: pageNumber(query.page) };
}

/** "/backoffice/send/children?filter=…&page=…", leaving out the defaults. */
export function searchUrl(base: string, search: ChildSearch, page = search.page): string {
  const params = new URLSearchParams();
  if (search.filter) params.set('filter', search.filter);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function matching(search: ChildSearch) {
  const query = tenantTrx()('children as c');
  const term = searchTerm(search.filter);
  if (term) query.whereRaw("c.search_text like ? escape '\\'", [`%${likeEscape(term)}%`]);
  return query;
}

/** One page of matching children in name order; a page past the end shows the last one. */
export async function searchChildren(search: ChildSearch): Promise<ChildSearchPage> {
  const counted = await matching(search).count({ count: '*' }).first();
  const total = Number(counted?.count ?? 0);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(search.page, pages);
  const children: Child[] = await matching(search)
    .select(childColumns())
    .orderByRaw('lower(c.surname), lower(c.forename), c.date_of_birth, c.id')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  return { children, total, page, pages };
}

/** Children of the council with this name and date of birth (case-insensitive): a possible duplicate. */
export function findSameChildInCouncil(forename: string, surname: string, dateOfBirth: string): Promise<Child[]> {
  return tenantTrx()('children as c')
    .where('c.date_of_birth', dateOfBirth)
    .whereRaw('lower(c.forename) = lower(?) and lower(c.surname) = lower(?)', [forename, surname])
    .orderBy('c.created_at')
    .select(childColumns());
}
