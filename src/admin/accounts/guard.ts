import type Koa from 'koa';
import type { Knex } from 'knex';
import { setActor } from '../../platform/request-scope.js';
import { admins } from './admins.js';
import { adminSession } from '../session.js';

/** Loads the signed-in admin from the session (an admin disabled since is signed out). */
export function loadAdmin(platform: Knex): Koa.Middleware {
  return async (ctx, next) => {
    const session = adminSession(ctx);
    if (session.adminId) {
      const admin = await admins.byId(platform, session.adminId);
      if (admin?.status === 'active') {
        ctx.state.admin = { id: admin.id, email: admin.email };
        setActor({ type: 'platform', id: admin.id });
      } else {
        delete session.adminId;
      }
    }
    await next();
  };
}

/** Every console page: signed-in admins only; others go to sign in. */
export const requireAdmin: Koa.Middleware = async (ctx, next) => {
  if (ctx.state.admin) return next();
  ctx.status = 303;
  ctx.redirect('/sign-in');
};
