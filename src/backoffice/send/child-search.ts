import { searchCouncilChildren, type CouncilChildrenPage } from '../../people/council-search.js';
import { pageNumber } from './page.js';

export { findSameChildInCouncil } from '../../people/children.js';

const MAX_FILTER = 200;

export interface ChildSearch {
  filter: string;
  page: number;
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

export const searchChildren = (search: ChildSearch): Promise<CouncilChildrenPage> => searchCouncilChildren(search.filter, search.page);
