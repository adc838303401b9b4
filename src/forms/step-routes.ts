import type Router from '@koa/router';
import type Koa from 'koa';
import { professional } from '../access/actor.js';
import { field } from '../platform/http/forms.js';
import type { FormsDeps } from './deps.js';
import { canChange, ownResponse, scopeOf, seeOther, type FormScope } from './response-scope.js';
import { readStep, stepValues, type ItemValues, type StepContext, type StepValues } from './answers.js';
import type { GroupQuestion, Step } from './definition.js';
import { renderStep, renderSummary, stepList, heading, textsOf } from './pages.js';
import { workRolesOf } from '../accounts/directory.js';
import { applyStepAction, prepareStep } from './step-actions.js';
import { saveStepValues } from './step-save.js';
import { deletionDate, recoverPath, saveForLater } from './save-for-later.js';
import { firstUnfinishedStep, formPath, nextStep, stepPath, stepStates } from './steps.js';
import { validateStep } from './validation.js';

/** The step named in the URL, if the professional may open it now (a saved step, or every step before it complete). */
function openStep(ctx: Koa.Context, scope: FormScope): Step | 'wait' {
  const state = stepStates(scope.form, scope.response, ctx.state.lang).find((s) => s.step.id === ctx.params.stepId);
  if (!state) return ctx.throw(404);
  return state.reachable ? state.step : 'wait';
}

/** "add-<group>" or "remove-<group>-<n>": the repeating-group buttons. */
function groupAction(step: Step, action: string): { group: GroupQuestion; remove?: number } | undefined {
  if (step.type !== 'questions') return undefined;
  const match = /^(add|remove)-([a-zA-Z0-9]+)(?:-(\d+))?$/.exec(action);
  const group = match && step.questions.find((q): q is GroupQuestion => q.type === 'group' && q.id === match[2]);
  if (!match || !group) return undefined;
  return { group, remove: match[1] === 'remove' ? Number(match[3]) : undefined };
}

/** Adds an empty item to a group, or removes one, keeping everything else typed. */
function changeItems(values: StepValues, change: { group: GroupQuestion; remove?: number }): number {
  const items = [...((values[change.group.id] as ItemValues[] | undefined) ?? [])];
  const floor = Math.max(change.group.min, 1);
  if (change.remove === undefined) {
    if (items.length < change.group.max) items.push({});
    values[change.group.id] = items;
    return items.length - 1;
  }
  if (items.length > floor && change.remove < items.length) items.splice(change.remove, 1);
  values[change.group.id] = items;
  return Math.min(change.remove, items.length - 1);
}

async function workRoleIds(ctx: Koa.Context): Promise<string[]> {
  return (await workRolesOf(professional(ctx).id)).map((r) => r.id);
}

/** The scope as the page now shows it: the step's values as just saved, complete or not. */
function withSaved(scope: FormScope, step: Step, values: StepValues, complete?: boolean): void {
  const completed = scope.response.completed_steps.filter((s) => s !== step.id);
  scope.response = { ...scope.response, answers: { ...scope.response.answers, [step.id]: values }, completed_steps: complete ? [...completed, step.id] : completed };
}

/** A page that was changed by hand (a question, person or field not on this step): nothing is stored. */
function tampered(ctx: Koa.Context): never {
  return ctx.throw(400, 'This page was changed: a question or person is not on this form', { expose: false });
}

export function stepRoutes(router: Router, deps: FormsDeps): void {
  /** The step list (GOV.UK task list): each step's status; saved steps and the next ones can be opened. */
  router.get('/forms/:responseId', ...ownResponse(deps.library), (ctx) => {
    const scope = scopeOf(ctx);
    if (!canChange(ctx, scope)) return ctx.redirect(`${formPath(scope.response.id)}/view`);
    const steps = stepList(ctx, scope);
    const head = heading(ctx, scope);
    ctx.render('forms/overview', {
      ...head,
      title: head.formTitle,
      steps,
      completedCount: steps.filter((s) => s.completed).length,
      stepCount: steps.filter((s) => s.step.type !== 'summary').length,
      completedTag: ctx.state.tenant!.formSteps?.completedTag,
    });
  });

  /** "Your form has been saved": until when it is kept, and the way back to it. */
  router.get('/forms/:responseId/saved', ...ownResponse(deps.library), (ctx) => {
    const scope = scopeOf(ctx);
    if (scope.response.status !== 'draft') return ctx.redirect(formPath(scope.response.id));
    const head = heading(ctx, scope);
    ctx.set('Cache-Control', 'no-store');
    ctx.render('forms/saved', { ...head, title: ctx.state.t('forms.saved.title'), deleteOn: deletionDate(scope, ctx), continueHref: `${formPath(scope.response.id)}/continue`, recoverHref: recoverPath() });
  });

  /** Continue a saved form (Recover a form): the first step not yet complete. */
  router.get('/forms/:responseId/continue', ...ownResponse(deps.library), (ctx) => {
    const scope = scopeOf(ctx);
    if (!canChange(ctx, scope)) return ctx.redirect(`${formPath(scope.response.id)}/view`);
    const step = firstUnfinishedStep(scope.form, scope.response, ctx.state.lang);
    ctx.redirect(step ? stepPath(scope.response.id, step.id) : formPath(scope.response.id));
  });

  router.get('/forms/:responseId/steps/:stepId', ...ownResponse(deps.library), async (ctx) => {
    const scope = scopeOf(ctx);
    if (!canChange(ctx, scope)) return ctx.redirect(`${formPath(scope.response.id)}/view`);
    const step = openStep(ctx, scope);
    if (step === 'wait') return ctx.redirect(formPath(scope.response.id));
    if (step.type === 'summary') return renderSummary(ctx, scope, step, deps);
    await renderStep(ctx, scope, step, deps);
  });

  /**
   * Save and continue: everything typed is saved, valid or not (nothing is ever
   * lost); a valid step is marked complete and the next one opens; otherwise the
   * same page again with the errors. "Save for later" saves without checking,
   * emails a link to Recover a form and says until when the form is kept. "Answer for", "+ Include", the address finder, "Add" and
   * "Remove" save and come back to the same page.
   */
  router.post('/forms/:responseId/steps/:stepId', ...ownResponse(deps.library), async (ctx) => {
    const scope = scopeOf(ctx);
    const { response, form } = scope;
    if (!canChange(ctx, scope)) return seeOther(ctx, `${formPath(response.id)}/view`);
    const step = openStep(ctx, scope);
    if (step === 'wait') return seeOther(ctx, formPath(response.id));
    if (step.type === 'summary') return seeOther(ctx, stepPath(response.id, step.id));
    const body = ctx.request.body;
    const context: StepContext = await prepareStep(form, response.answers, body, deps.findAddresses);
    const values = readStep(step, body, context);
    const action = field(body, 'action') || 'save';
    const here = stepPath(response.id, step.id);

    if (action === 'save-for-later' && response.status === 'draft') {
      // Saved as typed, unchecked; the step keeps its status.
      await saveStepValues(scope, step, values);
      return saveForLater(ctx, scope);
    }

    const result = await applyStepAction(step, values, action, { texts: textsOf(ctx), findAddresses: deps.findAddresses, people: context.people });
    if (result && !result.ok) return tampered(ctx);
    if (result) {
      await saveStepValues(scope, step, result.values);
      if (result.errors.list.length) {
        withSaved(scope, step, result.values);
        return renderStep(ctx, scope, step, deps, result.values, result.errors, await prepareStep(form, scope.response.answers, result.values, deps.findAddresses));
      }
      const query = result.notice ? `?answerFor=${encodeURIComponent(result.notice)}` : '';
      return seeOther(ctx, `${here}${query}#${result.anchor}`);
    }

    const change = groupAction(step, action);
    if (change) {
      const focus = changeItems(values, change);
      await saveStepValues(scope, step, values);
      return seeOther(ctx, `${here}#${change.group.id}-${focus}`);
    }
    if (action !== 'save') return tampered(ctx);

    const roles = step.type === 'workDetails' ? await workRoleIds(ctx) : [];
    const errors = validateStep(form, step, values, response.answers, textsOf(ctx), roles);
    const valid = errors.list.length === 0;
    const workRoleId = step.type === 'workDetails' && valid ? String(values.workRole) : undefined;
    await saveStepValues(scope, step, values, { complete: valid, workRoleId });
    if (!valid) {
      withSaved(scope, step, values, false);
      return renderStep(ctx, scope, step, deps, values, errors, context);
    }
    const next = nextStep(form, step.id);
    seeOther(ctx, next ? stepPath(response.id, next.id) : formPath(response.id));
  });

  /** Autosave (forms-autosave.js): what is typed, saved in the background; the step's status is left as it was. */
  router.post('/forms/:responseId/steps/:stepId/autosave', ...ownResponse(deps.library), async (ctx) => {
    const scope = scopeOf(ctx);
    if (!canChange(ctx, scope)) return ctx.throw(409);
    const step = openStep(ctx, scope);
    if (step === 'wait' || (step.type !== 'questions' && step.type !== 'people')) return ctx.throw(409);
    const body = ctx.request.body;
    const context = await prepareStep(scope.form, scope.response.answers, body, deps.findAddresses);
    const values = readStep(step, body, context);
    // A page that lost an item count (an old tab) never wipes saved items.
    const saved = stepValues(scope.response.answers, step.id);
    if (step.type === 'questions') for (const q of step.questions) if (q.type === 'group' && !(`${q.id}-items` in ((body as object) ?? {}))) values[q.id] = saved[q.id] ?? [];
    await saveStepValues(scope, step, values);
    ctx.status = 204;
  });
}
