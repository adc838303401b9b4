import { createHash, randomBytes } from 'node:crypto';
import type Koa from 'koa';
import type { Knex } from 'knex';
import session from 'koa-session';
import { parseSession, type AdminSession } from '../access/session.js';

/** Admin sessions end after 15 minutes without a request. */
export const ADMIN_IDLE_MINUTES = 15;

const hash = (key: string) => createHash('sha256').update(key).digest('base64url');

/** The admin's part of the session (declared with the one session shape in src/access/session.ts). */
export function adminSession(ctx: Koa.Context): AdminSession {
  if (!ctx.session) throw new Error('adminSession: the admin session middleware has not run');
  ctx.session.admin ??= {};
  return ctx.session.admin;
}

/**
 * koa-session on its own table (platform_admin_sessions, platform role): the
 * cookie holds a random key, the table its hash; host-only cookie on the admin
 * host, different from every council's cookie.
 */
export function adminSessions(app: Koa, platform: Knex, production: boolean): Koa.Middleware {
  const store = {
    async get(key: string) {
      const row = await platform('platform_admin_sessions').where({ id: hash(key) }).andWhere('expires_at', '>', new Date()).first('data');
      return row ? parseSession(row.data) : undefined;
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
