import { findChildren, positionFields, toPosition, type ChildrenPage, type Position } from './search.js';

/**
 * The council's search over all its children and young people: the same words
 * as the professional's Person Filter (name, date of birth dd/mm/yyyy, school),
 * 50 to a page, in name order (src/people/search.ts).
 */

export type CouncilChildrenPage = ChildrenPage;
export { positionFields, toPosition, type Position };

/** One page of the council's children matching the filter, from where `position` says. */
export const searchCouncilChildren = (filter: string, position: Position): Promise<CouncilChildrenPage> => findChildren({ filter, ...position });
