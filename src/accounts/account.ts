import { TenantModel } from '../platform/db/model.js';

export type AccountKind = 'professional' | 'staff';
export type AccountStatus = 'unconfirmed' | 'awaiting_verification' | 'active' | 'rejected' | 'closed';

/** A professional's or a council staff member's account in one council. */
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

/** One of a professional's roles, with its organisation, work address and phones. */
export class WorkRole extends TenantModel {
  static override tableName = 'work_roles';
  static override idColumn = ['tenant_id', 'id'];

  tenant_id!: string;
  id!: string;
  account_id!: string;
  role!: string;
  organisation!: string;
  house_number!: string | null;
  house_name!: string | null;
  building_name!: string | null;
  street!: string | null;
  district!: string | null;
  town!: string | null;
  county!: string | null;
  postcode!: string | null;
  country!: string | null;
  uprn!: number | null;
  mobile!: string | null;
  work_phone!: string | null;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function findAccountByEmail(kind: AccountKind, email: string) {
  return Account.query().findOne({ kind, email: normaliseEmail(email) });
}

export function findAccount(id: string) {
  return Account.query().findOne({ id });
}
