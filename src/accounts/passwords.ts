import { hash, verify, Algorithm } from '@node-rs/argon2';
import type { TenantConfig } from '../tenancy/schema.js';

type Policy = TenantConfig['passwordPolicy'];

/** argon2id with the OWASP-recommended minimum cost (19 MiB, 2 passes). */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when no account matches keeps the timing the same either way.
const decoy = hash('no account has this password', OPTIONS);
export async function verifyAgainstDecoy(password: string): Promise<false> {
  await verifyPassword(await decoy, password);
  return false;
}

export type PasswordRule = 'length' | 'digits' | 'lower' | 'upper' | 'special' | 'notEmail';

/** The rules of a council's policy that apply, each with its number, for the checklist. */
export function policyRules(policy: Policy): { rule: PasswordRule; count: number; max?: number }[] {
  const rules: { rule: PasswordRule; count: number; max?: number }[] = [{ rule: 'length', count: policy.minLength, max: policy.maxLength }];
  if (policy.minDigits) rules.push({ rule: 'digits', count: policy.minDigits });
  if (policy.minLower) rules.push({ rule: 'lower', count: policy.minLower });
  if (policy.minUpper) rules.push({ rule: 'upper', count: policy.minUpper });
  if (policy.minSpecial) rules.push({ rule: 'special', count: policy.minSpecial });
  if (policy.notEqualToEmail) rules.push({ rule: 'notEmail', count: 0 });
  return rules;
}

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

/** The rules a password breaks; empty when it meets the policy. The browser checklist mirrors this. */
export function brokenRules(policy: Policy, password: string, email = ''): PasswordRule[] {
  const broken: PasswordRule[] = [];
  const length = [...password].length;
  if (length < policy.minLength || length > policy.maxLength) broken.push('length');
  if (count(password, /\p{Nd}/gu) < policy.minDigits) broken.push('digits');
  if (count(password, /\p{Ll}/gu) < policy.minLower) broken.push('lower');
  if (count(password, /\p{Lu}/gu) < policy.minUpper) broken.push('upper');
  if (count(password, /[^\p{L}\p{Nd}]/gu) < policy.minSpecial) broken.push('special');
  if (policy.notEqualToEmail && email && password.trim().toLowerCase() === email.trim().toLowerCase()) broken.push('notEmail');
  return broken;
}
