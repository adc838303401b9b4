import type { Middleware } from 'koa';
import { isLanguage, translator } from '../i18n/index.js';
import { bilingualPage } from '../platform/http/errors.js';
import type { TenantRegistry } from './registry.js';
import type { Tenant } from './schema.js';
import { publicOrigin, type PublicUrlSettings } from './urls.js';

declare module 'koa' {
  interface DefaultState {
    /** The council whose host name the request came to. */
    tenant?: Tenant;
    /** The council's canonical origin for links in emails (from configuration, never the request's Host header). */
    origin?: string;
  }
}

/**
 * Finds the tenant of the request's host; the caller decides what an unknown host gets.
 * A suspended council answers every page with a bilingual "unavailable" page (503).
 */
export function resolveTenant(registry: TenantRegistry, urls?: () => PublicUrlSettings): Middleware {
  return async (ctx, next) => {
    const tenant = registry.forHost(ctx.hostname);
    if (tenant?.status === 'suspended') {
      const en = translator('en');
      const cy = translator('cy');
      ctx.status = 503;
      ctx.set('Retry-After', '3600');
      ctx.set('Cache-Control', 'no-store');
      ctx.type = 'html';
      ctx.body = bilingualPage(
        en('admin.suspended.title'),
        cy('admin.suspended.title'),
        en('admin.suspended.body', { council: tenant.name.en }),
        cy('admin.suspended.body', { council: tenant.name.cy ?? tenant.name.en }),
      );
      return;
    }
    ctx.state.tenant = tenant;
    if (tenant && urls) ctx.state.origin = publicOrigin(tenant, urls());
    await next();
  };
}

const LANG_COOKIE = 'portal.lang';

/**
 * The page language: `?lang=` (remembered in a cookie, then a redirect to the
 * same page without it), else the cookie, else the tenant's first language.
 */
export function chooseLanguage(production: boolean): Middleware {
  return async (ctx, next) => {
    const tenant = ctx.state.tenant!;
    const asked = ctx.query.lang;
    if (isLanguage(asked) && tenant.languages.includes(asked) && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      ctx.cookies.set(LANG_COOKIE, asked, { httpOnly: true, sameSite: 'lax', secure: production, maxAge: 365 * 24 * 3600 * 1000 });
      const params = new URLSearchParams(ctx.querystring);
      params.delete('lang');
      const rest = params.toString();
      ctx.status = 303;
      ctx.redirect(rest ? `${ctx.path}?${rest}` : ctx.path);
      return;
    }
    const remembered = ctx.cookies.get(LANG_COOKIE);
    const lang = isLanguage(remembered) && tenant.languages.includes(remembered) ? remembered : tenant.languages[0]!;
    ctx.state.lang = lang;
    ctx.state.t = translator(lang);
    await next();
  };
}
