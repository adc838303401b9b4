import type Koa from 'koa';
import { audit } from '../../platform/audit.js';
import { queueEmail } from '../../platform/mail/outbox.js';
import type { PendingSignIn } from '../../access/session.js';
import type { Account } from '../queries/accounts.js';
import { issueCode, lastIssuedAt } from '../queries/email-secrets.js';

const PENDING_MINUTES = 30;

export const pendingSignIn = (ctx: Koa.Context): PendingSignIn | undefined => {
  const pending = ctx.session?.pendingSignIn;
  if (!pending || Date.now() - pending.startedAt > PENDING_MINUTES * 60_000) return undefined;
  return pending;
};

export function setPendingSignIn(ctx: Koa.Context, pending: PendingSignIn | undefined): void {
  ctx.session!.pendingSignIn = pending;
}

/** Whether this sign-in needs the emailed code: the council asks always, or the person chose it. */
export function needsSecondStep(ctx: Koa.Context, account: Account): boolean {
  return ctx.state.tenant!.signIn.secondStep === 'always' || account.two_step === 'email';
}

/** Seconds a person must wait before asking for another code, so codes are not sent in a burst. */
export const RESEND_AFTER_SECONDS = 30;

export async function tooSoonForNewCode(email: string, purpose: 'sign-in' | 'reset-password'): Promise<boolean> {
  const last = await lastIssuedAt(purpose, email);
  return !!last && Date.now() - last.getTime() < RESEND_AFTER_SECONDS * 1000;
}

/** Emails a new sign-in code (earlier ones stop working). */
export async function sendSignInCode(ctx: Koa.Context, account: Pick<Account, 'id' | 'email'>): Promise<void> {
  const minutes = ctx.state.tenant!.signIn.codeLifetimeMinutes;
  const code = await issueCode({ purpose: 'sign-in', email: account.email, accountId: account.id, lifetimeMinutes: minutes });
  await queueEmail({ to: account.email, template: 'sign-in.emails.code', locale: ctx.state.lang, data: { code, minutes } });
  await audit('sign-in.code-sent', { subjectType: 'account', subjectId: account.id });
}
