import type Koa from 'koa';
import type { Middleware } from 'koa';
import { audit } from '../platform/audit.js';
import { regenerateSession } from '../platform/http/session.js';
import { setActor } from '../platform/request-scope.js';
import type { ActorKind, SignedIn } from './actor.js';
import { sessionShape } from './session.js';

/** The account behind a session, as the accounts domain finds it. */
export interface SessionAccount {
  actor: SignedIn;
  /** Sessions started before this (a password reset, a change of second step) no longer count. */
  sessionsValidAfter: Date;
  canSignIn: boolean;
}

/** Finds a signed-in account by id (given by the composition root: the accounts domain owns the table). */
export type FindSessionAccount = (accountId: string) => Promise<SessionAccount | undefined>;

/**
 * Loads who is signed in from the session. A session older than the account's
 * `sessionsValidAfter`, or of an account that can no longer sign in, no longer counts.
 */
export function loadActor(find: FindSessionAccount): Middleware {
  return async (ctx, next) => {
    const session = ctx.session;
    if (session?.accountId) {
      const found = await find(session.accountId);
      const valid = found && found.canSignIn && found.actor.kind === session.kind && (session.signedInAt ?? 0) >= found.sessionsValidAfter.getTime();
      if (valid) {
        ctx.state.actor = found.actor;
        setActor({ type: found.actor.kind, id: found.actor.id });
      } else {
        delete session.accountId;
        delete session.kind;
        delete session.signedInAt;
      }
    }
    await next();
  };
}

/** Only paths on this host, never another site; staff and professionals each return to their own pages. */
export function safeReturnTo(value: unknown, kind: ActorKind = 'professional'): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return undefined;
  if (kind === 'staff' ? !value.startsWith('/backoffice') : value.startsWith('/backoffice')) return undefined;
  return value;
}

/**
 * Signs the person in with a new session id (no fixation), keeping only where
 * they were going, which it returns (checked to be a page of theirs on this host).
 */
export async function startSignedInSession(ctx: Koa.Context, actor: SignedIn): Promise<string | undefined> {
  const returnTo = ctx.session?.returnTo;
  await regenerateSession(ctx);
  const session = ctx.session!;
  for (const key of sessionShape.keyof().options) delete session[key];
  session.accountId = actor.id;
  session.kind = actor.kind;
  session.signedInAt = Date.now();
  ctx.state.actor = actor;
  setActor({ type: actor.kind, id: actor.id });
  await audit('account.signed-in', { subjectType: 'account', subjectId: actor.id });
  return safeReturnTo(returnTo, actor.kind);
}

/** Ends the session server-side. */
export async function signOut(ctx: Koa.Context): Promise<void> {
  if (ctx.state.actor) await audit('account.signed-out', { subjectType: 'account', subjectId: ctx.state.actor.id });
  ctx.session = null;
  ctx.state.actor = undefined;
}
