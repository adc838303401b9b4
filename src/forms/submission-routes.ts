import type Router from '@koa/router';
import type Koa from 'koa';
import { professional } from '../access/actor.js';
import { holdChild } from '../people/children.js';
import { localise } from '../i18n/index.js';
import { sendMessage } from '../messages/inbox.js';
import { audit } from '../platform/audit.js';
import { noErrors } from '../platform/http/forms.js';
import { hasUnclearedUploads } from '../uploads/service.js';
import type { FormRouteDeps } from './deps.js';
import { declarationsInput, readInput } from './inputs.js';
import { aboutName } from './response-scope.js';
import { canChange, scopeOf, type FormScope } from './scope.js';
import { seeOther } from '../platform/http/see-other.js';
import { stepValues } from './answers.js';
import { currentDocuments, heading, renderSummary } from './pages.js';
import { textsOf } from './texts.js';
import { freezeVersion, lockResponse } from './responses.js';
import { stepStates } from './steps.js';
import { formPath, stepPath } from './paths.js';
import { answersToFreeze, workRoleSnapshot } from './summary.js';
import { addFieldError, validateStep } from './validation.js';
import { receive } from './intake.js';
import { queueEmail } from '../platform/mail/outbox.js';
import { intakePath, SERVICE_AREAS } from '../tenancy/services.js';

/** Tells the professional, in their inbox (and by an email to sign in), that the form has reached the council. */
async function confirmByMessage(ctx: Koa.Context, scope: FormScope): Promise<void> {
  const account = professional(ctx);
  const t = ctx.state.t;
  const names = { form: localise(scope.form.title, ctx.state.lang), child: aboutName(scope, textsOf(ctx)) };
  await sendMessage({
    accountId: account.id,
    email: account.email,
    locale: ctx.state.lang,
    subject: t('forms.message.subject', names),
    body: t('forms.message.body', names),
    linkPath: `${formPath(scope.response.id)}/view`,
    linkText: t('forms.message.linkText', names),
    signInUrl: `${ctx.state.origin}/sign-in`,
  });
}

/**
 * A first submission to a service with an intake queue arrives there as New,
 * and the service's team mailbox (tenant file) is told, without personal data.
 */
async function toIntake(ctx: Koa.Context, scope: FormScope): Promise<void> {
  const area = SERVICE_AREAS.find((a) => a.service === scope.enabled.service && a.intake);
  if (!area || !(await receive(scope.response.id, area.service))) return;
  const mailbox = ctx.state.tenant!.intake?.[area.service]?.mailbox;
  if (!mailbox) return;
  await queueEmail({
    to: mailbox,
    template: 'forms.emails.intakeNotice',
    locale: ctx.state.tenant!.languages[0] ?? 'en',
    data: { form: localise(scope.form.title, ctx.state.tenant!.languages[0] ?? 'en'), actionUrl: `${ctx.state.origin}${intakePath(area)}` },
  });
}

export function submissionRoutes(router: Router, deps: FormRouteDeps): void {
  /**
   * Submit: both declarations ticked, every step complete and valid, no document
   * waiting for its virus scan. Freezes the answers and documents as a new version.
   */
  router.post('/forms/:responseId/submit', ...deps.ownResponse, async (ctx) => {
    const scope = scopeOf(ctx);
    if (!canChange(ctx, scope)) return seeOther(ctx, `${formPath(scope.response.id)}/view`);
    const response = (await lockResponse(scope.response.id))!;
    // The child's record stays until this submission commits (people refuse to delete a child with a submitted form).
    if (response.child_id) await holdChild(response.child_id);
    scope.response = response;
    const { form } = scope;
    const texts = textsOf(ctx);
    const summaryStep = form.steps.at(-1)!;
    if (!stepStates(form, response, ctx.state.lang).at(-1)!.reachable) return seeOther(ctx, formPath(response.id));

    const errors = noErrors();
    const roles = (await deps.workRoles.of(professional(ctx).id)).map((r) => r.id);
    for (const step of form.steps.filter((s) => s.type !== 'summary')) {
      // Checked again as saved: an autosave may have stored something incomplete since.
      const problems = validateStep(form, step, stepValues(response.answers, step.id), response.answers, texts, roles);
      if (problems.list.length) addFieldError(errors, `step-${step.id}`, texts.t('forms.errors.stepIncomplete', { step: localise(step.title, texts.lang) }), stepPath(response.id, step.id));
    }
    if (await hasUnclearedUploads(response.id)) {
      const documents = form.steps.find((s) => s.type === 'questions' && s.questions.some((q) => q.type === 'file'));
      addFieldError(errors, 'documents', texts.t('forms.errors.uploadsPending'), documents ? stepPath(response.id, documents.id) : '#documents');
    }
    const agreed = readInput(declarationsInput, ctx.request.body);
    const ticked = form.declarations.filter((d) => agreed(d.id)).map((d) => d.id);
    for (const d of form.declarations) if (!ticked.includes(d.id)) addFieldError(errors, d.id, localise(d.error, texts.lang));
    if (errors.list.length) return renderSummary(ctx, scope, summaryStep, deps, errors, ticked);

    const role = response.work_role_id ? await deps.workRoles.one(professional(ctx).id, response.work_role_id) : undefined;
    const snapshot = role ? workRoleSnapshot(role) : undefined;
    const documents = (await currentDocuments(deps, response.id)).map(({ status: _status, ...d }) => d);
    const reason = scope.edit?.reason ?? null;
    const version = await freezeVersion(response, { answers: answersToFreeze(form, response.answers, snapshot), documents, submittedBy: professional(ctx).id, editReason: reason });
    await audit(version === 1 ? 'form.submitted' : 'form.resubmitted', {
      subjectType: 'form_response',
      subjectId: response.id,
      details: { formId: form.id, childId: response.child_id, version, documents: documents.length, ...(reason ? { reason } : {}) },
    });
    await confirmByMessage(ctx, scope);
    if (version === 1) await toIntake(ctx, scope);
    seeOther(ctx, `${formPath(response.id)}/submitted`);
  });

  /** "Form Submitted": thanks, and Finish back to the child's page. */
  router.get('/forms/:responseId/submitted', ...deps.ownResponse, (ctx) => {
    const scope = scopeOf(ctx);
    if (scope.response.status !== 'submitted' || scope.edit) return ctx.redirect(formPath(scope.response.id));
    const head = heading(ctx, scope);
    ctx.render('forms/submitted', { ...head, title: ctx.state.t('forms.submitted.title') });
  });
}
