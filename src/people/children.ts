import type { Knex } from 'knex';
import { formatAddress, fromAddressColumns, toAddressColumns } from '../accounts/addresses/format.js';
import { audit } from '../platform/audit.js';
import { db } from '../platform/db/unit-of-work.js';
import { isUuid } from '../platform/ids.js';

/**
 * Children and young people, and the links that let a professional see one:
 * a child they added, or one the council linked to them ("authenticated").
 * Other domains use these functions, never the tables.
 */

/** A row of `children` (the date of birth as `YYYY-MM-DD`, never shifted by a time zone). */
export interface Child {
  tenant_id: string;
  id: string;
  forename: string;
  surname: string;
  date_of_birth: string;
  gender: string | null;
  house_number: string | null;
  house_name: string | null;
  building_name: string | null;
  street: string | null;
  district: string | null;
  town: string | null;
  county: string | null;
  postcode: string | null;
  country: string | null;
  uprn: number | null;
  school: string | null;
  created_by_account: string | null;
  created_by_staff: string | null;
  created_at: Date;
  updated_at: Date;
}

export type LinkSource = 'added' | 'council';

/** The columns of a Child, read from `children` as `c`. */
const CHILD_COLUMNS = [
  'c.tenant_id',
  'c.id',
  'c.forename',
  'c.surname',
  "to_char(c.date_of_birth, 'YYYY-MM-DD') as date_of_birth",
  'c.gender',
  'c.house_number',
  'c.house_name',
  'c.building_name',
  'c.street',
  'c.district',
  'c.town',
  'c.county',
  'c.postcode',
  'c.country',
  'c.uprn',
  'c.school',
  'c.created_by_account',
  'c.created_by_staff',
  'c.created_at',
  'c.updated_at',
];


/** Whether a value from a URL or form can be a child's id (anything else finds nothing, never a database error). */
export const isId = isUuid;

/** Select list for knex: the Child columns, the date one as raw SQL. */
export function childColumns(trx: Knex.Transaction): (string | Knex.Raw)[] {
  return CHILD_COLUMNS.map((c) => (c.includes(' as ') ? trx.raw(c) : c));
}

/** How stale `last_used_at` may get before choosing the child writes it again ("Recent 18 months" needs no finer grain). */
const LAST_USED_GRAIN = "interval '1 hour'";

/**
 * The child, only if linked to this professional (hidden or not); undefined otherwise
 * (callers answer 404). Choosing a child counts as using it: `last_used_at` is
 * brought up to date (written only when it is more than an hour old).
 */
export async function findChildForProfessional(accountId: string, childId: string): Promise<Child | undefined> {
  if (!isId(childId) || !isId(accountId)) return undefined;
  const trx = await db();
  const row: (Child & { stale: boolean }) | undefined = await trx('children as c')
    .join('child_links as l', (j) => j.on('l.tenant_id', 'c.tenant_id').andOn('l.child_id', 'c.id'))
    .where({ 'l.account_id': accountId, 'c.id': childId })
    .first([...childColumns(trx), trx.raw(`l.last_used_at is null or l.last_used_at < now() - ${LAST_USED_GRAIN} as stale`)]);
  if (!row) return undefined;
  const { stale, ...child } = row;
  if (stale) await trx('child_links').where({ account_id: accountId, child_id: childId }).update({ last_used_at: trx.fn.now() });
  return child;
}

/** One child of the council by id, whoever it is linked to (for the council's own staff). */
export async function findChild(childId: string): Promise<Child | undefined> {
  if (!isId(childId)) return undefined;
  const trx = await db();
  return trx('children as c').where({ 'c.id': childId }).first(childColumns(trx));
}

/** Children of the council by id (for lists of forms about them). */
export async function childrenByIds(ids: string[]): Promise<Map<string, Child>> {
  const valid = [...new Set(ids)].filter(isId);
  if (!valid.length) return new Map();
  const trx = await db();
  const rows: Child[] = await trx('children as c').whereIn('c.id', valid).select(childColumns(trx));
  return new Map(rows.map((c) => [c.id, c]));
}

/** "Apple, August". */
export function childDisplayName(child: Pick<Child, 'forename' | 'surname'>): string {
  return `${child.surname}, ${child.forename}`;
}

/** "21/08/2014" from the stored `2014-08-21`. */
export function formatDateOfBirth(child: Pick<Child, 'date_of_birth'>): string {
  const [year, month, day] = String(child.date_of_birth).slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

/** "New Parks House, Pindar Road, Leicester, LE3 9RN" (empty when no address is known). */
export function formatChildAddress(child: Parameters<typeof fromAddressColumns>[0]): string {
  return formatAddress(fromAddressColumns(child));
}

/** What a professional or the council gives to create a child's record. */
export interface NewChild {
  forename: string;
  surname: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  gender: string | null;
  address: ReturnType<typeof toAddressColumns>;
  school: string | null;
}

/**
 * Creates a child's record in the current (request) transaction. Added by a professional:
 * linked to them at once (source 'added'). Added by staff: linked to nobody yet.
 */
export async function createChild(details: NewChild, by: { accountId: string } | { staffId: string }): Promise<Child> {
  const trx = await db();
  const [row] = await trx('children')
    .insert({
      forename: details.forename,
      surname: details.surname,
      date_of_birth: details.dateOfBirth,
      gender: details.gender,
      ...details.address,
      school: details.school,
      created_by_account: 'accountId' in by ? by.accountId : null,
      created_by_staff: 'staffId' in by ? by.staffId : null,
    })
    .returning('id');
  const id = row.id as string;
  if ('accountId' in by) await linkChild(id, by.accountId, 'added');
  await audit('child.added', { subjectType: 'child', subjectId: id, details: { by: 'accountId' in by ? 'professional' : 'staff' } });
  return (await findChild(id))!;
}

/** The fields of a child's record a professional may change, and their columns. */
const EDITABLE: Record<string, (d: NewChild) => unknown> = {
  forename: (d) => d.forename,
  surname: (d) => d.surname,
  date_of_birth: (d) => d.dateOfBirth,
  gender: (d) => d.gender,
  school: (d) => d.school,
  ...Object.fromEntries(['house_number', 'house_name', 'building_name', 'street', 'district', 'town', 'county', 'postcode', 'country', 'uprn'].map((c) => [c, (d: NewChild) => (d.address as Record<string, unknown>)[c] ?? null])),
};

/**
 * Changes a child's details (name, date of birth, gender, address, school) for everyone
 * who sees the record, the council included; audited with the fields that changed
 * (their old and new values). Returns the names of the changed fields (none: nothing written).
 */
export async function updateChild(child: Child, details: NewChild, by: { accountId: string }): Promise<string[]> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const current = new Map<string, unknown>(Object.entries(child));
  for (const [column, value] of Object.entries(EDITABLE)) {
    const from = current.get(column) ?? null;
    const to = value(details) ?? null;
    if (String(from ?? '') !== String(to ?? '')) changes[column] = { from, to };
  }
  const changed = Object.keys(changes);
  if (!changed.length) return [];
  const trx = await db();
  await trx('children')
    .where({ id: child.id })
    .update({ ...Object.fromEntries(changed.map((c) => [c, changes[c]!.to])), updated_at: trx.fn.now() });
  await audit('child.details-changed', { subjectType: 'child', subjectId: child.id, details: { by: 'professional', accountId: by.accountId, changes } });
  return changed;
}

/**
 * Links a professional to a child so it appears in their Select Person list.
 * A council link "authenticates" an existing one (its source becomes 'council')
 * and shows the child again if the professional had hidden it.
 */
export async function linkChild(childId: string, accountId: string, source: LinkSource, staffId?: string): Promise<void> {
  const trx = await db();
  await trx('child_links')
    .insert({ child_id: childId, account_id: accountId, source, linked_by_staff: staffId ?? null })
    .onConflict(['tenant_id', 'account_id', 'child_id'])
    .merge({
      source: trx.raw("case when excluded.source = 'council' then 'council' else child_links.source end"),
      linked_by_staff: trx.raw('coalesce(excluded.linked_by_staff, child_links.linked_by_staff)'),
      hidden_at: source === 'council' ? null : trx.raw('child_links.hidden_at'),
    });
  await audit('child.linked', { subjectType: 'child', subjectId: childId, details: { accountId, source } });
}

/** The children linked to a professional with the same name and date of birth (case-insensitive). */
export async function findSameChild(accountId: string, forename: string, surname: string, dateOfBirth: string): Promise<Child[]> {
  const trx = await db();
  return trx('children as c')
    .join('child_links as l', (j) => j.on('l.tenant_id', 'c.tenant_id').andOn('l.child_id', 'c.id'))
    .where('l.account_id', accountId)
    .where('c.date_of_birth', dateOfBirth)
    .whereRaw('lower(c.forename) = lower(?) and lower(c.surname) = lower(?)', [forename, surname])
    .orderBy('c.created_at')
    .select(childColumns(trx));
}

/** Children of the council with this name and date of birth (case-insensitive): a possible duplicate. */
export async function findSameChildInCouncil(forename: string, surname: string, dateOfBirth: string): Promise<Child[]> {
  const trx = await db();
  return trx('children as c')
    .where('c.date_of_birth', dateOfBirth)
    .whereRaw('lower(c.forename) = lower(?) and lower(c.surname) = lower(?)', [forename, surname])
    .orderBy('c.created_at')
    .select(childColumns(trx));
}

/** Who can see a child in their Select Person list, and how they came to (for the council's child page). */
export interface ChildLink {
  accountId: string;
  source: LinkSource;
  linkedAt: Date;
}

export async function linksOfChild(childId: string): Promise<ChildLink[]> {
  if (!isId(childId)) return [];
  const rows: { account_id: string; source: LinkSource; created_at: Date }[] = await (await db())('child_links').where({ child_id: childId }).select('account_id', 'source', 'created_at');
  return rows.map((r) => ({ accountId: r.account_id, source: r.source, linkedAt: r.created_at }));
}

/** Whether the professional can see this child (for pages about a child that belong to other domains). */
export async function isLinked(accountId: string, childId: string): Promise<boolean> {
  if (!isId(accountId) || !isId(childId)) return false;
  return (await (await db())('child_links').where({ account_id: accountId, child_id: childId }).first('child_id')) !== undefined;
}

/**
 * Takes away a link the council made. A professional who added the child
 * themselves keeps their own link (it goes back to "added by the professional").
 * False when there is no council link to take away.
 */
export async function unlinkCouncilLink(child: Child, accountId: string): Promise<boolean> {
  if (!isId(accountId)) return false;
  const trx = await db();
  const link = trx('child_links').where({ child_id: child.id, account_id: accountId, source: 'council' });
  const changed = child.created_by_account === accountId ? await link.update({ source: 'added', linked_by_staff: null }) : await link.delete();
  return changed > 0;
}

/** Holds the child's record until the unit of work ends, so it cannot be deleted meanwhile (e.g. while a form about it is submitted). */
export async function holdChild(childId: string): Promise<void> {
  await (await db())('children').where({ id: childId }).forShare().first('id');
}
