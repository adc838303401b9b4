import type Koa from 'koa';
import type { Notice } from './session.js';

/**
 * A one-off message for the next page of an area after a redirect ("We have
 * sent a new code", "2 records hidden"), kept in the session until that area
 * shows it. Texts are locale keys with their values.
 */
export function setNotice(ctx: Koa.Context, area: Notice['area'], key: string, values?: Notice['values']): void {
  if (ctx.session) ctx.session.notice = { area, key, values };
}

/** The area's notice in the page language, once: it is gone after this page. */
export function takeNotice(ctx: Koa.Context, area: Notice['area']): string | undefined {
  const notice = ctx.session?.notice;
  if (!notice || notice.area !== area) return undefined;
  delete ctx.session!.notice;
  return ctx.state.t(notice.key, notice.values ?? {});
}
