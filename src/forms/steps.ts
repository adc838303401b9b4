import { localise, type Language } from '../i18n/index.js';
import { hasSaved } from './answers.js';
import type { FormDefinition, Step } from './definition.js';
import type { FormResponseRow } from './responses.js';
import { stepPath } from './paths.js';

export type StepStatus = 'completed' | 'inProgress' | 'notStarted' | 'cannotStartYet';

export interface StepState {
  step: Step;
  number: number;
  title: string;
  status: StepStatus;
  /** Any saved step can be opened again; others once every step before them is complete. */
  reachable: boolean;
  href: string;
}

/** Each step's status for the step list: "Completed" once saved valid, "In progress" once saved, else "Not started". */
export function stepStates(form: FormDefinition, response: FormResponseRow, lang: Language): StepState[] {
  let everyStepBefore = true;
  return form.steps.map((step, i) => {
    const completed = response.completed_steps.includes(step.id);
    const saved = hasSaved(response.answers, step.id);
    const reachable = step.type === 'summary' ? everyStepBefore : saved || completed || everyStepBefore;
    const status: StepStatus = step.type !== 'summary' && completed ? 'completed' : saved && step.type !== 'summary' ? 'inProgress' : reachable ? 'notStarted' : 'cannotStartYet';
    everyStepBefore &&= completed || step.type === 'summary';
    return { step, number: i + 1, title: localise(step.title, lang), status, reachable, href: stepPath(response.id, step.id) };
  });
}

/** The step after this one. */
export function nextStep(form: FormDefinition, stepId: string): Step | undefined {
  const i = form.steps.findIndex((s) => s.id === stepId);
  return i >= 0 ? form.steps[i + 1] : undefined;
}

export function previousStep(form: FormDefinition, stepId: string): Step | undefined {
  const i = form.steps.findIndex((s) => s.id === stepId);
  return i > 0 ? form.steps[i - 1] : undefined;
}

/** Where to continue a saved form: the first step not complete (the summary once every step is). */
export function firstUnfinishedStep(form: FormDefinition, response: FormResponseRow, lang: Language): Step | undefined {
  return stepStates(form, response, lang).find((s) => s.reachable && s.status !== 'completed')?.step;
}
