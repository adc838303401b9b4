import type Koa from 'koa';

interface Notice {
  key: string;
  values?: Record<string, string>;
}

const session = (ctx: Koa.Context) => ctx.session as unknown as { backofficeNotice?: Notice };

/** A one-off confirmation for the next page after a redirect ("We have sent a new code", "You approved …"). */
export function setNotice(ctx: Koa.Context, key: string, values?: Record<string, string>): void {
  session(ctx).backofficeNotice = { key, values };
}

/** The notice's text in the page language, once: it is gone after this page. */
export function takeNotice(ctx: Koa.Context): string | undefined {
  const s = session(ctx);
  const notice = s.backofficeNotice;
  if (!notice) return undefined;
  delete s.backofficeNotice;
  return ctx.state.t(notice.key, notice.values ?? {}) as string;
}
