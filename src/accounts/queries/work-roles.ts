import { db } from '../../platform/db/unit-of-work.js';
import { TenantModel } from '../../platform/db/model.js';
import { isAccountId } from './accounts.js';

/** One of a professional's roles, with its organisation, work address and phones (table `work_roles`). */
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
  created_at!: Date;
}

export type WorkRoleColumns = Omit<Partial<WorkRole>, 'tenant_id' | 'id' | 'account_id' | 'created_at' | keyof TenantModel>;

/** A professional's roles, oldest first. */
export async function rolesOf(accountId: string): Promise<WorkRole[]> {
  return WorkRole.query(await db()).where({ account_id: accountId }).orderBy('created_at');
}

/** The roles of several professionals, oldest first. */
export async function rolesOfAccounts(accountIds: string[]): Promise<WorkRole[]> {
  if (!accountIds.length) return [];
  return WorkRole.query(await db()).whereIn('account_id', accountIds).orderBy('created_at');
}

/** One role, only if it is this professional's. */
export async function roleOf(accountId: string, id: unknown): Promise<WorkRole | undefined> {
  if (!isAccountId(id)) return undefined;
  return WorkRole.query(await db()).findOne({ id, account_id: accountId });
}

export async function insertRole(accountId: string, columns: WorkRoleColumns): Promise<WorkRole> {
  return WorkRole.query(await db()).insertAndFetch({ ...columns, account_id: accountId });
}

export async function updateRole(accountId: string, id: string, columns: WorkRoleColumns): Promise<void> {
  await (await db())('work_roles').where({ id, account_id: accountId }).update({ ...columns, updated_at: new Date() });
}

export async function deleteRole(accountId: string, id: string): Promise<void> {
  await WorkRole.query(await db()).delete().where({ id, account_id: accountId });
}
