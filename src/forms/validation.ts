import type { FormErrors } from '../platform/http/forms.js';
import { noErrors } from '../platform/http/forms.js';
import { answerLookup, isShown, type Answers, type StepValues } from './answers.js';
import type { FormDefinition, Step } from './definition.js';
import { parsePeople } from './people.js';
import { validatePeople } from './people-page.js';
import { validatePerPerson } from './per-person.js';
import { problemField } from './questions/dispatch.js';
import { answerOf, isPerPerson } from './questions/index.js';
import { formText } from './texts.js';

export { formatCount, type Texts } from './texts.js';
import type { Texts } from './texts.js';

/** Adds an error for a field: the message beside it, and a summary link to the element to fix. */
export function addFieldError(errors: FormErrors, field: string, text: string, href = `#${field}`): void {
  if (errors.byField[field]) return;
  errors.byField[field] = text;
  errors.list.push({ href, text });
}

/**
 * Checks a step's answers, each by its type's module: required answers,
 * lengths, real dates, choices, repeating items, each person's own answers;
 * questions hidden by their conditions are not checked.
 */
export function validateStep(form: FormDefinition, step: Step, values: StepValues, answers: Answers, texts: Texts, workRoleIds: string[] = []): FormErrors {
  const errors = noErrors();
  const { t } = texts;
  if (step.type === 'workDetails') {
    if (!workRoleIds.includes(String(values.workRole ?? ''))) addFieldError(errors, 'workRole', t('forms.errors.workRole'));
    return errors;
  }
  if (step.type === 'people') {
    for (const e of validatePeople(step, parsePeople(values), texts)) addFieldError(errors, e.field, e.text, e.href);
    return errors;
  }
  if (step.type !== 'questions') return errors;
  const lookup = answerLookup(form, answers, { stepId: step.id, values });
  for (const q of step.questions) {
    const answer = answerOf(q);
    if (!answer.stored || !isShown(q, lookup)) continue;
    const label = 'label' in q ? formText(q.label, texts) : q.id;
    if (isPerPerson(q)) {
      for (const e of validatePerPerson(q, values[q.id], lookup.people, texts, label)) addFieldError(errors, e.field, e.text, e.href);
      continue;
    }
    const problems = answer.validate(values[q.id], texts, label);
    for (const problem of problems) {
      const { field, href } = problemField(q.id, problem);
      addFieldError(errors, field, problem.text, href);
    }
    // An answer only true of a child of some ages, against the child's date of birth.
    if (!problems.length && q.type === 'radios' && q.ageRules && texts.childAge !== undefined) {
      const age = texts.childAge;
      const broken = q.ageRules.find((r) => r.option === values[q.id] && ((r.minAge !== undefined && age < r.minAge) || (r.maxAge !== undefined && age > r.maxAge)));
      if (broken) addFieldError(errors, q.id, formText(broken.error, texts), `#${q.id}`);
    }
  }
  return errors;
}
