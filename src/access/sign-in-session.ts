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

/**
 * `Cache-Control: no-store` on every answer to a signed-in person, on every back
 * office page, and wherever a stored session was found (a half-done sign-in or
 * registration): Back after sign-out on a shared computer shows nothing personal.
 * Set before the route runs, so redirects and error pages carry it too.
 */
export function noStoreForPersonalPages(): Middleware {
  return async (ctx, next) => {
    if (ctx.state.actor || ctx.state.storedSession || ctx.path === '/backoffice' || ctx.path.startsWith('/backoffice/')) ctx.set('Cache-Control', 'no-store');
    await next();
  };
}

/** Only paths on this host, never another site; staff and professionals each return to their own pages. */
export function safeReturnTo(value: unknown, kind: ActorKind = 'professional'): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return undefined;
  if (kind === 'staff' ? !value.startsWith('/backoffice') : value.startsWith('/backoffice')) return undefined;
  return value;
}

const RETURN_COOKIE = 'portal.return';

/**
 * Remembers the page a signed-out visitor asked for in a short-lived signed
 * cookie, not in the session: an anonymous page view never writes a session row.
 */
export function rememberReturnTo(ctx: Koa.Context, path: string): void {
  if (path.length > 2048) return;
  ctx.cookies.set(RETURN_COOKIE, path, { httpOnly: true, sameSite: 'lax', secure: ctx.secure, signed: true, maxAge: 60 * 60 * 1000, overwrite: true });
}

/**
 * Signs the person in with a new session id (no fixation), keeping only where
 * they were going, which it returns (checked to be a page of theirs on this host).
 */
export async function startSignedInSession(ctx: Koa.Context, actor: SignedIn): Promise<string | undefined> {
  const remembered = ctx.cookies.get(RETURN_COOKIE, { signed: true });
  if (remembered !== undefined) ctx.cookies.set(RETURN_COOKIE, null, { signed: true, overwrite: true });
  const returnTo = ctx.session?.returnTo ?? remembered;
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
