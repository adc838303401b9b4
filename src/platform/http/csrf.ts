import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';
import { formBody } from './forms.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Signed double-submit CSRF protection: a random, HttpOnly cookie and, in every
 * form, its HMAC under the server secret. A state-changing request without a
 * matching token gets 403. No session row is needed for signed-out visitors.
 */
export function csrf(secret: string, production: boolean): Middleware {
  const cookieName = production ? '__Host-portal.csrf' : 'portal.csrf';
  const sign = (value: string) => createHmac('sha256', secret).update(value).digest('base64url');
  return async (ctx, next) => {
    let seed = ctx.cookies.get(cookieName);
    if (!seed || !/^[A-Za-z0-9_-]{32,64}$/.test(seed)) {
      seed = undefined;
    }
    if (!SAFE.has(ctx.method)) {
      // Multipart uploads are streamed, not parsed up front: their form carries the token in its action URL.
      const fromQuery = ctx.is('multipart') ? ctx.query._csrf : undefined;
      const sent = String(formBody(ctx)._csrf ?? (ctx.get('x-csrf-token') || fromQuery) ?? '');
      const expected = seed ? sign(seed) : '';
      const ok = seed && sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
      if (!ok) ctx.throw(403, 'CSRF token missing or wrong', { expose: false, reason: 'csrf' });
    }
    if (!seed) {
      seed = randomBytes(32).toString('base64url');
      ctx.cookies.set(cookieName, seed, { httpOnly: true, sameSite: 'lax', secure: production, signed: false, overwrite: true });
    }
    const token = sign(seed);
    ctx.state.csrfToken = token;
    await next();
  };
}
