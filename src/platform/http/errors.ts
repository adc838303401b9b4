import type Koa from 'koa';
import type { Middleware } from 'koa';
import { translator } from '../../i18n/index.js';

const KNOWN = new Set([400, 403, 404, 405, 408, 413, 415, 429, 500, 503]);
/** Pages with their own texts for a refusal (an error's `page`), e.g. a field holding control characters. */
const PAGES = new Set(['controlCharacters']);

/** Network failures reaching Postgres, and Postgres's own "not now" answers (class 08, 57P0x, 53300). */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);

/**
 * Whether an error says the database cannot be reached right now (stopped,
 * restarting, the pool's wait ran out) rather than that the request is wrong:
 * such a request gets 503 with Retry-After, and the next one may well work.
 */
export function databaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; name?: unknown; message?: unknown } | undefined;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  if (e.name === 'KnexTimeoutError') return true;
  return typeof e.message === 'string' && /Connection terminated|Connection ended unexpectedly|terminating connection due to administrator command/.test(e.message);
}

/**
 * Every failure becomes a page in the tenant's look and language (or a bilingual
 * plain page where no tenant is known). Never a stack trace.
 */
export function errorPages(inLayout: (ctx: Koa.Context) => boolean): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) ctx.throw(404);
    } catch (err) {
      const e = err as { status?: number; statusCode?: number; expose?: boolean; message?: string; page?: string };
      let status = e.status ?? e.statusCode ?? 500;
      if (status < 400 || status > 599) status = 500;
      if (status === 500 && databaseUnavailable(err)) {
        status = 503;
        ctx.set('Retry-After', '30');
      }
      if (status >= 500) ctx.state.log?.error({ err }, 'request failed');
      else ctx.state.log?.info({ status, reason: e.message }, 'request refused');
      const page = e.page && PAGES.has(e.page) ? e.page : KNOWN.has(status) ? status : status >= 500 ? 500 : 400;
      ctx.status = status;
      ctx.remove('Content-Disposition');
      if (inLayout(ctx)) {
        try {
          ctx.render('home/error', { status: page, summary: page === 'controlCharacters', title: ctx.state.t(`errors.${page}.title`) });
          return;
        } catch (renderError) {
          ctx.state.log?.error({ err: renderError }, 'error page failed to render');
        }
      }
      ctx.type = 'html';
      ctx.body = bilingualPage(
        translator('en')(`errors.${page}.title`),
        translator('cy')(`errors.${page}.title`),
        translator('en')(`errors.${page}.body`),
        translator('cy')(`errors.${page}.body`),
      );
    }
  };
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain page in English and Welsh for hosts we do not serve: no tenant data at all. */
export function bilingualPage(titleEn: string, titleCy: string, bodyEn: string, bodyCy: string): string {
  return `<!DOCTYPE html>
<html lang="en" class="govuk-template">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(titleEn)} / ${escape(titleCy)}</title>
<link rel="stylesheet" href="/assets/app.css"></head>
<body class="govuk-template__body">
<main class="govuk-main-wrapper govuk-width-container" id="main-content">
<h1 class="govuk-heading-l">${escape(titleEn)}</h1>
<p class="govuk-body">${escape(bodyEn)}</p>
<div lang="cy">
<h2 class="govuk-heading-l">${escape(titleCy)}</h2>
<p class="govuk-body">${escape(bodyCy)}</p>
</div>
</main>
</body>
</html>`;
}
