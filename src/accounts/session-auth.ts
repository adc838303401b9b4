import type Koa from 'koa';
import type { Middleware } from 'koa';
import { audit } from '../platform/audit.js';
import { regenerateSession } from '../platform/http/session.js';
import { setActor } from '../platform/request-scope.js';
import { Account, findAccount, type AccountKind } from './account.js';

declare module 'koa' {
  interface DefaultState {
    /** The signed-in person, when there is one. */
    account?: Account;
  }
}

interface SessionAuth {
  accountId?: string;
  kind?: AccountKind;
  signedInAt?: number;
  /** Where to go back to after signing in (set when a page needed sign-in or the session timed out). */
  returnTo?: string;
}

const auth = (ctx: Koa.Context) => ctx.session as unknown as SessionAuth;

/**
 * Loads the signed-in account from the session. A session older than the
 * account's `sessions_valid_after` (password reset, change of two-step
 * preference) no longer counts.
 */
export function loadAccount(): Middleware {
  return async (ctx, next) => {
    const session = auth(ctx);
    if (session.accountId) {
      const account = await findAccount(session.accountId);
      const valid = account && account.canSignIn && account.kind === session.kind && (session.signedInAt ?? 0) >= account.sessions_valid_after.getTime();
      if (valid) {
        ctx.state.account = account;
        setActor({ type: account.kind, id: account.id });
      } else {
        delete session.accountId;
        delete session.kind;
        delete session.signedInAt;
      }
    }
    await next();
  };
}

/** Signs the person in with a new session id (no fixation), keeping only where they were going. */
export async function startSignedInSession(ctx: Koa.Context, account: Account): Promise<string | undefined> {
  const returnTo = auth(ctx).returnTo;
  await regenerateSession(ctx);
  for (const key of Object.keys(ctx.session!)) {
    if (!key.startsWith('_')) delete (ctx.session as unknown as Record<string, unknown>)[key];
  }
  Object.assign(ctx.session!, { accountId: account.id, kind: account.kind, signedInAt: Date.now() } satisfies SessionAuth);
  await Account.query().patch({ last_sign_in_at: new Date(), failed_sign_ins: 0, locked_until: null }).where({ id: account.id });
  ctx.state.account = account;
  setActor({ type: account.kind, id: account.id });
  await audit('account.signed-in', { subjectType: 'account', subjectId: account.id });
  return safeReturnTo(returnTo, account.kind);
}

/** Ends the session server-side. */
export async function signOut(ctx: Koa.Context): Promise<void> {
  if (ctx.state.account) await audit('account.signed-out', { subjectType: 'account', subjectId: ctx.state.account.id });
  ctx.session = null;
  ctx.state.account = undefined;
}

/** Only paths on this host, never another site. */
export function safeReturnTo(value: unknown, kind: AccountKind = 'professional'): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return undefined;
  if (kind === 'staff' ? !value.startsWith('/backoffice') : value.startsWith('/backoffice')) return undefined;
  return value;
}

/** Pages for signed-in people of `kind`: others are sent to sign in and brought back afterwards. */
export function requireAccount(kind: AccountKind = 'professional'): Middleware {
  return async (ctx, next) => {
    const account = ctx.state.account;
    if (account?.kind === kind) return next();
    if (ctx.method === 'GET') auth(ctx).returnTo = ctx.originalUrl;
    ctx.redirect(kind === 'staff' ? '/backoffice/sign-in' : '/sign-in');
  };
}

/** Marks the current sign-in as still active: the idle timer starts again. */
export function rememberReturn(ctx: Koa.Context, path: string): void {
  auth(ctx).returnTo = path;
}
