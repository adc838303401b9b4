import Router from '@koa/router';
import type Koa from 'koa';
import { z } from 'zod';
import { addError, noErrors, parseForm, readForm, text, type FormErrors } from '../../platform/http/forms.js';
import type { Views } from '../../platform/http/views.js';
import { TenantConfigError } from '../../tenancy/config-service.js';
import { requireAdmin } from '../accounts/guard.js';
import { platformAudit } from '../audit.js';
import type { AdminDeps } from '../deps.js';
import { renderAdmin, seeOther, t } from '../page.js';
import { actorOf, councilFromUrl } from './council-page.js';
import { drafts, StaleDraftError, type CouncilDraft } from './drafts.js';
import { cleanLogo, LogoError, MAX_LOGO_BYTES } from './logo.js';
import { readOneFile } from './multipart.js';
import { applyTask, taskStatus } from './task-check.js';
import { fieldViews, taskErrors } from './task-view.js';
import { TASKS, taskById } from './tasks/index.js';
import type { FormValues, Task, TaskContext } from './tasks/task.js';

const newCouncilForm = z.object({
  slug: text(
    z
      .string()
      .min(1, 'admin.console.newCouncil.errors.slugMissing')
      .max(63, 'admin.console.newCouncil.errors.slugFormat')
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'admin.console.newCouncil.errors.slugFormat'),
  ),
});
/** The slug typed, shown again with the errors. */
const typedInput = z.object({ slug: text() });
/** The council page's word on what was just done: a key under admin.console.notices. */
const councilQuery = z.object({ notice: z.string().regex(/^[a-zA-Z]+$/).optional().catch(undefined) });
/** The task in the URL (looked up among the tasks). */
const taskParams = z.object({ task: z.string().catch('') });

/** The body as flat field names: the body parser turns "name.en" into nested objects, so they are joined again. */
function formValues(body: unknown, prefix = '', values: FormValues = {}): FormValues {
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    const name = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') values[name] = v;
    else if (Array.isArray(v)) values[name] = v.filter((x): x is string => typeof x === 'string');
    else if (v && typeof v === 'object') formValues(v, name, values);
  }
  return values;
}

/** A task's form as posted: its fields by flat name (each task checks its own in applyTask), with the draft version it was edited from. */
const taskInput = z.preprocess((body) => formValues(body), z.record(z.string(), z.union([z.string(), z.array(z.string())])));

/** The council page (its task list and actions), each task's form, the logo upload, and "add a council". */
export function taskRoutes(views: Views, deps: AdminDeps): Router {
  const router = new Router();
  const context = (draft: CouncilDraft): TaskContext => ({ draft: draft.config, library: deps.formLibrary() });

  const showNew = (ctx: Koa.Context, values: { slug?: string }, errors: FormErrors = noErrors()) => renderAdmin(ctx, views, 'admin/councils/new', { title: t('admin.console.newCouncil.title'), values, errors });
  router.get('/councils/new', requireAdmin, (ctx) => showNew(ctx, {}));
  router.post('/councils/new', requireAdmin, async (ctx) => {
    const { data, errors } = parseForm(ctx, newCouncilForm);
    if (!data) return showNew(ctx, readForm(ctx, typedInput), errors);
    try {
      const tenantId = await deps.tenants.createDraft(data.slug, actorOf(ctx));
      await platformAudit(deps.platform, ctx, { action: 'council.created', tenantId, after: { slug: data.slug } });
    } catch (err) {
      if (!(err instanceof TenantConfigError)) throw err;
      return showNew(ctx, data, addError(noErrors(), ctx, 'slug', 'admin.console.newCouncil.errors.slugTaken'));
    }
    seeOther(ctx, `/councils/${data.slug}`);
  });

  router.get('/councils/:slug', requireAdmin, async (ctx) => {
    const draft = await councilFromUrl(ctx, deps);
    const { notice } = councilQuery.parse(ctx.query);
    const tasks = TASKS.map((task) => {
      const status = taskStatus(task, draft.config);
      return { href: `/councils/${draft.slug}/tasks/${task.id}`, title: t(`admin.console.tasks.${task.id}.title`), status, statusText: t(`admin.console.taskStatus.${status}`), linked: status !== 'notNeeded', done: status === 'completed' };
    });
    renderAdmin(ctx, views, 'admin/councils/council', {
      title: draft.config.name?.en ?? draft.slug,
      slug: draft.slug,
      status: draft.status,
      statusText: t(`admin.console.status.${draft.status}`),
      live: draft.status === 'live',
      suspended: draft.status === 'suspended',
      published: draft.status !== 'draft',
      unpublished: draft.unpublished,
      liveRevision: draft.liveRevision,
      completed: tasks.filter((task) => task.done || task.status === 'notNeeded').length,
      total: tasks.length,
      tasks,
      notice: notice ? t(`admin.console.notices.${notice}`) : undefined,
    });
  });

  const showTask = async (ctx: Koa.Context, draft: CouncilDraft, task: Task, values: FormValues, errors: FormErrors = noErrors(), version = draft.version) => {
    const ctxTask = context(draft);
    renderAdmin(ctx, views, 'admin/councils/task', {
      title: t(`admin.console.tasks.${task.id}.title`),
      intro: t(`admin.console.tasks.${task.id}.intro`),
      slug: draft.slug,
      taskId: task.id,
      version,
      fields: fieldViews(task.layout(ctxTask), values, errors),
      errors,
      logo: task.id === 'branding' ? { present: !!draft.logoSha256, maxKb: MAX_LOGO_BYTES / 1024, action: `/councils/${draft.slug}/logo?_csrf=${encodeURIComponent(ctx.state.csrfToken ?? '')}`, canUpload: !!draft.config.brand } : undefined,
    });
  };

  const loadTask = async (ctx: Koa.Context) => {
    const draft = await councilFromUrl(ctx, deps);
    const task = taskById(taskParams.parse(ctx.params).task);
    if (!task || (task.applies && !task.applies(draft.config))) return ctx.throw(404);
    return { draft, task };
  };

  router.get('/councils/:slug/tasks/:task', requireAdmin, async (ctx) => {
    const { draft, task } = await loadTask(ctx);
    await showTask(ctx, draft, task, task.toForm(context(draft)));
  });

  router.post('/councils/:slug/tasks/:task', requireAdmin, async (ctx) => {
    const { draft, task } = await loadTask(ctx);
    const form = readForm(ctx, taskInput);
    const version = Number(form.version);
    const result = applyTask(task, form, context(draft));
    if (!result.draft) return showTask(ctx, draft, task, form, taskErrors(result.problems), version);
    try {
      await drafts.save(deps.platform, draft, { config: result.draft }, version, actorOf(ctx));
    } catch (err) {
      if (!(err instanceof StaleDraftError)) throw err;
      ctx.status = 409;
      return showTask(ctx, draft, task, form, taskErrors([{ name: task.layout(context(draft)).find((f) => f.kind !== 'heading')?.name ?? 'form', message: 'admin.console.errors.staleDraft' }]), version);
    }
    await platformAudit(deps.platform, ctx, { action: `council.draft.${task.id}`, tenantId: draft.tenantId, before: pick(draft.config, task), after: pick(result.draft, task) });
    seeOther(ctx, `/councils/${draft.slug}`);
  });

  router.post('/councils/:slug/logo', requireAdmin, async (ctx) => {
    const draft = await councilFromUrl(ctx, deps);
    const task = taskById('branding')!;
    const refuse = (key: string) => showTask(ctx, draft, task, task.toForm(context(draft)), taskErrors([{ name: 'logo', message: key, values: { maxKb: MAX_LOGO_BYTES / 1024 } }]));
    if (!draft.config.brand) return refuse('admin.console.logo.errors.coloursFirst');
    const file = await readOneFile(ctx, MAX_LOGO_BYTES);
    if (!file || !file.bytes.length) return refuse('admin.console.logo.errors.missing');
    if (file.tooLarge) return refuse('admin.console.logo.errors.size');
    let logo;
    try {
      logo = await cleanLogo(file.bytes);
    } catch (err) {
      if (err instanceof LogoError) return refuse(`admin.console.logo.errors.${err.reason}`);
      throw err;
    }
    const hash = await deps.tenants.storeLogo(draft.tenantId, logo.bytes, logo.contentType);
    const config = { ...draft.config, brand: { ...draft.config.brand, logo: logo.fileName } };
    try {
      await drafts.save(deps.platform, draft, { config, logoSha256: hash }, draft.version, actorOf(ctx));
    } catch (err) {
      if (!(err instanceof StaleDraftError)) throw err;
      return refuse('admin.console.errors.staleDraft');
    }
    await platformAudit(deps.platform, ctx, { action: 'council.draft.logo', tenantId: draft.tenantId, before: { logo: draft.logoSha256 }, after: { logo: hash, contentType: logo.contentType, bytes: logo.bytes.length } });
    seeOther(ctx, `/councils/${draft.slug}/tasks/branding`);
  });

  return router;
}

/** The part of a config a task writes, for the audit log's before and after. */
function pick(config: Record<string, unknown>, task: Task): Record<string, unknown> {
  return Object.fromEntries(task.fields.map((f) => [f, config[f] ?? null]));
}
