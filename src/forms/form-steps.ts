import type Koa from 'koa';
import { professional } from '../access/actor.js';
import type { Language } from '../i18n/index.js';
import { readStep, stepValues, type ItemValues, type StepContext, type StepValues } from './answers.js';
import type { GroupQuestion, Step } from './definition.js';
import type { FormsDeps } from './deps.js';
import { heading, renderStep, renderSummary, stepList } from './pages.js';
import { textsOf } from './texts.js';
import { formPath, recoverPath, stepPath } from './paths.js';
import { deletionDate, saveForLater } from './save-for-later.js';
import type { FormScope } from './scope.js';
import { applyStepAction, prepareStep } from './step-actions.js';
import type { StepInput } from './inputs.js';
import { saveStepValues } from './step-save.js';
import { firstUnfinishedStep, nextStep, stepStates } from './steps.js';
import { validateStep } from './validation.js';

/** What a step POST ended with: go to a page, the same page shown again with its errors, or a page changed by hand. */
export type StepOutcome = { kind: 'redirect'; to: string } | { kind: 'shown' } | { kind: 'tampered' };

/**
 * The forms engine behind the step pages (step-routes.ts): the step list, which
 * step may be opened, each step's page, and saving what was typed. Built once
 * by the forms routes with what the composition root gives them.
 */
export interface FormSteps {
  /** The step named in the URL: undefined if the form has none, 'wait' until every step before it is complete (a saved step can always be opened). */
  open(scope: FormScope, stepId: string, lang: Language): Step | 'wait' | undefined;
  /** The first step not yet complete (undefined once every step is). */
  firstUnfinished(scope: FormScope, lang: Language): Step | undefined;
  /** The step list (GOV.UK task list). */
  showOverview(ctx: Koa.Context, scope: FormScope): void;
  /** "Your form has been saved". */
  showSaved(ctx: Koa.Context, scope: FormScope): void;
  /** A step's page, or the summary. */
  show(ctx: Koa.Context, scope: FormScope, step: Step): Promise<void>;
  /** Save and continue, Save for later, and the buttons that change the page (Add, Remove, Find address, Answer for). */
  save(ctx: Koa.Context, scope: FormScope, step: Step, input: StepInput): Promise<StepOutcome>;
  /** What is typed, saved in the background; false when the step cannot be autosaved. */
  autosave(scope: FormScope, step: Step, body: unknown): Promise<boolean>;
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

/** The scope as the page now shows it: the step's values as just saved, complete or not. */
function withSaved(scope: FormScope, step: Step, values: StepValues, complete?: boolean): void {
  const completed = scope.response.completed_steps.filter((s) => s !== step.id);
  scope.response = { ...scope.response, answers: { ...scope.response.answers, [step.id]: values }, completed_steps: complete ? [...completed, step.id] : completed };
}

export function formSteps(deps: FormsDeps): FormSteps {
  return {
    open(scope, stepId, lang) {
      const state = stepStates(scope.form, scope.response, lang).find((s) => s.step.id === stepId);
      if (!state) return undefined;
      return state.reachable ? state.step : 'wait';
    },

    firstUnfinished: (scope, lang) => firstUnfinishedStep(scope.form, scope.response, lang),

    showOverview(ctx, scope) {
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
    },

    showSaved(ctx, scope) {
      const head = heading(ctx, scope);
      ctx.render('forms/saved', { ...head, title: ctx.state.t('forms.saved.title'), deleteOn: deletionDate(scope, ctx), continueHref: `${formPath(scope.response.id)}/continue`, recoverHref: recoverPath() });
    },

    show: (ctx, scope, step) => (step.type === 'summary' ? renderSummary(ctx, scope, step, deps) : renderStep(ctx, scope, step, deps)),

    /**
     * Everything typed is saved, valid or not (nothing is ever lost); a valid
     * step is marked complete and the next one opens; otherwise the same page
     * again with the errors. "Save for later" saves without checking, emails a
     * link to Recover a form and says until when the form is kept.
     */
    async save(ctx, scope, step, input) {
      const { response, form } = scope;
      const context: StepContext = await prepareStep(form, response.answers, input.fields, deps.findAddresses);
      const values = readStep(step, input.fields, context);
      const here = stepPath(response.id, step.id);

      if (input.action === 'save-for-later' && response.status === 'draft') {
        // Saved as typed, unchecked; the step keeps its status.
        await saveStepValues(scope, step, values);
        await saveForLater(ctx, scope);
        return { kind: 'redirect', to: `${formPath(response.id)}/saved` };
      }

      const result = await applyStepAction(step, values, input.action, { texts: textsOf(ctx), findAddresses: deps.findAddresses, people: context.people });
      if (result && !result.ok) return { kind: 'tampered' };
      if (result) {
        await saveStepValues(scope, step, result.values);
        if (result.errors.list.length) {
          withSaved(scope, step, result.values);
          await renderStep(ctx, scope, step, deps, result.values, result.errors, await prepareStep(form, scope.response.answers, result.values, deps.findAddresses));
          return { kind: 'shown' };
        }
        const query = result.notice ? `?answerFor=${encodeURIComponent(result.notice)}` : '';
        return { kind: 'redirect', to: `${here}${query}#${result.anchor}` };
      }

      const change = groupAction(step, input.action);
      if (change) {
        const focus = changeItems(values, change);
        await saveStepValues(scope, step, values);
        return { kind: 'redirect', to: `${here}#${change.group.id}-${focus}` };
      }
      if (input.action !== 'save') return { kind: 'tampered' };

      const roles = step.type === 'workDetails' ? (await deps.workRoles.of(professional(ctx).id)).map((r) => r.id) : [];
      const errors = validateStep(form, step, values, response.answers, textsOf(ctx), roles);
      const valid = errors.list.length === 0;
      const workRoleId = step.type === 'workDetails' && valid ? String(values.workRole) : undefined;
      await saveStepValues(scope, step, values, { complete: valid, workRoleId });
      if (!valid) {
        withSaved(scope, step, values, false);
        await renderStep(ctx, scope, step, deps, values, errors, context);
        return { kind: 'shown' };
      }
      const next = nextStep(form, step.id);
      return { kind: 'redirect', to: next ? stepPath(response.id, next.id) : formPath(response.id) };
    },

    async autosave(scope, step, body) {
      if (step.type !== 'questions' && step.type !== 'people') return false;
      const context = await prepareStep(scope.form, scope.response.answers, body, deps.findAddresses);
      const values = readStep(step, body, context);
      // A page that lost an item count (an old tab) never wipes saved items.
      const saved = stepValues(scope.response.answers, step.id);
      const posted = typeof body === 'object' && body !== null ? body : {};
      if (step.type === 'questions') for (const q of step.questions) if (q.type === 'group' && !(`${q.id}-items` in posted)) values[q.id] = saved[q.id] ?? [];
      await saveStepValues(scope, step, values);
      return true;
    },
  };
}
