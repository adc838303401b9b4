import type Koa from 'koa';

/** Renders a back office page (src/backoffice/views/<name>.hbs) in the back office layout (it names the signed-in staff member). */
export function renderBackoffice(ctx: Koa.Context, name: string, locals: Record<string, unknown>): void {
  ctx.render(`backoffice/${name}`, locals, 'backoffice');
}
