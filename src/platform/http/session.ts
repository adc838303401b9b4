import { createHash, randomBytes } from 'node:crypto';
import type Koa from 'koa';
import session from 'koa-session';
import { tenantTrx } from '../db/tenant-context.js';

const hash = (key: string) => createHash('sha256').update(key).digest('base64url');

/**
 * Sessions live in Postgres (table `sessions`, under RLS), so a session is only
 * ever found on the host of the tenant it was created on. The cookie holds a
 * random key; the table holds its hash. Idle expiry comes from the tenant config.
 */
const store = {
  async get(key: string) {
    const row = await tenantTrx()('sessions').where({ id: hash(key) }).andWhere('expires_at', '>', new Date()).first('data');
    return row?.data;
  },
  async set(key: string, data: Record<string, unknown>, _maxAge: unknown, { ctx }: { ctx?: Koa.Context }) {
    const minutes = ctx?.state.tenant?.session.idleTimeoutMinutes ?? 20;
    const expires = new Date(Date.now() + minutes * 60_000);
    await tenantTrx()('sessions')
      .insert({ id: hash(key), data, expires_at: expires })
      .onConflict(['tenant_id', 'id'])
      .merge({ data, expires_at: expires });
  },
  async destroy(key: string) {
    await tenantTrx()('sessions').where({ id: hash(key) }).delete();
  },
};

export function sessions(app: Koa, production: boolean) {
  return session(
    {
      key: production ? '__Host-portal.sid' : 'portal.sid',
      maxAge: 'session', // the cookie ends with the browser; the server ends idle sessions
      httpOnly: true,
      secure: production,
      sameSite: 'lax',
      signed: true,
      rolling: true,
      store,
      genid: () => randomBytes(32).toString('base64url'),
    },
    app,
  );
}

/** A new session key for the same data: call on sign-in and on any change of privilege. */
export async function regenerateSession(ctx: Koa.Context): Promise<void> {
  await ctx.session!.regenerate();
}

/** Ends the session server-side and clears the cookie. */
export function endSession(ctx: Koa.Context): void {
  ctx.session = null;
}
