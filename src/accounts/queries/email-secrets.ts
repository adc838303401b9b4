import { createHash, randomBytes, randomInt } from 'node:crypto';
import { db } from '../../platform/db/unit-of-work.js';

export type SecretPurpose = 'confirm-email' | 'sign-in' | 'reset-password' | 'register' | 'change-email' | 'staff-sign-in' | 'close-account';

export const MAX_CODE_ATTEMPTS = 5;

const digest = (value: string) => createHash('sha256').update(value).digest('hex');
const codeHash = (email: string, purpose: string, code: string) => digest(`${purpose}:${email}:${code}`);

interface Issue {
  purpose: SecretPurpose;
  email: string;
  accountId?: string;
  payload?: Record<string, unknown>;
  lifetimeMinutes: number;
}

async function store(issue: Issue, secretHash: string): Promise<string> {
  const trx = await db();
  // Only the newest code or link works: every earlier live one is replaced.
  await trx('email_secrets')
    .where({ purpose: issue.purpose, email: issue.email })
    .whereNull('used_at')
    .whereNull('replaced_at')
    .update({ replaced_at: new Date() });
  const [row] = await trx('email_secrets')
    .insert({
      purpose: issue.purpose,
      email: issue.email,
      account_id: issue.accountId ?? null,
      secret_hash: secretHash,
      payload: issue.payload ?? {},
      expires_at: new Date(Date.now() + issue.lifetimeMinutes * 60_000),
    })
    .returning('id');
  return row.id;
}

/** A new 6-digit code for `email` and `purpose`; only its hash is kept. */
export async function issueCode(issue: Issue): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await store(issue, codeHash(issue.email, issue.purpose, code));
  return code;
}

/** A new single-use link token; only its hash is kept. */
export async function issueLinkToken(issue: Issue): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await store(issue, digest(token));
  return token;
}

export interface SecretRow {
  id: string;
  account_id: string | null;
  email: string;
  purpose: SecretPurpose;
  payload: Record<string, unknown>;
  attempts: number;
  expires_at: Date;
  used_at: Date | null;
  replaced_at: Date | null;
}

export type CodeCheck =
  | { ok: true; secret: SecretRow }
  | { ok: false; problem: 'wrong' | 'expired' | 'tooManyAttempts' | 'none'; attemptsLeft?: number };

/**
 * Checks a code against the newest live one for `email` and `purpose`, and uses it
 * up when right. Wrong tries count; after five a new code is needed.
 */
export async function useCode(purpose: SecretPurpose, email: string, code: string): Promise<CodeCheck> {
  const trx = await db();
  const secret: (SecretRow & { secret_hash: string }) | undefined = await trx('email_secrets')
    .where({ purpose, email })
    .whereNull('used_at')
    .whereNull('replaced_at')
    .orderBy('created_at', 'desc')
    .forUpdate()
    .first();
  if (!secret) return { ok: false, problem: 'none' };
  if (secret.attempts >= MAX_CODE_ATTEMPTS) return { ok: false, problem: 'tooManyAttempts' };
  if (secret.expires_at.getTime() <= Date.now()) return { ok: false, problem: 'expired' };
  const cleaned = code.replace(/\s+/g, '');
  if (codeHash(email, purpose, cleaned) !== secret.secret_hash) {
    const attempts = secret.attempts + 1;
    await trx('email_secrets').where({ id: secret.id }).update({ attempts });
    if (attempts >= MAX_CODE_ATTEMPTS) return { ok: false, problem: 'tooManyAttempts' };
    return { ok: false, problem: 'wrong', attemptsLeft: MAX_CODE_ATTEMPTS - attempts };
  }
  await trx('email_secrets').where({ id: secret.id }).update({ used_at: new Date() });
  return { ok: true, secret };
}

export type LinkCheck = { ok: true; secret: SecretRow } | { ok: false; problem: 'unknown' | 'expired' | 'used'; secret?: SecretRow };

/** Uses a link token once. An expired, replaced or used link says which, so the page can explain. */
export async function useLinkToken(purpose: SecretPurpose, token: string): Promise<LinkCheck> {
  const trx = await db();
  const secret: SecretRow | undefined = await trx('email_secrets').where({ purpose, secret_hash: digest(token) }).forUpdate().first();
  if (!secret) return { ok: false, problem: 'unknown' };
  if (secret.used_at) return { ok: false, problem: 'used', secret };
  if (secret.replaced_at || secret.expires_at.getTime() <= Date.now()) return { ok: false, problem: 'expired', secret };
  await trx('email_secrets').where({ id: secret.id }).update({ used_at: new Date() });
  return { ok: true, secret };
}

/** When the newest secret for this email and purpose was sent, to limit "send a new code". */
export async function lastIssuedAt(purpose: SecretPurpose, email: string): Promise<Date | undefined> {
  const row = await (await db())('email_secrets').where({ purpose, email }).orderBy('created_at', 'desc').first('created_at');
  return row?.created_at;
}

/** Makes every live secret of this purpose for the account stop working (e.g. a change of email started again). */
export async function replaceLiveSecrets(purpose: SecretPurpose, accountId: string): Promise<void> {
  await (await db())('email_secrets').where({ purpose, account_id: accountId }).whereNull('used_at').whereNull('replaced_at').update({ replaced_at: new Date() });
}
