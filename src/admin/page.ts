import type Koa from 'koa';
import { translator } from '../i18n/index.js';
import { hasErrors, type FormErrors } from '../platform/http/forms.js';
import type { Views } from '../platform/http/views.js';

export { seeOther } from '../platform/http/see-other.js';

export const t = translator('en');

declare module 'koa' {
  interface DefaultState {
    /** The signed-in platform administrator (admin host only). */
    admin?: { id: string; email: string };
  }
}

/** Renders an admin page (a view under src/admin) in the admin layout: English, never cached. */
export function renderAdmin(ctx: Koa.Context, views: Views, page: string, locals: Record<string, unknown> & { title: string; errors?: FormErrors }): void {
  const failed = locals.errors && hasErrors(locals.errors);
  ctx.type = 'html';
  ctx.body = views.render(
    page,
    {
      ...locals,
      title: failed ? `${t('common.errorPrefix')} ${locals.title}` : locals.title,
      heading: locals.title,
      t,
      lang: 'en',
      admin: ctx.state.admin ? { email: ctx.state.admin.email } : undefined,
      csrfToken: ctx.state.csrfToken,
      assetVersion: ctx.app.context.assetVersion,
    },
    'admin',
  );
  // Setting the body makes the status 200 unless a route chose one (404, 409, 429).
  if (failed && ctx.status === 200) ctx.status = 400;
}

/** Post/Redirect/Get. */
