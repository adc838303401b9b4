import { accountsByIds, findActiveProfessional, searchProfessionals, type Account } from './queries/accounts.js';
import { roleOf, rolesOf, rolesOfAccounts, type WorkRole } from './queries/work-roles.js';

/**
 * What other domains may ask about accounts (the back office, forms, people):
 * plain summaries, never account rows or password hashes.
 */

export interface ProfessionalSummary {
  accountId: string;
  forename: string;
  surname: string;
  name: string;
  email: string;
  /** The language they use the portal in (for emails sent to them). */
  language: string;
  active: boolean;
  /** "Role, Organisation" for each of their work roles. */
  organisations: string[];
}

/** A work role as forms and the back office show it. */
export type WorkRoleDetails = Pick<
  WorkRole,
  'id' | 'role' | 'organisation' | 'house_number' | 'house_name' | 'building_name' | 'street' | 'district' | 'town' | 'county' | 'postcode' | 'country' | 'mobile' | 'work_phone'
>;

const MAX_FOUND = 25;

function summary(account: Account, roles: WorkRole[]): ProfessionalSummary {
  return {
    accountId: account.id,
    forename: account.forename,
    surname: account.surname,
    name: account.fullName,
    email: account.email,
    language: account.preferred_language,
    active: account.status === 'active',
    organisations: roles.filter((r) => r.account_id === account.id).map((r) => `${r.role}, ${r.organisation}`),
  };
}

/** Summaries of these accounts, by id (unknown ids are left out). */
export async function professionalSummaries(ids: string[]): Promise<Map<string, ProfessionalSummary>> {
  const accounts = await accountsByIds(ids);
  const roles = await rolesOfAccounts(accounts.map((a) => a.id));
  return new Map(accounts.map((a) => [a.id, summary(a, roles)]));
}

/** Active professionals whose email address or name contains the text. */
export async function findProfessionals(text: string): Promise<ProfessionalSummary[]> {
  const term = text.trim().toLowerCase().replace(/\s+/g, ' ').slice(0, 200);
  if (!term) return [];
  const accounts = await searchProfessionals(term, MAX_FOUND);
  const roles = await rolesOfAccounts(accounts.map((a) => a.id));
  return accounts.map((a) => summary(a, roles));
}

/** An active professional, by id or by email address. */
export async function activeProfessional(by: { id: string } | { email: string }): Promise<ProfessionalSummary | undefined> {
  const account = await findActiveProfessional(by);
  return account ? summary(account, await rolesOf(account.id)) : undefined;
}

/** A professional's work roles, oldest first. */
export const workRolesOf = (accountId: string): Promise<WorkRoleDetails[]> => rolesOf(accountId);

/** One of a professional's work roles, only if it is theirs. */
export const workRoleOf = (accountId: string, roleId: unknown): Promise<WorkRoleDetails | undefined> => roleOf(accountId, roleId);

/** Full names of these accounts (a member of staff who shared a document…), by id; unknown ids are left out. */
export async function accountNames(ids: string[]): Promise<Map<string, string>> {
  return new Map((await accountsByIds(ids)).map((a) => [a.id, a.fullName]));
}
