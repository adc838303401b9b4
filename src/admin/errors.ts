import type Koa from 'koa';
import type { Views } from '../platform/http/views.js';
import { renderAdmin, t } from './page.js';

const KNOWN = new Set([400, 403, 404, 405, 408, 413, 415, 429, 500, 503]);

/** Every failure on the admin host becomes a page in the console's look (404 for every unknown path). Never a stack trace. */
export function adminErrors(views: Views): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) ctx.throw(404);
    } catch (err) {
      const e = err as { status?: number; statusCode?: number; message?: string; page?: string };
      let status = e.status ?? e.statusCode ?? 500;
      if (status < 400 || status > 599) status = 500;
      if (status >= 500) ctx.state.log?.error({ err }, 'admin request failed');
      else ctx.state.log?.info({ status, reason: e.message }, 'admin request refused');
      const page = e.page === 'controlCharacters' ? e.page : KNOWN.has(status) ? status : status >= 500 ? 500 : 400;
      ctx.status = status;
      ctx.set('Cache-Control', 'no-store');
      try {
        renderAdmin(ctx, views, 'admin/error', { title: t(`errors.${page}.title`), body: t(`errors.${page}.body`) });
        ctx.status = status;
      } catch (renderError) {
        ctx.state.log?.error({ err: renderError }, 'admin error page failed to render');
        ctx.type = 'text';
        ctx.body = t(`errors.${page}.title`);
      }
    }
  };
}
