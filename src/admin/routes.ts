import Router from '@koa/router';
import { translator } from '../i18n/index.js';
import type { Views } from '../platform/http/views.js';

/** The platform admin console's host. A placeholder page until the console is built. */
export function adminRoutes(views: Views): Router {
  const router = new Router();
  const t = translator('en');
  router.get('/', (ctx) => {
    ctx.type = 'html';
    ctx.body = views.render('admin/home', { t, lang: 'en', title: t('admin.title'), assetVersion: ctx.app.context.assetVersion }, 'admin');
  });
  return router;
}
