import type Router from '@koa/router';
import type Koa from 'koa';
import { fullName, professional } from '../access/actor.js';
import type { FormRouteDeps } from './deps.js';
import { editInput, readInput } from './inputs.js';
import { audit } from '../platform/audit.js';
import { addError, noErrors } from '../platform/http/forms.js';
import { scopeOf } from './scope.js';
import { seeOther } from '../platform/http/see-other.js';
import type { WorkRoleSnapshot } from './summary.js';
import { summarise } from './summary.js';
import { heading } from './pages.js';
import { textsOf } from './texts.js';
import { startEdit, versionsOf } from './responses.js';
import { formPath } from './paths.js';
import { countAttributes } from './fields.js';
import { formatCount } from './validation.js';

const REASON_MAX = 2000;

export function historyRoutes(router: Router, deps: FormRouteDeps): void {
  /** View details: the latest submitted version, read-only, and every version with who, when and why. */
  router.get('/forms/:responseId/view', ...deps.ownResponse, async (ctx) => {
    const scope = scopeOf(ctx);
    const { response, form } = scope;
    if (response.version === 0) return ctx.redirect(formPath(response.id));
    const versions = await versionsOf(response.id);
    const latest = versions.at(-1)!;
    const texts = textsOf(ctx);
    const account = professional(ctx);
    await audit('form.viewed', { subjectType: 'form_response', subjectId: response.id, details: { formId: form.id, childId: response.child_id, version: latest.version } });
    const head = heading(ctx, scope);
    ctx.render('forms/view', {
      ...head,
      title: head.formTitle,
      submittedAt: latest.submitted_at,
      version: latest.version,
      sections: summarise(form, latest.answers, {
        texts,
        documents: latest.documents.map((d) => ({ ...d, href: `/uploads/${d.id}/download` })),
        workRole: latest.answers._workRole as WorkRoleSnapshot | undefined,
      }),
      versions: versions
        .map((v) => ({ version: v.version, submittedAt: v.submitted_at, by: v.submitted_by === account.id ? fullName(account) : '', reason: v.edit_reason }))
        .reverse(),
      editing: !!scope.edit,
    });
  });

  const showReason = (ctx: Koa.Context, reason = '', errors = noErrors()) => {
    const scope = scopeOf(ctx);
    const t = ctx.state.t;
    if (errors.list.length) ctx.status = 400;
    const title = t('forms.edit.title');
    ctx.render('forms/edit-reason', {
      ...heading(ctx, scope),
      title: errors.list.length ? `${t('common.errorPrefix')} ${title}` : title,
      reason,
      errors,
      maxLength: REASON_MAX,
      countLimit: t('forms.count.limit', { max: formatCount(REASON_MAX, ctx.state.lang) }),
      countAttributes: countAttributes(REASON_MAX, textsOf(ctx)),
    });
  };

  /** Edit a submitted form: first the reason (kept with the new version). */
  router.get('/forms/:responseId/edit', ...deps.ownResponse, (ctx) => {
    const scope = scopeOf(ctx);
    if (scope.response.status !== 'submitted' || scope.edit) return ctx.redirect(formPath(scope.response.id));
    showReason(ctx);
  });

  router.post('/forms/:responseId/edit', ...deps.ownResponse, async (ctx) => {
    const scope = scopeOf(ctx);
    if (scope.response.status !== 'submitted' || scope.edit) return seeOther(ctx, formPath(scope.response.id));
    const { reason } = readInput(editInput, ctx.request.body);
    const errors = noErrors();
    if (!reason) addError(errors, ctx, 'reason', 'forms.errors.editReason');
    else if (reason.length > REASON_MAX) addError(errors, ctx, 'reason', 'forms.errors.editReasonTooLong', { max: formatCount(REASON_MAX, ctx.state.lang) });
    if (errors.list.length) return showReason(ctx, reason, errors);
    await startEdit(scope.response, reason);
    await audit('form.edit-started', { subjectType: 'form_response', subjectId: scope.response.id, details: { formId: scope.form.id, childId: scope.response.child_id, reason } });
    seeOther(ctx, formPath(scope.response.id));
  });
}
