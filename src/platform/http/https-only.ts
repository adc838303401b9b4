import type { Middleware } from 'koa';

/**
 * In production every page is served over https only (its cookies are Secure).
 * A plain-HTTP request is sent to the same address on https (GET and HEAD, 301)
 * or refused with 400 (a form posted over plain HTTP: nothing is stored). A
 * request that says it came through a proxy (X-Forwarded-Proto) when the proxy
 * is not trusted (TRUST_PROXY is not set) is refused with 400: we cannot know
 * how it arrived. Never a 500. Health checks are answered before this.
 */
export function httpsOnly(production: boolean, trustProxy: boolean): Middleware {
  return async (ctx, next) => {
    if (!production || ctx.secure) return next();
    const refuse = (reason: string) => ctx.throw(400, reason, { expose: false });
    if (!trustProxy && ctx.get('x-forwarded-proto')) return refuse('X-Forwarded-Proto from a proxy that is not trusted (set TRUST_PROXY)');
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return refuse('a form posted over plain HTTP');
    ctx.status = 301;
    ctx.set('Cache-Control', 'no-store');
    ctx.redirect(`https://${ctx.hostname}${ctx.originalUrl}`);
  };
}
