import type Koa from 'koa';
import type { Views } from './views.js';

/** What every page's layout needs (header, navigation, footer), computed from the request by the application. */
export type LayoutLocals = (ctx: Koa.Context) => Record<string, unknown>;

/** `ctx.render(page, locals, layout)`: the page's own view model inside the layout's. */
export function installRender(app: Koa, views: Views, layoutLocals: LayoutLocals): void {
  app.context.render = function render(this: Koa.Context, page: string, locals: Record<string, unknown> = {}, layout = 'main') {
    this.type = 'html';
    this.body = views.render(page, { ...layoutLocals(this), ...locals }, layout);
  };
}

declare module 'koa' {
  interface DefaultContext {
    assetVersion: string;
  }
}
