import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type Koa from 'koa';
import session from 'koa-session';
import { db } from '../db/unit-of-work.js';

const hash = (key: string) => createHash('sha256').update(key).digest('base64url');

/** An expiry is pushed back at most once a minute: a page view need not write the session row. */
const EXTEND_AFTER_MS = 60_000;

export interface SessionOptions {
  production: boolean;
  /** Idle minutes of this request's council: a session ends after this long without a request. */
  idleMinutes(ctx: Koa.Context): number;
  /** Checks what the store held against the declared session shape (unknown or broken values are dropped). */
  parse(data: unknown): Record<string, unknown>;
}

/** What koa-session adds to a session object, beside the data (see src/access/session.ts for the data). */
export interface SessionControls {
  regenerate(): Promise<void> | undefined;
  readonly populated: boolean;
}

interface Loaded {
  id: string;
  expiresAt: Date;
  saved: boolean;
}

declare module 'koa' {
  interface DefaultState {
    /** The stored session this request found (so its expiry can be extended without rewriting it). */
    storedSession?: Loaded;
  }
}

const expiry = (minutes: number) => new Date(Date.now() + minutes * 60_000);

/**
 * Sessions live in Postgres (table `sessions`, under RLS), so a session is only
 * ever found on the host of the council it was created on. The cookie holds a
 * random key; the table holds its hash. The row is written only when the
 * session changed; otherwise its idle expiry is pushed back with a small
 * update at most once a minute. A visitor whose session stays empty gets no row.
 */
export function sessions(app: Koa, options: SessionOptions): Koa.Middleware {
  const store = {
    async get(key: string, _maxAge: unknown, { ctx }: { ctx?: Koa.Context }) {
      const row: { data: unknown; expires_at: Date } | undefined = await (await db())('sessions')
        .where({ id: hash(key) })
        .andWhere('expires_at', '>', new Date())
        .first('data', 'expires_at');
      if (!row) return undefined;
      if (ctx) ctx.state.storedSession = { id: hash(key), expiresAt: row.expires_at, saved: false };
      return { ...options.parse(row.data), _session: true };
    },
    async set(key: string, data: Record<string, unknown>, _maxAge: unknown, { ctx }: { ctx?: Koa.Context }) {
      if (!ctx) throw new Error('koa-session gave no context');
      const expires = expiry(options.idleMinutes(ctx));
      await (await db())('sessions')
        .insert({ id: hash(key), data, expires_at: expires })
        .onConflict(['tenant_id', 'id'])
        .merge({ data, expires_at: expires });
      if (ctx.state.storedSession) ctx.state.storedSession.saved = true;
    },
    async destroy(key: string) {
      await (await db())('sessions').where({ id: hash(key) }).delete();
    },
  };
  const koaSession = session(
    {
      key: options.production ? '__Host-portal.sid' : 'portal.sid',
      maxAge: 'session', // the cookie ends with the browser; the server ends idle sessions
      httpOnly: true,
      secure: options.production,
      sameSite: 'lax',
      signed: true,
      rolling: false,
      store,
      genid: () => randomBytes(32).toString('base64url'),
    },
    app,
  );
  return async (ctx, next) => {
    await koaSession(ctx, next);
    const loaded = ctx.state.storedSession;
    if (!loaded || loaded.saved || ctx.session === null) return;
    const minutes = options.idleMinutes(ctx);
    if (expiry(minutes).getTime() - loaded.expiresAt.getTime() < EXTEND_AFTER_MS) return;
    await (await db())('sessions').where({ id: loaded.id }).update({ expires_at: expiry(minutes) });
  };
}

/** A new session key for the same data: call on sign-in and on any change of privilege. */
export async function regenerateSession(ctx: Koa.Context): Promise<void> {
  await ctx.session!.regenerate();
}

/** Ends the session server-side and clears the cookie. */
export function endSession(ctx: Koa.Context): void {
  ctx.session = null;
}

/** Removes sessions past their idle expiry, in every council (platform role). */
export async function cleanExpiredSessions(platform: Knex): Promise<void> {
  await platform('sessions').where('expires_at', '<', new Date()).delete();
}

/** Signs everyone out of the council of the current unit of work (a suspended council); their data stays. */
export async function endEveryoneSessions(): Promise<void> {
  await (await db())('sessions').delete();
}
