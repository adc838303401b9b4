import { z } from 'zod';
import { positionFields, searchCouncilChildren, toPosition, type CouncilChildrenPage, type Position } from '../../people/council-search.js';
import { text } from '../../platform/http/forms.js';

export { findSameChildInCouncil } from '../../people/children.js';

const MAX_FILTER = 200;

export interface ChildSearch extends Position {
  filter: string;
}

/** ?filter=&after=|before= (anything odd is ignored; a longer filter is cut). */
export const childSearchQuery = z
  .object({ filter: text(z.string().transform((filter) => filter.slice(0, MAX_FILTER))), ...positionFields })
  .transform(({ filter, after, before }): ChildSearch => ({ filter, ...toPosition({ after, before }) }));

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
