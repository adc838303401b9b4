import { ukTime } from '../../i18n/dates.js';
import type Koa from 'koa';
import type { PendingSignIn } from '../../access/session.js';
import { audit } from '../../platform/audit.js';
import { queueEmail } from '../../platform/mail/outbox.js';
import { count, hits, reset, windowEnd } from '../../platform/rate-limit.js';
import { commit } from '../../platform/db/unit-of-work.js';
import { STAFF_LIMITS } from '../limits.js';
import { verifyAgainstDecoy, verifyPassword } from '../passwords.js';
import { findAccount, findAccountByEmail, normaliseEmail, updateAccount, type Account } from '../queries/accounts.js';
import { issueCode, useCode, type CodeCheck } from '../queries/email-secrets.js';

/**
 * Council staff sign in with their password and then, every time, a 6-digit
 * code sent to their email.
 */
export const STAFF_CODE_PURPOSE = 'staff-sign-in' as const;

/** A pending sign-in lasts this long; after it, the person starts again with their password. */
const PENDING_MINUTES = 30;

export function pendingSignIn(ctx: Koa.Context): PendingSignIn | undefined {
  const pending = ctx.session?.staffSignIn;
  if (!pending || Date.now() - pending.startedAt > PENDING_MINUTES * 60_000) return undefined;
  return pending;
}

export function forgetPendingSignIn(ctx: Koa.Context): void {
  if (ctx.session) delete ctx.session.staffSignIn;
}

export type PasswordCheck = { ok: true; account: Account } | { ok: false; pausedUntil?: Date };

const FAILURES = STAFF_LIMITS.signInFailures;

/**
 * Checks an email address and password for a staff account. Unknown addresses,
 * wrong passwords and closed accounts take the same time and give the same
 * answer; repeated failures pause sign-in for the address, known or not.
 * argon2 runs with no transaction open.
 */
export async function checkStaffPassword(emailTyped: string, password: string): Promise<PasswordCheck> {
  const email = normaliseEmail(emailTyped);
  const paused = (await hits(FAILURES, email)) >= FAILURES.max;
  const account = paused ? undefined : await findAccountByEmail('staff', email);
  await commit();
  if (paused) {
    await verifyAgainstDecoy(password);
    await audit('staff.sign-in-failed', { details: { email, reason: 'paused' } });
    return { ok: false, pausedUntil: windowEnd(FAILURES) };
  }
  const right = account ? await verifyPassword(account.password_hash, password) : await verifyAgainstDecoy(password);
  if (account && right && account.status === 'active') return { ok: true, account };

  const pausedNow = (await count(FAILURES, email)) >= FAILURES.max ? windowEnd(FAILURES) : undefined;
  const reason = !account ? 'unknown-email' : right ? `status-${account.status}` : 'wrong-password';
  if (account) await updateAccount(account.id, { failed_sign_ins: account.failed_sign_ins + 1, ...(pausedNow ? { locked_until: pausedNow } : {}) });
  await audit('staff.sign-in-failed', { subjectType: account ? 'account' : undefined, subjectId: account?.id, details: { email, reason } });
  if (pausedNow) await audit('staff.sign-in-paused', { subjectType: account ? 'account' : undefined, subjectId: account?.id, details: { email, until: pausedNow } });
  return { ok: false, pausedUntil: pausedNow };
}

/** Forgets the wrong passwords for this address (after a complete sign-in). */
export async function clearFailures(email: string): Promise<void> {
  await reset(FAILURES, email);
}

/** Emails a new code (only the newest works) and remembers the half-finished sign-in. */
export async function sendStaffCode(ctx: Koa.Context, account: Pick<Account, 'id' | 'email'>, resend = false): Promise<void> {
  const tenant = ctx.state.tenant!;
  const minutes = tenant.signIn.codeLifetimeMinutes;
  const code = await issueCode({ purpose: STAFF_CODE_PURPOSE, email: account.email, accountId: account.id, lifetimeMinutes: minutes });
  const expires = ukTime(new Date(Date.now() + minutes * 60_000), ctx.state.lang);
  await queueEmail({ to: account.email, template: 'backoffice.emails.signInCode', locale: ctx.state.lang, data: { code, expires } });
  await audit('staff.sign-in-code-sent', { subjectType: 'account', subjectId: account.id, details: { resend } });
  const previous = pendingSignIn(ctx);
  ctx.session!.staffSignIn = { accountId: account.id, email: account.email, startedAt: resend && previous ? previous.startedAt : Date.now() };
}

export type StaffCodeCheck = { ok: true; account: Account } | { ok: false; problem: Exclude<CodeCheck, { ok: true }>['problem'] | 'account'; attemptsLeft?: number };

/** Checks the code of the pending sign-in; the account must still be an active staff account. */
export async function checkStaffCode(pending: PendingSignIn, code: string): Promise<StaffCodeCheck> {
  const result = await useCode(STAFF_CODE_PURPOSE, pending.email, code);
  if (!result.ok) {
    await audit('staff.sign-in-code-failed', { subjectType: 'account', subjectId: pending.accountId, details: { problem: result.problem } });
    return result;
  }
  const account = await findAccount(pending.accountId);
  if (!account || account.kind !== 'staff' || account.status !== 'active' || result.secret.account_id !== account.id) {
    await audit('staff.sign-in-code-failed', { subjectType: 'account', subjectId: pending.accountId, details: { problem: 'account' } });
    return { ok: false, problem: 'account' };
  }
  return { ok: true, account };
}

/** The staff account of a pending sign-in, if it may still sign in. */
export async function activeStaffAccount(accountId: string): Promise<Account | undefined> {
  const account = await findAccount(accountId);
  return account?.kind === 'staff' && account.status === 'active' ? account : undefined;
}
