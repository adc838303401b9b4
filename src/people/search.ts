import type { Knex } from 'knex';
import { z } from 'zod';
import { db } from '../platform/db/unit-of-work.js';
import { childColumns, childrenByIds, isId, type Child } from './children.js';

/**
 * Finding children a page at a time, under row-level security, with indexes
 * that lead with tenant_id (migrations/20261202000100_person_search.ts):
 *
 * - the filter's words are prefixes of the words of a child's names, school and
 *   date of birth, looked up in `child_search_tokens` (`token ^@ word`: leakproof,
 *   so the planner may use the index with the policy in place);
 * - a page starts after (or ends before) a child, by the position of that child
 *   in name order (`children_sort`): no OFFSET, so page 200 costs what page 1 does;
 * - the count stops at COUNT_CAP + 1 ("more than 1,000 records found").
 *
 * With a filter, the matching children are found first (from the first word's
 * tokens, or from a professional's links when they have at most COUNT_CAP), at
 * most COUNT_CAP + 1 of them, one index probe each (LATERAL … LIMIT 1 keeps the
 * planner from hashing a whole council's rows: it cannot see how dear the
 * policy is on every row of a sequential scan). When more than COUNT_CAP
 * match, the matches are dense, and the page is read in name order instead.
 */

export const PAGE_SIZE = 50;
/** Counts stop here: beyond it a page says "more than 1,000 records found". */
export const COUNT_CAP = 1000;
/** Words of a filter looked up (more are left out: the first ones already narrow it). */
const MAX_WORDS = 6;
/** As app.search_words in the migration: what separates words, and the longest word kept. */
const SEPARATORS = /[\s,.;:'’"()&+*_=-]+/u;
const MAX_WORD = 100;
const DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** The filter's words as the tokens are written: lower case, a date like 1/8/2014 as 01/08/2014. */
export function filterWords(filter: string): string[] {
  const words = filter
    .toLowerCase()
    .replace(/(?<=\d)[.-](?=\d)/g, '/')
    .split(SEPARATORS)
    .filter(Boolean)
    .map((word) => {
      const date = word.match(DATE);
      return (date ? `${date[1]!.padStart(2, '0')}/${date[2]!.padStart(2, '0')}/${date[3]}` : word).slice(0, MAX_WORD);
    });
  // The longest word first: it drives the lookup and is likely the rarest.
  return [...new Set(words)].sort((a, b) => b.length - a.length).slice(0, MAX_WORDS);
}

/** Where a page starts: after this child, or before it (going back). Ids only: nothing else in the URL. */
export interface Position {
  after?: string;
  before?: string;
}

export interface ChildrenQuery extends Position {
  filter: string;
  /** The professional's list: only children linked to them, in this view. Absent: every child of the council. */
  linkedTo?: { accountId: string; view: 'active' | 'hidden' | 'recent' };
}

export interface FoundChild extends Child {
  hidden_at?: Date | null;
  source?: 'added' | 'council';
}

export interface ChildrenPage<T extends FoundChild = FoundChild> {
  children: T[];
  /** How many match, up to COUNT_CAP; `more` when there are more than that. */
  total: number;
  more: boolean;
  /** Where the next and previous pages start, when there are any. */
  next?: Position;
  previous?: Position;
}

const childId = z.preprocess((value) => (isId(value) ? value : undefined), z.string().optional());

/** ?after= / ?before= in a query schema: anything that is not a child's id is ignored. */
export const positionFields = { after: childId, before: childId };

/** The position the query gives: after wins over before. */
export const toPosition = ({ after, before }: Position): Position => (after ? { after } : before ? { before } : {});

/** Name order: the columns of `children_sort` after tenant_id (`dob` names the date of birth column). */
const order = (dob: string) => ['c.sort_surname', 'c.sort_forename', dob, 'c.id'];

/** The view's condition on the link `l`. */
const VIEW_CONDITION = {
  active: 'l.hidden_at is null',
  hidden: 'l.hidden_at is not null',
  recent: "l.last_used_at >= now() - interval '18 months'",
} as const;

/** The position of a child in name order, when it is one this query may see. */
async function positionOf(trx: Knex.Transaction, id: string | undefined, query: ChildrenQuery): Promise<string[] | undefined> {
  if (!id) return undefined;
  const q = trx('children as c')
    .where('c.id', id)
    .first(['c.sort_surname', 'c.sort_forename', trx.raw("to_char(c.date_of_birth, 'YYYY-MM-DD') as dob"), 'c.id']);
  if (query.linkedTo) q.whereExists((s) => s.from('child_links as l').whereRaw('l.tenant_id = c.tenant_id and l.child_id = c.id and l.account_id = ?', [query.linkedTo!.accountId]));
  const row = await q;
  return row ? [row.sort_surname, row.sort_forename, row.dob, row.id] : undefined;
}

/** The child's columns for a select list (as in children.ts), and the link's when the list is a professional's. */
function selectList(trx: Knex.Transaction, query: ChildrenQuery): string {
  const columns = childColumns(trx).map((c) => (typeof c === 'string' ? c : c.toSQL().sql));
  if (query.linkedTo) columns.push('l.hidden_at', 'l.source');
  return columns.join(', ');
}

/** A page read from an ordered row source `c`, from the cursor on: PAGE_SIZE + 1 rows, in reading order. */
function pageSql(cursor: string[] | undefined, backwards: boolean, dob = 'c.date_of_birth'): { where: string; order: string; bindings: string[] } {
  const direction = backwards ? 'desc' : 'asc';
  const columns = order(dob);
  return {
    where: cursor ? `and (${columns.join(', ')}) ${backwards ? '<' : '>'} (?, ?, ?::date, ?::uuid)` : '',
    order: `order by ${columns.map((c) => `${c} ${direction}`).join(', ')} limit ${PAGE_SIZE + 1}`,
    bindings: cursor ?? [],
  };
}

/**
 * Few matches: at most COUNT_CAP + 1 of them, each checked with index-only
 * probes (the link, the filter's words, and the sort keys from `children_key`);
 * their number is the count and the page is cut from them. Only the page's
 * children are then read from the table. The matches are found from the first
 * word's tokens or, for a professional with at most COUNT_CAP links in this
 * view, from their links (then a word matching much of the council costs no more).
 */
async function fewMatches(
  trx: Knex.Transaction,
  query: ChildrenQuery,
  words: string[],
  cursor: string[] | undefined,
  backwards: boolean,
  from: 'tokens' | 'links',
): Promise<{ rows: FoundChild[]; total: number }> {
  const bindings: string[] = [];
  let source: string;
  const checked = from === 'links' ? words : words.slice(1);
  if (from === 'links') {
    const { accountId, view } = query.linkedTo!;
    source = `(select l.tenant_id, l.child_id, l.hidden_at, l.source from child_links l where l.account_id = ? and ${VIEW_CONDITION[view]}) w`;
    bindings.push(accountId);
  } else {
    source = '(select distinct t.tenant_id, t.child_id from child_search_tokens t where t.token ^@ ?) w';
    bindings.push(words[0]!);
    if (query.linkedTo) {
      source += ` cross join lateral (select l.hidden_at, l.source from child_links l where l.tenant_id = w.tenant_id and l.account_id = ? and l.child_id = w.child_id and ${VIEW_CONDITION[query.linkedTo.view]} limit 1) l`;
      bindings.push(query.linkedTo.accountId);
    }
  }
  const checks = checked.map((word) => {
    bindings.push(word);
    return 'and exists (select 1 from child_search_tokens t2 where t2.tenant_id = c.tenant_id and t2.child_id = c.id and t2.token ^@ ?)';
  });
  const linkColumns = query.linkedTo ? (from === 'links' ? ', w.hidden_at, w.source' : ', l.hidden_at, l.source') : '';
  const page = pageSql(cursor, backwards);
  const sql = `
    with m as materialized (
      select c.id, c.sort_surname, c.sort_forename, c.date_of_birth${linkColumns}
      from ${source}
      cross join lateral (select c.id, c.sort_surname, c.sort_forename, c.date_of_birth from children c
        where c.tenant_id = w.tenant_id and c.id = w.child_id ${checks.join(' ')} limit 1) c
      limit ${COUNT_CAP + 1})
    select p.*, (select count(*) from m) as matched
    from (select 1) as one
    left join lateral (select * from m c where true ${page.where} ${page.order}) p on true`;
  const { rows } = (await trx.raw(sql, [...bindings, ...page.bindings])) as { rows: { id: string | null; hidden_at?: Date | null; source?: string; matched: string }[] };
  const found = rows.filter((r) => r.id);
  const children = await childrenByIds(found.map((r) => r.id!));
  return {
    rows: found.map((r) => ({ ...children.get(r.id!)!, ...(query.linkedTo ? { hidden_at: r.hidden_at ?? null, source: r.source as FoundChild['source'] } : {}) })),
    total: Number(rows[0]?.matched ?? 0),
  };
}

/**
 * Many matches, or no filter: the page read in name order from `children_sort`. With
 * `counted`, each row also carries the list's capped count (`matched`), computed once
 * in the same statement: one round trip instead of two.
 */
async function inNameOrder(trx: Knex.Transaction, query: ChildrenQuery, words: string[], cursor: string[] | undefined, backwards: boolean, counted = false): Promise<FoundChild[]> {
  const bindings: string[] = [];
  let count = '';
  if (counted) {
    const capped = cappedCountSql(query);
    count = `, (${capped.sql}) as matched`;
    bindings.push(...capped.bindings);
  }
  let link = '';
  if (query.linkedTo) {
    link = `join child_links l on l.tenant_id = c.tenant_id and l.child_id = c.id and l.account_id = ? and ${VIEW_CONDITION[query.linkedTo.view]}`;
    bindings.push(query.linkedTo.accountId);
  }
  const checks = words.map((word) => {
    bindings.push(word);
    return 'and exists (select 1 from child_search_tokens t where t.tenant_id = c.tenant_id and t.child_id = c.id and t.token ^@ ?)';
  });
  const page = pageSql(cursor, backwards);
  const { rows } = (await trx.raw(`select ${selectList(trx, query)}${count} from children c ${link} where true ${checks.join(' ')} ${page.where} ${page.order}`, [...bindings, ...page.bindings])) as {
    rows: FoundChild[];
  };
  return rows;
}

/** The statement counting the list's children without a filter, up to COUNT_CAP + 1. */
function cappedCountSql(query: ChildrenQuery): { sql: string; bindings: string[] } {
  return query.linkedTo
    ? { sql: `select count(*) from (select 1 from child_links l where l.account_id = ? and ${VIEW_CONDITION[query.linkedTo.view]} limit ${COUNT_CAP + 1}) x`, bindings: [query.linkedTo.accountId] }
    : { sql: `select count(*) from (select 1 from children limit ${COUNT_CAP + 1}) x`, bindings: [] };
}

/** How many children the list has without a filter, up to COUNT_CAP + 1. */
async function cappedCount(trx: Knex.Transaction, query: ChildrenQuery): Promise<number> {
  const { sql, bindings } = cappedCountSql(query);
  const { rows } = (await trx.raw(`select (${sql}) as n`, bindings)) as { rows: { n: string }[] };
  return Number(rows[0]?.n ?? 0);
}

/** One page of children, in name order (surname, forename, date of birth). */
export async function findChildren(query: ChildrenQuery): Promise<ChildrenPage> {
  const trx = await db();
  const words = filterWords(query.filter);
  const cursor = await positionOf(trx, query.after ?? query.before, query);
  const backwards = Boolean(cursor && query.before);
  if (words.length) {
    const fewLinks = query.linkedTo ? (await cappedCount(trx, query)) <= COUNT_CAP : false;
    const few = await fewMatches(trx, query, words, cursor, backwards, fewLinks ? 'links' : 'tokens');
    if (few.total <= COUNT_CAP) return pageFrom(few.rows, cursor, backwards, few.total);
  }
  if (words.length) return pageFrom(await inNameOrder(trx, query, words, cursor, backwards), cursor, backwards, COUNT_CAP + 1);
  // No filter: the page and the count in one statement; a page past the end has no row to carry the count.
  const rows = await inNameOrder(trx, query, words, cursor, backwards, true);
  const total = rows.length ? Number((rows[0] as FoundChild & { matched?: string }).matched ?? 0) : await cappedCount(trx, query);
  return pageFrom(rows, cursor, backwards, total);
}

/** A page from rows read from the cursor on (PAGE_SIZE + 1 of them, in reading order). */
function pageFrom(rows: FoundChild[], cursor: string[] | undefined, backwards: boolean, total: number): ChildrenPage {
  const beyond = rows.length > PAGE_SIZE;
  const read = rows.slice(0, PAGE_SIZE);
  if (backwards) read.reverse();
  const children = read.map((row) => {
    const { sort_surname: _s, sort_forename: _f, sort_date: _d, matched: _m, ...child } = row as FoundChild & Record<string, unknown>;
    return child as FoundChild;
  });
  const hasNext = backwards ? true : beyond;
  const hasPrevious = backwards ? beyond : Boolean(cursor);
  const first = children[0];
  const last = children.at(-1);
  return {
    children,
    total: Math.min(total, COUNT_CAP),
    more: total > COUNT_CAP,
    next: hasNext && last ? { after: last.id } : undefined,
    previous: hasPrevious && first ? { before: first.id } : undefined,
  };
}
