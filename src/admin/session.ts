import { createHash, randomBytes } from 'node:crypto';
import type Koa from 'koa';
import type { Knex } from 'knex';
import session from 'koa-session';

/** Admin sessions end after 15 minutes without a request. */
export const ADMIN_IDLE_MINUTES = 15;

const hash = (key: string) => createHash('sha256').update(key).digest('base64url');

/** What an admin session holds. */
export interface AdminSession {
  adminId?: string;
  signedInAt?: number;
  /** Password right, authenticator code still to come. */
  pending?: { adminId: string; startedAt: number };
  /** Set-up in progress: the admin from the link, and the authenticator secret until confirmed. */
  setup?: { adminId: string; secret?: string; recoveryCodes?: string[] };
}

export const adminSession = (ctx: Koa.Context) => ctx.session as unknown as AdminSession;

/**
 * koa-session on its own table (platform_admin_sessions, platform role): the
 * cookie holds a random key, the table its hash; host-only cookie on the admin
 * host, different from every council's cookie.
 */
export function adminSessions(app: Koa, platform: Knex, production: boolean): Koa.Middleware {
  const store = {
    async get(key: string) {
      const row = await platform('platform_admin_sessions').where({ id: hash(key) }).andWhere('expires_at', '>', new Date()).first('data');
      return row?.data;
    },
    async set(key: string, data: Record<string, unknown>) {
      const expires = new Date(Date.now() + ADMIN_IDLE_MINUTES * 60_000);
      await platform('platform_admin_sessions').insert({ id: hash(key), data, expires_at: expires }).onConflict('id').merge({ data, expires_at: expires });
    },
    async destroy(key: string) {
      await platform('platform_admin_sessions').where({ id: hash(key) }).delete();
    },
  };
  return session(
    {
      key: production ? '__Host-portal.admin' : 'portal.admin',
      maxAge: 'session',
      httpOnly: true,
      secure: production,
      sameSite: 'strict',
      signed: true,
      rolling: true,
      store,
      genid: () => randomBytes(32).toString('base64url'),
    },
    app,
  );
}
