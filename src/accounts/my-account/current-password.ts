import type Koa from 'koa';
import { audit } from '../../platform/audit.js';
import type { Account } from '../queries/accounts.js';
import { verifyPassword } from '../passwords.js';
import { commit } from '../../platform/db/unit-of-work.js';
import { countAttempt, type Limit } from '../../platform/rate-limit.js';

/** Guesses at the current password from a signed-in session (someone else at an unlocked computer). */
export const CURRENT_PASSWORD_CHECKS: Limit = { bucket: 'my-account:current-password', max: 10, windowSeconds: 15 * 60 };

/**
 * Whether `password` is the account's current password. Every check counts
 * against a limit per account; a wrong one is audited.
 */
export async function isCurrentPassword(ctx: Koa.Context, account: Account, password: string): Promise<boolean> {
  await countAttempt('account.current-password', [[CURRENT_PASSWORD_CHECKS, account.id]]);
  await commit();
  const ok = await verifyPassword(account.password_hash, password);
  if (!ok) await audit('account.current-password-wrong', { subjectType: 'account', subjectId: account.id, details: { page: ctx.path } });
  return ok;
}
