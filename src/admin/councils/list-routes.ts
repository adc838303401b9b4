import Router from '@koa/router';
import type { Views } from '../../platform/http/views.js';
import { requireAdmin } from '../accounts/guard.js';
import { recentAudit } from '../audit.js';
import type { AdminDeps } from '../deps.js';
import { renderAdmin, t } from '../page.js';
import { councilSummaries } from './list.js';

/** The councils list (the console's home) and the platform audit log. */
export function listRoutes(views: Views, deps: AdminDeps): Router {
  const router = new Router();
  router.get('/', requireAdmin, async (ctx) => {
    const councils = await councilSummaries(deps.platform);
    renderAdmin(ctx, views, 'admin/councils/list', {
      title: t('admin.console.councils.title'),
      councils: councils.map((c) => ({
        ...c,
        statusText: t(`admin.console.status.${c.status}`),
        statusClass: c.status === 'live' ? 'govuk-tag--green' : c.status === 'suspended' ? 'govuk-tag--red' : 'govuk-tag--grey',
        servicesText: c.services.map((s) => t(`admin.console.services.${s}`)).join(', ') || '–',
      })),
    });
  });
  router.get('/audit', requireAdmin, async (ctx) => {
    const names = new Map((await councilSummaries(deps.platform)).map((c) => [c.id, c.name]));
    const entries = (await recentAudit(deps.platform, 200)).map((e) => ({
      at: e.at,
      admin: e.admin_email ?? '–',
      council: e.tenant_id ? (names.get(e.tenant_id) ?? e.tenant_id) : '–',
      action: e.action,
      before: e.before === null ? '' : JSON.stringify(e.before),
      after: e.after === null ? '' : JSON.stringify(e.after),
    }));
    renderAdmin(ctx, views, 'admin/audit', { title: t('admin.console.audit.title'), entries });
  });
  return router;
}
