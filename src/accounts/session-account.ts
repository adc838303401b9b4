import type { SignedIn } from '../access/actor.js';
import type { SessionAccount } from '../access/sign-in-session.js';
import { findAccount, updateAccount, type Account } from './queries/accounts.js';

/** An account as the rest of the portal sees who is signed in: no password hash, no row. */
export function actorOf(account: Account): SignedIn {
  const person = { id: account.id, email: account.email, title: account.title, forename: account.forename, surname: account.surname, status: account.status };
  return account.kind === 'staff' ? { ...person, kind: 'staff', roles: account.staff_roles ?? [] } : { ...person, kind: 'professional', twoStep: account.two_step === 'email' };
}

/** The signed-in account of a session (access/loadActor asks this for every request with a session). */
export async function findSessionAccount(accountId: string): Promise<SessionAccount | undefined> {
  const account = await findAccount(accountId);
  if (!account) return undefined;
  return { actor: actorOf(account), sessionsValidAfter: account.sessions_valid_after, canSignIn: account.canSignIn };
}

/** Notes a completed sign-in: when, and the failed tries forgotten. */
export async function recordSignIn(accountId: string): Promise<void> {
  await updateAccount(accountId, { last_sign_in_at: new Date(), failed_sign_ins: 0, locked_until: null });
}
