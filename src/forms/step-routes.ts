import type Router from '@koa/router';
import type Koa from 'koa';
import { professional } from '../access/actor.js';
import type { FormsDeps } from './deps.js';
import { canChange, ownResponse, scopeOf, seeOther, type FormScope } from './response-scope.js';
import { readStep, stepValues, type ItemValues, type StepValues } from './answers.js';
import type { GroupQuestion, Step } from './definition.js';
import { heading, renderStep, renderSummary, stepList, textsOf } from './pages.js';
import { workRolesOf } from '../accounts/directory.js';
import { saveStep } from './responses.js';
import { formPath, nextStep, stepPath, stepStates } from './steps.js';
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
   * same page again with the errors. "Add more" and "Remove" save and come back.
   */
  router.post('/forms/:responseId/steps/:stepId', ...ownResponse(deps.library), async (ctx) => {
    const scope = scopeOf(ctx);
    const { response, form } = scope;
    if (!canChange(ctx, scope)) return seeOther(ctx, `${formPath(response.id)}/view`);
    const step = openStep(ctx, scope);
    if (step === 'wait') return seeOther(ctx, formPath(response.id));
    if (step.type === 'summary') return seeOther(ctx, stepPath(response.id, step.id));
    const draftDays = ctx.state.tenant!.retention.draftDays;
    const values = readStep(step, ctx.request.body);
    const action = String((ctx.request.body as Record<string, unknown> | undefined)?.action ?? 'save');
    const change = groupAction(step, action);
    if (change) {
      const focus = changeItems(values, change);
      await saveStep(response, step.id, values, { draftDays });
      return seeOther(ctx, `${stepPath(response.id, step.id)}#${change.group.id}-${focus}`);
    }
    const roles = step.type === 'workDetails' ? await workRoleIds(ctx) : [];
    const errors = validateStep(form, step, values, response.answers, textsOf(ctx), roles);
    const valid = errors.list.length === 0;
    const workRoleId = step.type === 'workDetails' && valid ? String(values.workRole) : undefined;
    await saveStep(response, step.id, values, { complete: valid, draftDays, workRoleId });
    if (!valid) {
      scope.response = { ...response, answers: { ...response.answers, [step.id]: values }, completed_steps: response.completed_steps.filter((s) => s !== step.id) };
      return renderStep(ctx, scope, step, deps, values, errors);
    }
    const next = nextStep(form, step.id);
    seeOther(ctx, next ? stepPath(response.id, next.id) : formPath(response.id));
  });

  /** Autosave (forms-autosave.js): what is typed, saved in the background; the step's status is left as it was. */
  router.post('/forms/:responseId/steps/:stepId/autosave', ...ownResponse(deps.library), async (ctx) => {
    const scope = scopeOf(ctx);
    if (!canChange(ctx, scope)) return ctx.throw(409);
    const step = openStep(ctx, scope);
    if (step === 'wait' || step.type !== 'questions') return ctx.throw(409);
    const values = readStep(step, ctx.request.body);
    // A page that lost an item count (an old tab) never wipes saved items.
    const saved = stepValues(scope.response.answers, step.id);
    for (const q of step.questions) if (q.type === 'group' && !(`${q.id}-items` in ((ctx.request.body as object) ?? {}))) values[q.id] = saved[q.id] ?? [];
    await saveStep(scope.response, step.id, values, { draftDays: ctx.state.tenant!.retention.draftDays });
    ctx.status = 204;
  });
}
