import type Koa from 'koa';

/**
 * Renders a back office page (src/backoffice/views/<name>.hbs) in the back office
 * layout, which names the signed-in staff member on every page.
 */
export function renderBackoffice(ctx: Koa.Context, name: string, locals: Record<string, unknown>): void {
  const account = ctx.state.account;
  ctx.render(`backoffice/${name}`, { ...locals, staffName: account?.kind === 'staff' ? account.fullName : undefined }, 'backoffice');
}
