import { db } from '../platform/db/unit-of-work.js';
import { childColumns, type Child } from './children.js';
import { searchTerm } from './person-list.js';

/**
 * The council's search over all its children and young people: the same text
 * as the professional's Person Filter (name, date of birth dd/mm/yyyy, school), 50 to a page.
 */

export const COUNCIL_PAGE_SIZE = 50;

export interface CouncilChildrenPage {
  children: Child[];
  total: number;
  page: number;
  pages: number;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One page of the council's children matching the filter, in name order; a page past the end shows the last one. */
export async function searchCouncilChildren(filter: string, requested: number): Promise<CouncilChildrenPage> {
  const trx = await db();
  const term = searchTerm(filter);
  const matching = () => {
    const query = trx('children as c');
    if (term) query.whereRaw("c.search_text like ? escape '\\'", [`%${likeEscape(term)}%`]);
    return query;
  };
  const counted = await matching().count({ count: '*' }).first();
  const total = Number(counted?.count ?? 0);
  const pages = Math.max(1, Math.ceil(total / COUNCIL_PAGE_SIZE));
  const page = Math.min(requested, pages);
  const children: Child[] = await matching()
    .select(childColumns(trx))
    .orderByRaw('lower(c.surname), lower(c.forename), c.date_of_birth, c.id')
    .limit(COUNCIL_PAGE_SIZE)
    .offset((page - 1) * COUNCIL_PAGE_SIZE);
  return { children, total, page, pages };
}
