import Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { addError, noErrors, parseForm, readForm, text, type FormErrors } from '../../platform/http/forms.js';
import type { Views } from '../../platform/http/views.js';
import { requireAdmin } from '../accounts/guard.js';
import { platformAudit } from '../audit.js';
import type { AdminDeps } from '../deps.js';
import { renderAdmin, seeOther, t } from '../page.js';
import { councilFromUrl } from '../councils/council-page.js';
import { setupUrl, StaffInviteError, staffInvites } from '../../accounts/staff/invitations.js';
import { publicUrlSettings } from '../../tenancy/urls.js';

const inviteForm = z.object({
  forename: text(z.string().min(1, 'admin.console.staff.errors.forename').max(100, 'admin.console.staff.errors.forename')),
  surname: text(z.string().min(1, 'admin.console.staff.errors.surname').max(100, 'admin.console.staff.errors.surname')),
  email: text(z.string().toLowerCase().max(320, 'admin.console.staff.errors.email').email('admin.console.staff.errors.email')),
  locale: z.enum(['en', 'cy']).default('en'),
});
/** What was typed, shown again with the errors. */
const typedInput = z.object({ forename: text(), surname: text(), email: text() });
/** The list's word on the invitation just sent (its email address). */
const listQuery = z.object({ sent: z.string().optional().catch(undefined) });
/** A staff account's id in the URL (anything else is not found). */
const accountParams = z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/) });

/** A live council's staff: list, invite by email (a 72-hour set-up link), resend, disable. */
export function staffRoutes(views: Views, deps: AdminDeps): Router {
  const router = new Router();

  const served = async (ctx: Koa.Context) => {
    const draft = await councilFromUrl(ctx, deps);
    const tenant = deps.registry.forId(draft.tenantId);
    return { draft, tenant };
  };
  const show = async (ctx: Koa.Context, values: Record<string, string> = {}, errors: FormErrors = noErrors()) => {
    const { draft, tenant } = await served(ctx);
    const staff = tenant ? await staffInvites.list(deps.platform, tenant.id) : [];
    const { sent } = listQuery.parse(ctx.query);
    renderAdmin(ctx, views, 'admin/staff/list', {
      title: t('admin.console.staff.title', { name: draft.config.name?.en ?? draft.slug }),
      slug: draft.slug,
      published: !!tenant,
      bilingual: tenant?.languages.includes('cy') ?? false,
      localeOptions: [
        { value: 'en', text: t('admin.console.languages.en') },
        { value: 'cy', text: t('admin.console.languages.cy') },
      ],
      staff: staff.map((s) => ({ ...s, statusText: t(`admin.console.staff.status.${s.status}`), invited: s.status === 'invited', active: s.status !== 'disabled' })),
      values,
      errors,
      notice: sent === undefined ? undefined : t('admin.console.staff.sent', { email: sent }),
    });
  };

  router.get('/councils/:slug/staff', requireAdmin, (ctx) => show(ctx));
  router.post('/councils/:slug/staff', requireAdmin, async (ctx) => {
    const { tenant, draft } = await served(ctx);
    if (!tenant) return ctx.throw(404);
    const { data, errors } = parseForm(ctx, inviteForm);
    const typed = readForm(ctx, typedInput);
    if (!data) return show(ctx, typed, errors);
    try {
      const id = await staffInvites.invite(deps.platform, tenant, data, (token) => setupUrl(tenant, token, publicUrlSettings(deps.config)));
      await platformAudit(deps.platform, ctx, { action: 'staff.invited', tenantId: draft.tenantId, after: { id, email: data.email, forename: data.forename, surname: data.surname } });
    } catch (err) {
      if (err instanceof StaffInviteError) return show(ctx, typed, addError(noErrors(), ctx, 'email', 'admin.console.staff.errors.exists'));
      throw err;
    }
    seeOther(ctx, `/councils/${draft.slug}/staff?sent=${encodeURIComponent(data.email)}`);
  });

  const accountId = (ctx: Koa.Context): string => {
    const params = accountParams.safeParse(ctx.params);
    return params.success ? params.data.id : ctx.throw(404);
  };

  router.post('/councils/:slug/staff/:id/resend', requireAdmin, async (ctx) => {
    const { tenant, draft } = await served(ctx);
    if (!tenant) return ctx.throw(404);
    const id = accountId(ctx);
    try {
      const email = await staffInvites.resend(deps.platform, tenant, id, (token) => setupUrl(tenant, token, publicUrlSettings(deps.config)));
      await platformAudit(deps.platform, ctx, { action: 'staff.invite-resent', tenantId: draft.tenantId, details: { id, email } });
      seeOther(ctx, `/councils/${draft.slug}/staff?sent=${encodeURIComponent(email)}`);
    } catch (err) {
      if (err instanceof StaffInviteError) return ctx.throw(404);
      throw err;
    }
  });

  router.post('/councils/:slug/staff/:id/disable', requireAdmin, async (ctx) => {
    const { tenant, draft } = await served(ctx);
    if (!tenant) return ctx.throw(404);
    const id = accountId(ctx);
    try {
      const email = await staffInvites.disable(deps.platform, tenant.id, id);
      await platformAudit(deps.platform, ctx, { action: 'staff.disabled', tenantId: draft.tenantId, before: { id, email, status: 'active' }, after: { id, email, status: 'disabled' } });
    } catch (err) {
      if (err instanceof StaffInviteError) return ctx.throw(404);
      throw err;
    }
    seeOther(ctx, `/councils/${draft.slug}/staff`);
  });
  return router;
}
