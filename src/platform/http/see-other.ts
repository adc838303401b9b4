import type Koa from 'koa';

/** Post/Redirect/Get: 303 See Other, so a refresh does not post the form again. */
export function seeOther(ctx: Koa.Context, url: string): void {
  ctx.status = 303;
  ctx.redirect(url);
}
