import Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { noErrors, parseForm, type FormErrors } from '../../platform/http/forms.js';
import type { Views } from '../../platform/http/views.js';
import { db, inTenant } from '../../platform/db/unit-of-work.js';
import { StaleRevisionError, TenantConfigError } from '../../tenancy/config-service.js';
import { diffConfigs } from '../../tenancy/diff.js';
import type { ConfigProblem } from '../../tenancy/validate.js';
import { requireAdmin } from '../accounts/guard.js';
import { platformAudit } from '../audit.js';
import type { AdminDeps } from '../deps.js';
import { renderAdmin, seeOther, t } from '../page.js';
import { actorOf, councilFromUrl } from './council-page.js';
import { drafts, type CouncilDraft } from './drafts.js';
import { TASKS } from './tasks/index.js';

const reasonForm = z.object({ reason: z.string().trim().max(500, 'admin.console.publish.errors.reasonLong').default('') });
const rollbackForm = z.object({ revision: z.coerce.number().int().min(0), reason: z.string().trim().max(500).default('') });

/** The task that edits the field a problem is about, so the publish page can link to it. */
function problemLinks(slug: string, problems: ConfigProblem[]): FormErrors {
  const errors: FormErrors = { list: [], byField: {} };
  for (const p of problems) {
    const top = p.path.split('.')[0] ?? '';
    const task = TASKS.find((task) => (task.fields as string[]).includes(top)) ?? TASKS[0]!;
    errors.list.push({ href: `/councils/${slug}/tasks/${task.id}`, text: `${t(`admin.console.tasks.${task.id}.title`)}: ${p.path ? `${p.path}: ` : ''}${p.message}` });
  }
  return errors;
}

/** Publish (the draft goes live at its host names at once), suspend, reactivate, history with field-by-field differences, rollback. */
export function publishRoutes(views: Views, deps: AdminDeps): Router {
  const router = new Router();

  const showPublish = async (ctx: Koa.Context, draft: CouncilDraft, errors: FormErrors = noErrors()) => {
    const live = draft.status === 'draft' ? {} : (await deps.tenants.current(draft.tenantId))?.config;
    const changes = diffConfigs(live, draft.config).map((c) => ({ ...c, before: c.before || '–', after: c.after || '–' }));
    renderAdmin(ctx, views, 'admin/councils/publish', { title: t('admin.console.publish.title', { name: draft.config.name?.en ?? draft.slug }), slug: draft.slug, changes, logoChanged: draft.unpublished, errors, firstTime: draft.status === 'draft' });
  };

  router.get('/councils/:slug/publish', requireAdmin, async (ctx) => showPublish(ctx, await councilFromUrl(ctx, deps)));
  router.post('/councils/:slug/publish', requireAdmin, async (ctx) => {
    const draft = await councilFromUrl(ctx, deps);
    const { data } = parseForm(ctx, reasonForm);
    const before = await deps.tenants.current(draft.tenantId);
    try {
      const saved = await deps.tenants.save({
        tenantId: draft.tenantId,
        config: draft.config,
        expectedRevision: draft.baseRevision,
        logoSha256: draft.logoSha256,
        status: draft.status === 'draft' ? 'live' : undefined,
        source: 'console',
        actor: actorOf(ctx),
        reason: data?.reason || (draft.status === 'draft' ? 'First publication' : 'Published from the console'),
      });
      await drafts.discard(deps.platform, draft.tenantId);
      await platformAudit(deps.platform, ctx, { action: 'council.published', tenantId: draft.tenantId, before: before?.status === 'draft' ? null : before?.config, after: saved.config, details: { revision: saved.revision } });
    } catch (err) {
      if (err instanceof TenantConfigError) return showPublish(ctx, draft, problemLinks(draft.slug, err.problems));
      if (err instanceof StaleRevisionError) {
        ctx.status = 409;
        return showPublish(ctx, draft, { list: [{ href: '#reason', text: t('admin.console.publish.errors.stale', { revision: err.current, by: err.by ?? '' }) }], byField: {} });
      }
      throw err;
    }
    seeOther(ctx, `/councils/${draft.slug}?notice=published`);
  });

  const changeStatus = (status: 'suspended' | 'live') => async (ctx: Koa.Context) => {
    const draft = await councilFromUrl(ctx, deps);
    let before;
    try {
      before = await deps.tenants.setStatus(draft.tenantId, status, actorOf(ctx));
    } catch (err) {
      if (err instanceof TenantConfigError) return ctx.throw(400);
      throw err;
    }
    if (status === 'suspended') {
      // Everyone signed in to the council is signed out; their data stays.
      await inTenant(deps.platform, draft.tenantId, async () => {
        await (await db())('sessions').delete();
      });
    }
    await platformAudit(deps.platform, ctx, { action: status === 'suspended' ? 'council.suspended' : 'council.reactivated', tenantId: draft.tenantId, before: { status: before.status }, after: { status } });
    seeOther(ctx, `/councils/${draft.slug}?notice=${status === 'suspended' ? 'suspended' : 'reactivated'}`);
  };
  router.post('/councils/:slug/suspend', requireAdmin, changeStatus('suspended'));
  router.post('/councils/:slug/reactivate', requireAdmin, changeStatus('live'));

  router.get('/councils/:slug/history', requireAdmin, async (ctx) => {
    const draft = await councilFromUrl(ctx, deps);
    const revisions = await deps.tenants.revisions(draft.tenantId);
    const current = revisions[0]?.revision;
    const items = revisions.map((rev, i) => {
      const previous = revisions[i + 1];
      const changes = previous ? diffConfigs(previous.config, rev.config) : [];
      if (previous && previous.logo_sha256 !== rev.logo_sha256) changes.push({ path: 'logo', before: previous.logo_sha256?.slice(0, 12) ?? '–', after: rev.logo_sha256?.slice(0, 12) ?? '–' });
      return {
        revision: rev.revision,
        at: rev.created_at,
        actor: rev.actor,
        source: t(`admin.console.history.source.${rev.source === 'file' ? 'file' : 'console'}`),
        reason: rev.reason,
        first: !previous,
        changes: changes.map((c) => ({ ...c, before: c.before || '–', after: c.after || '–' })),
        current: rev.revision === current,
      };
    });
    renderAdmin(ctx, views, 'admin/councils/history', { title: t('admin.console.history.title', { name: draft.config.name?.en ?? draft.slug }), slug: draft.slug, items, liveRevision: draft.liveRevision });
  });

  router.post('/councils/:slug/history/rollback', requireAdmin, async (ctx) => {
    const draft = await councilFromUrl(ctx, deps);
    const { data } = parseForm(ctx, rollbackForm);
    if (!data) return ctx.throw(400);
    const before = await deps.tenants.current(draft.tenantId);
    try {
      const saved = await deps.tenants.rollback(draft.tenantId, data.revision, draft.liveRevision, actorOf(ctx));
      await drafts.discard(deps.platform, draft.tenantId);
      await platformAudit(deps.platform, ctx, { action: 'council.rolled-back', tenantId: draft.tenantId, before: before?.config, after: saved.config, details: { to: data.revision, revision: saved.revision } });
    } catch (err) {
      if (err instanceof StaleRevisionError || err instanceof TenantConfigError) {
        ctx.status = 409;
        return renderAdmin(ctx, views, 'admin/error', { title: t('admin.console.history.rollbackFailed'), body: err.message });
      }
      throw err;
    }
    seeOther(ctx, `/councils/${draft.slug}/history`);
  });
  return router;
}
