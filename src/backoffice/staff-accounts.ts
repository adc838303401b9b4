import { randomInt } from 'node:crypto';
import type { Knex } from 'knex';
import { normaliseEmail } from '../accounts/account.js';
import { brokenRules, hashPassword } from '../accounts/passwords.js';
import { tenantSchema, type Tenant } from '../tenancy/schema.js';
import { SIGN_IN_FAILURES } from './lockout.js';

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

async function findTenant(platform: Knex, slug: string): Promise<Tenant> {
  const row: { id: string; config: unknown } | undefined = await platform('tenants').where({ slug, active: true }).first('id', 'config');
  if (!row) {
    const known: { slug: string }[] = await platform('tenants').where({ active: true }).orderBy('slug').select('slug');
    throw new StaffAccountError(`There is no council "${slug}". Councils: ${known.map((k) => k.slug).join(', ')}`);
  }
  return { ...tenantSchema.parse(row.config), id: row.id };
}

/**
 * Creates a council staff account (or, with `reset`, resets one) through the
 * platform role: kind 'staff', active, email confirmed, a code by email at every
 * sign-in. Every write names its tenant explicitly; the change is audited with
 * the platform as actor. Used by `npm run staff:create` and by the tests.
 */
export async function createStaffAccount(platform: Knex, input: StaffAccountInput): Promise<StaffAccountResult> {
  const email = normaliseEmail(input.email);
  if (!EMAIL.test(email)) throw new StaffAccountError(`"${input.email}" is not an email address`);
  const tenant = await findTenant(platform, input.tenant);
  const generated = input.password === undefined;
  const password = input.password ?? generatePassword(tenant, email);
  const broken = brokenRules(tenant.passwordPolicy, password, email);
  if (broken.length) throw new StaffAccountError(`The password does not meet the council's policy (${broken.join(', ')})`);
  const names = namesFromEmail(email);
  const forename = input.forename?.trim() || names.forename;
  const surname = input.surname?.trim() || names.surname;
  const passwordHash = await hashPassword(password);

  return platform.transaction(async (trx) => {
    const tenantId = tenant.id;
    const existing: { id: string; forename: string; surname: string } | undefined = await trx('accounts')
      .where({ tenant_id: tenantId, kind: 'staff', email })
      .forUpdate()
      .first('id', 'forename', 'surname');
    if (existing && !input.reset) throw new StaffAccountError(`${email} already has a staff account in ${tenant.slug} (use --reset to give it a new password)`);
    const now = new Date();
    let accountId: string;
    if (existing) {
      accountId = existing.id;
      await trx('accounts')
        .where({ tenant_id: tenantId, id: accountId })
        .update({
          password_hash: passwordHash,
          status: 'active',
          forename: input.forename?.trim() || existing.forename,
          surname: input.surname?.trim() || existing.surname,
          failed_sign_ins: 0,
          locked_until: null,
          closed_at: null,
          sessions_valid_after: now,
          updated_at: now,
        });
      await trx('rate_limits').where({ tenant_id: tenantId, bucket: SIGN_IN_FAILURES.bucket, key: email }).delete();
    } else {
      const [row] = await trx('accounts')
        .insert({
          tenant_id: tenantId,
          kind: 'staff',
          email,
          password_hash: passwordHash,
          status: 'active',
          forename,
          surname,
          two_step: 'email',
          email_confirmed_at: now,
        })
        .returning('id');
      accountId = row.id;
    }
    const action = existing ? 'reset' : 'created';
    await trx('audit_log').insert({
      tenant_id: tenantId,
      actor_type: 'platform',
      action: `staff.${action}`,
      subject_type: 'account',
      subject_id: accountId,
      details: { email, generatedPassword: generated },
    });
    return {
      tenant,
      accountId,
      email,
      forename: existing ? input.forename?.trim() || existing.forename : forename,
      surname: existing ? input.surname?.trim() || existing.surname : surname,
      password,
      generated,
      action,
    };
  });
}
