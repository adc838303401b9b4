import type { Knex } from 'knex';
import { countPerCouncil } from '../../platform/db/per-council.js';
import { db } from '../../platform/db/unit-of-work.js';
import { TenantModel } from '../../platform/db/model.js';
import type { AccountStatus, StaffRole } from '../../access/actor.js';
import { isUuid } from '../../platform/ids.js';

export type AccountKind = 'professional' | 'staff';
export type { AccountStatus } from '../../access/actor.js';

/** A professional's or a council staff member's account in one council (table `accounts`). */
export class Account extends TenantModel {
  static override tableName = 'accounts';
  static override idColumn = ['tenant_id', 'id'];

  tenant_id!: string;
  id!: string;
  kind!: AccountKind;
  email!: string;
  password_hash!: string;
  status!: AccountStatus;
  title!: string | null;
  forename!: string;
  surname!: string;
  gender!: string | null;
  two_step!: 'none' | 'email';
  preferred_language!: string;
  staff_roles!: StaffRole[];
  email_confirmed_at!: Date | null;
  verified_at!: Date | null;
  verified_by!: string | null;
  rejection_reason!: string | null;
  failed_sign_ins!: number;
  locked_until!: Date | null;
  sessions_valid_after!: Date;
  last_sign_in_at!: Date | null;
  closed_at!: Date | null;
  created_at!: Date;
  updated_at!: Date;

  get fullName(): string {
    return `${this.forename} ${this.surname}`;
  }

  /** Can sign in: confirmed, not rejected or closed. Awaiting verification may sign in but sees no services. */
  get canSignIn(): boolean {
    return this.status === 'active' || this.status === 'awaiting_verification';
  }
}

export const isAccountId = isUuid;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function findAccountByEmail(kind: AccountKind, email: string): Promise<Account | undefined> {
  return Account.query(await db()).findOne({ kind, email: normaliseEmail(email) });
}

export async function findAccount(id: string): Promise<Account | undefined> {
  if (!isAccountId(id)) return undefined;
  return Account.query(await db()).findOne({ id });
}

/** Locks the account's row for the rest of the unit of work (one change at a time). */
export async function lockAccount(id: string): Promise<Account | undefined> {
  if (!isAccountId(id)) return undefined;
  return Account.query(await db()).findOne({ id }).forUpdate();
}

export async function accountsByIds(ids: string[]): Promise<Account[]> {
  const valid = [...new Set(ids)].filter(isAccountId);
  if (!valid.length) return [];
  return Account.query(await db()).whereIn('id', valid);
}

export type NewAccount = Pick<Account, 'kind' | 'email' | 'password_hash' | 'status' | 'forename' | 'surname'> &
  Partial<Pick<Account, 'title' | 'gender' | 'preferred_language' | 'email_confirmed_at' | 'staff_roles' | 'two_step'>>;

/** A new account; undefined when the address is already registered for this kind of account. */
export async function insertAccount(values: NewAccount): Promise<Account | undefined> {
  const trx = await db();
  const rows: Account[] = await trx('accounts').insert(values).onConflict(['tenant_id', 'kind', 'email']).ignore().returning('*');
  return rows[0] ? Account.fromJson(rows[0], { skipValidation: true }) : undefined;
}

export type AccountChanges = Partial<
  Pick<
    Account,
    | 'email'
    | 'password_hash'
    | 'status'
    | 'title'
    | 'forename'
    | 'surname'
    | 'gender'
    | 'two_step'
    | 'staff_roles'
    | 'email_confirmed_at'
    | 'verified_at'
    | 'verified_by'
    | 'rejection_reason'
    | 'failed_sign_ins'
    | 'locked_until'
    | 'sessions_valid_after'
    | 'last_sign_in_at'
    | 'closed_at'
  >
>;

/** Changes an account; `where` narrows it further (e.g. only while it still awaits verification). Returns how many changed. */
export async function updateAccount(id: string, changes: AccountChanges, where: Partial<Pick<Account, 'kind' | 'status'>> = {}): Promise<number> {
  if (!isAccountId(id)) return 0;
  return Account.query(await db()).patch({ ...changes, updated_at: new Date() }).where({ ...where, id });
}

/** Professionals waiting for the council to verify their registration, oldest first. */
export async function awaitingVerification(): Promise<Account[]> {
  return Account.query(await db()).where({ kind: 'professional', status: 'awaiting_verification' }).orderBy('created_at');
}

export async function countAwaitingVerification(): Promise<number> {
  const row = await Account.query(await db()).where({ kind: 'professional', status: 'awaiting_verification' }).count({ count: '*' }).first();
  return Number((row as { count?: number } | undefined)?.count ?? 0);
}

/** An active professional by id or email (for the council linking them to a child). */
export async function findActiveProfessional(where: { id: string } | { email: string }): Promise<Account | undefined> {
  if ('id' in where && !isAccountId(where.id)) return undefined;
  const match = 'email' in where ? { email: normaliseEmail(where.email) } : where;
  return Account.query(await db()).findOne({ ...match, kind: 'professional', status: 'active' });
}

/** Active professionals whose email address or name contains the text (already lower-cased), at most `limit`. */
export async function searchProfessionals(term: string, limit: number): Promise<Account[]> {
  const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return Account.query(await db())
    .where({ kind: 'professional', status: 'active' })
    .where((q) =>
      q
        .whereRaw("lower(email) like ? escape '\\'", [like])
        .orWhereRaw("lower(forename || ' ' || surname) like ? escape '\\'", [like])
        .orWhereRaw("lower(surname || ' ' || forename) like ? escape '\\'", [like]),
    )
    .orderByRaw('lower(surname), lower(forename), id')
    .limit(limit);
}

/** A council's staff accounts, by name. */
export async function staffAccounts(): Promise<Account[]> {
  return Account.query(await db()).where({ kind: 'staff' }).orderBy(['surname', 'forename']);
}

/** Professionals (active or awaiting verification) of every council, for the platform console (platform role). */
export function professionalsPerCouncil(platform: Knex): Promise<Map<string, number>> {
  return countPerCouncil(platform('accounts').where('kind', 'professional').whereIn('status', ['active', 'awaiting_verification']));
}
