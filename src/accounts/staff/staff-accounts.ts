import { randomInt } from 'node:crypto';
import type { Knex } from 'knex';
import { STAFF_ROLES, type StaffRole } from '../../access/actor.js';
import { audit } from '../../platform/audit.js';
import { inTenant } from '../../platform/db/unit-of-work.js';
import { reset } from '../../platform/rate-limit.js';
import { findTenantBySlug } from '../../tenancy/find.js';
import type { Tenant } from '../../tenancy/schema.js';
import { STAFF_LIMITS } from '../limits.js';
import { brokenRules, hashPassword } from '../passwords.js';
import { findAccountByEmail, insertAccount, lockAccount, normaliseEmail, updateAccount } from '../queries/accounts.js';

export interface StaffAccountInput {
  /** The council's slug, as in tenants/<slug>/tenant.json. */
  tenant: string;
  email: string;
  forename?: string;
  surname?: string;
  /** A chosen password; otherwise a one-time password is generated. */
  password?: string;
  /** Reset an existing staff account (new password, unlocked, signed out everywhere) instead of refusing it. */
  reset?: boolean;
  /** What the staff member may do in the back office (every role when not given). */
  roles?: StaffRole[];
}

export interface StaffAccountResult {
  tenant: Tenant;
  accountId: string;
  email: string;
  forename: string;
  surname: string;
  password: string;
  /** True when the password was generated here (show it once). */
  generated: boolean;
  action: 'created' | 'reset';
}

/** A problem with the request, worded for the person running the command or the admin console. */
export class StaffAccountError extends Error {}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SPECIAL = '-_!#%+=?';

const pick = (set: string) => set[randomInt(set.length)]!;

/** A random password of 20 characters that meets the council's policy (no look-alike characters). */
export function generatePassword(tenant: Tenant, email: string): string {
  const policy = tenant.passwordPolicy;
  const length = Math.min(Math.max(20, policy.minLength), policy.maxLength);
  for (;;) {
    const chars = [
      ...Array.from({ length: policy.minDigits }, () => pick(DIGITS)),
      ...Array.from({ length: policy.minLower }, () => pick(LOWER)),
      ...Array.from({ length: policy.minUpper }, () => pick(UPPER)),
      ...Array.from({ length: policy.minSpecial }, () => pick(SPECIAL)),
    ];
    const all = LOWER + UPPER + DIGITS + SPECIAL;
    while (chars.length < length) chars.push(pick(all));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const password = chars.join('');
    if (brokenRules(policy, password, email).length === 0) return password;
  }
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** "jane.smith@council.example" → Jane / Smith, when no name is given. */
function namesFromEmail(email: string): { forename: string; surname: string } {
  const parts = email.split('@')[0]!.split(/[._-]+/).filter(Boolean).map(capitalise);
  return { forename: parts[0] ?? 'Staff', surname: parts.slice(1).join(' ') || 'Staff' };
}

/**
 * Creates a council staff account (or, with `reset`, resets one): kind 'staff',
 * active, email confirmed, a code by email at every sign-in, with the roles given
 * (every role by default). Runs in the council's unit of work on the platform
 * role (under the council's row-level security) and is audited with the platform
 * as actor. Used by `npm run staff:create` and by the tests.
 */
export async function createStaffAccount(platform: Knex, input: StaffAccountInput): Promise<StaffAccountResult> {
  const email = normaliseEmail(input.email);
  if (!EMAIL.test(email)) throw new StaffAccountError(`"${input.email}" is not an email address`);
  const { tenant, known } = await findTenantBySlug(platform, input.tenant);
  if (!tenant) throw new StaffAccountError(`There is no council "${input.tenant}". Councils: ${known.join(', ')}`);
  const roles = input.roles ?? [...STAFF_ROLES];
  const generated = input.password === undefined;
  const password = input.password ?? generatePassword(tenant, email);
  const broken = brokenRules(tenant.passwordPolicy, password, email);
  if (broken.length) throw new StaffAccountError(`The password does not meet the council's policy (${broken.join(', ')})`);
  const names = namesFromEmail(email);
  const passwordHash = await hashPassword(password);

  return inTenant(platform, tenant.id, async () => {
    const existing = await findAccountByEmail('staff', email);
    if (existing && !input.reset) throw new StaffAccountError(`${email} already has a staff account in ${tenant.slug} (use --reset to give it a new password)`);
    const forename = input.forename?.trim() || existing?.forename || names.forename;
    const surname = input.surname?.trim() || existing?.surname || names.surname;
    const now = new Date();
    let accountId: string;
    if (existing) {
      accountId = existing.id;
      await lockAccount(accountId);
      await updateAccount(accountId, {
        password_hash: passwordHash,
        status: 'active',
        forename,
        surname,
        ...(input.roles ? { staff_roles: input.roles } : {}),
        failed_sign_ins: 0,
        locked_until: null,
        closed_at: null,
        sessions_valid_after: now,
      });
      await reset(STAFF_LIMITS.signInFailures, email);
    } else {
      const created = await insertAccount({ kind: 'staff', email, password_hash: passwordHash, status: 'active', forename, surname, two_step: 'email', email_confirmed_at: now, staff_roles: roles });
      if (!created) throw new StaffAccountError(`${email} already has a staff account in ${tenant.slug}`);
      accountId = created.id;
    }
    const action = existing ? 'reset' : 'created';
    await audit(`staff.${action}`, { actor: { type: 'platform' }, subjectType: 'account', subjectId: accountId, details: { email, generatedPassword: generated, roles } });
    return { tenant, accountId, email, forename, surname, password, generated, action };
  });
}
