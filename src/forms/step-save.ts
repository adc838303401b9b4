import type { StepValues } from './answers.js';
import type { Step } from './definition.js';
import { parsePeople } from './people.js';
import type { FormScope } from './scope.js';
import { saveStep } from './responses.js';
import { withoutRemovedPeopleAnswers } from './step-actions.js';
import { saveSubjects } from './subjects.js';

/**
 * Saves a step's values. Saving the people step also keeps the form's subjects
 * in step with it and drops the per-person answers of people no longer on it.
 */
export async function saveStepValues(scope: FormScope, step: Step, values: StepValues, options: { complete?: boolean; workRoleId?: string | null } = {}): Promise<void> {
  const { response, form } = scope;
  await saveStep(response, step.id, values, options);
  if (step.type !== 'people') return;
  const people = parsePeople(values);
  await saveSubjects(response.id, people);
  const answers = { ...response.answers, [step.id]: values };
  for (const [stepId, changed] of Object.entries(withoutRemovedPeopleAnswers(form, answers))) await saveStep(response, stepId, changed);
}
