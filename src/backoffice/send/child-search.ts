import { readPosition, searchCouncilChildren, type CouncilChildrenPage, type Position } from '../../people/council-search.js';

export { findSameChildInCouncil } from '../../people/children.js';

const MAX_FILTER = 200;

export interface ChildSearch extends Position {
  filter: string;
}

export function readSearch(query: Record<string, unknown>): ChildSearch {
  return { filter: typeof query.filter === 'string' ? query.filter.trim().slice(0, MAX_FILTER) : '', ...readPosition(query) };
}

/** "/backoffice/send/children?filter=…&after=…", leaving out the defaults. */
export function searchUrl(base: string, search: ChildSearch, position: Position = search): string {
  const params = new URLSearchParams();
  if (search.filter) params.set('filter', search.filter);
  if (position.after) params.set('after', position.after);
  else if (position.before) params.set('before', position.before);
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

export const searchChildren = (search: ChildSearch): Promise<CouncilChildrenPage> => searchCouncilChildren(search.filter, search);
