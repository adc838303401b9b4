import type Koa from 'koa';
import { Account, findAccount, findAccountByEmail, normaliseEmail } from '../accounts/account.js';
import { issueCode, useCode, type CodeCheck } from '../accounts/email-secrets.js';
import { verifyAgainstDecoy, verifyPassword } from '../accounts/passwords.js';
import { audit } from '../platform/audit.js';
import { queueEmail } from '../platform/mail/outbox.js';
import { countFailure, pausedUntil } from './lockout.js';

/**
 * Council staff sign in with their password and then, every time, a 6-digit
 * code sent to their email. (The professional sign-in has its own version of
 * these steps; the two can share a service once both exist.)
 */
export const STAFF_CODE_PURPOSE = 'staff-sign-in' as const;

/** The half-finished sign-in kept in the session between the password and the code. */
interface PendingSignIn {
  accountId: string;
  email: string;
  startedAt: number;
}

/** A pending sign-in lasts this long; after it, the person starts again with their password. */
const PENDING_MINUTES = 30;

const session = (ctx: Koa.Context) => ctx.session as unknown as { staffSignIn?: PendingSignIn };

export function pendingSignIn(ctx: Koa.Context): PendingSignIn | undefined {
  const pending = session(ctx).staffSignIn;
  if (!pending || Date.now() - pending.startedAt > PENDING_MINUTES * 60_000) return undefined;
  return pending;
}

export function forgetPendingSignIn(ctx: Koa.Context): void {
  delete session(ctx).staffSignIn;
}

export type PasswordCheck = { ok: true; account: Account } | { ok: false; pausedUntil?: Date };

/**
 * Checks an email address and password for a staff account. Unknown addresses,
 * wrong passwords and closed accounts take the same time and give the same
 * answer; repeated failures pause sign-in for the address, known or not.
 */
export async function checkStaffPassword(emailTyped: string, password: string): Promise<PasswordCheck> {
  const email = normaliseEmail(emailTyped);
  const paused = await pausedUntil(email);
  if (paused) {
    await verifyAgainstDecoy(password);
    await audit('staff.sign-in-failed', { details: { email, reason: 'paused' } });
    return { ok: false, pausedUntil: paused };
  }
  const account = await findAccountByEmail('staff', email);
  const right = account ? await verifyPassword(account.password_hash, password) : await verifyAgainstDecoy(password);
  if (account && right && account.status === 'active') return { ok: true, account };

  const pausedNow = await countFailure(email);
  const reason = !account ? 'unknown-email' : right ? `status-${account.status}` : 'wrong-password';
  if (account) {
    await Account.query()
      .patch({ failed_sign_ins: account.failed_sign_ins + 1, ...(pausedNow ? { locked_until: pausedNow } : {}) })
      .where({ id: account.id });
  }
  await audit('staff.sign-in-failed', { subjectType: account ? 'account' : undefined, subjectId: account?.id, details: { email, reason } });
  if (pausedNow) await audit('staff.sign-in-paused', { subjectType: account ? 'account' : undefined, subjectId: account?.id, details: { email, until: pausedNow } });
  return { ok: false, pausedUntil: pausedNow };
}

/** Emails a new code (only the newest works) and remembers the half-finished sign-in. */
export async function sendStaffCode(ctx: Koa.Context, account: Account, resend = false): Promise<void> {
  const tenant = ctx.state.tenant!;
  const minutes = tenant.signIn.codeLifetimeMinutes;
  const code = await issueCode({ purpose: STAFF_CODE_PURPOSE, email: account.email, accountId: account.id, lifetimeMinutes: minutes });
  const expires = new Intl.DateTimeFormat(ctx.state.lang === 'cy' ? 'cy-GB' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }).format(
    new Date(Date.now() + minutes * 60_000),
  );
  await queueEmail({ to: account.email, template: 'backoffice.emails.signInCode', locale: ctx.state.lang, data: { code, expires } });
  await audit('staff.sign-in-code-sent', { subjectType: 'account', subjectId: account.id, details: { resend } });
  const previous = pendingSignIn(ctx);
  session(ctx).staffSignIn = { accountId: account.id, email: account.email, startedAt: resend && previous ? previous.startedAt : Date.now() };
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
