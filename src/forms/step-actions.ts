import { noErrors, type FormErrors } from '../platform/http/forms.js';
import { answerLookup, stepValues, type Answers, type StepContext, type StepValues } from './answers.js';
import type { FormDefinition, Step } from './definition.js';
import { changePeople, parsePeople, personField, type Person } from './people.js';
import { personName } from './people-page.js';
import { answerForValue, applyAnswerFor, parseAnswerForAction, withoutRemovedPeople } from './per-person.js';
import { applyAddressAction, lookUpAddresses, parseAddress, parseAddressAction, searchedPostcodes, type FindAddresses } from './questions/address.js';
import { problemField } from './questions/dispatch.js';
import { isPerPerson } from './questions/index.js';
import type { AddressValue } from './questions/type.js';
import { formText, type Texts } from './texts.js';
import { addFieldError } from './validation.js';

/**
 * The buttons of a step page other than "Save and continue", for the route:
 * "Answer for" (separate-<q>-<person>, include-<q>-<person>), the address
 * finder (address-find|manual|finder-<field>) and the people step's
 * add-child / add-adult / remove-person-<id>. Each returns the step's values to
 * save and where to come back to; nothing here touches the database or HTTP.
 * (The repeating groups' add-/remove- buttons stay in step-routes.ts.)
 */

export type StepActionResult =
  | {
      ok: true;
      /** The step's values to save (everything typed is kept). */
      values: StepValues;
      /** The element to come back to: redirect to `<step path>#<anchor>`. */
      anchor: string;
      /** Problems to show on the page again (a postcode with no addresses): render instead of redirecting. */
      errors: FormErrors;
      /** For the query after a separate / include (`?answerFor=<notice>`), read back with `answerForNotice`. */
      notice?: string;
    }
  | { ok: false; reason: 'unknownQuestion' | 'unknownPerson' | 'unknownField' };

export interface StepActionDeps {
  texts: Texts;
  findAddresses: FindAddresses;
  people: Person[];
}

const done = (values: StepValues, anchor: string, errors = noErrors(), notice?: string): StepActionResult => ({ ok: true, values, anchor, errors, notice });

/** The address value a finder button names, and where it goes back. */
function addressField(step: Step, values: StepValues, name: string, texts: Texts): { value: AddressValue; label: string; put: (next: AddressValue) => StepValues } | undefined {
  if (step.type === 'questions') {
    const question = step.questions.find((q) => q.id === name && 'label' in q);
    const value = question && parseAddress(values[question.id]);
    return question && value && 'label' in question ? { value, label: formText(question.label, texts), put: (next) => ({ ...values, [question.id]: next }) } : undefined;
  }
  if (step.type !== 'people') return undefined;
  const list = parsePeople(values);
  const person = list.find((p) => name === personField(p.id, 'address'));
  if (!person) return undefined;
  const label = texts.t('forms.people.fieldOf', { field: texts.t('forms.people.address'), name: personName(person, list, texts) });
  return { value: person.address, label, put: (next) => ({ ...values, people: list.map((p) => (p.id === person.id ? { ...p, address: next } : p)) }) };
}

/**
 * Applies a button of the step page to the values just read from it, or
 * undefined when the action is none of these (save, or a group's add/remove).
 * A question, person or field that is not on this step (a tampered page) is
 * refused with a reason, never thrown.
 */
export async function applyStepAction(step: Step, values: StepValues, action: string, deps: StepActionDeps): Promise<StepActionResult | undefined> {
  const answerFor = parseAnswerForAction(action);
  if (answerFor) {
    if (step.type !== 'questions') return { ok: false, reason: 'unknownQuestion' };
    const result = applyAnswerFor(step.questions, (q) => values[q.id], deps.people, answerFor);
    if (!result.ok) return result;
    return done({ ...values, [answerFor.questionId]: result.value }, result.anchor, noErrors(), answerForValue(answerFor));
  }
  const finder = parseAddressAction(action);
  if (finder) {
    const field = addressField(step, values, finder.name, deps.texts);
    if (!field) return { ok: false, reason: 'unknownField' };
    const result = await applyAddressAction(finder.kind, field.value, deps.findAddresses, deps.texts, field.label);
    const errors = noErrors();
    for (const p of result.problems) {
      const { field: key, href } = problemField(finder.name, p);
      addFieldError(errors, key, p.text, href);
    }
    return done(field.put(result.value), finder.name, errors);
  }
  if (step.type === 'people') {
    const change = changePeople(step, parsePeople(values), action);
    if (!change) return undefined;
    if (/^remove-person-/.test(action) && !change.changed && !parsePeople(values).some((p) => action === `remove-person-${p.id}`)) return { ok: false, reason: 'unknownPerson' };
    return done({ ...values, people: change.people }, change.anchor);
  }
  return undefined;
}

/** The separate / include notice from the query (`?answerFor=`), if it names a question and person of this form. */
export const answerForNotice = (query: unknown) => parseAnswerForAction(query);

/**
 * What reading or showing a step needs: the people on the form and the
 * addresses listed at the postcodes the page (or the saved answers) searched.
 */
export async function prepareStep(form: FormDefinition, answers: Answers, source: unknown, findAddresses: FindAddresses): Promise<StepContext> {
  const people = answerLookup(form, answers).people;
  return { people, addresses: await lookUpAddresses(searchedPostcodes(source), findAddresses) };
}

/**
 * After the people step is saved: each per-person answer without the people no
 * longer on the form (or no longer asked about). Returns only the steps that
 * changed, to save.
 */
export function withoutRemovedPeopleAnswers(form: FormDefinition, answers: Answers): Record<string, StepValues> {
  const people = answerLookup(form, answers).people;
  const changed: Record<string, StepValues> = {};
  for (const step of form.steps) {
    if (step.type !== 'questions') continue;
    const values = stepValues(answers, step.id);
    let touched = false;
    const next: StepValues = { ...values };
    for (const q of step.questions) {
      if (!isPerPerson(q) || !(q.id in values)) continue;
      const kept = withoutRemovedPeople(q, values[q.id], people);
      if (JSON.stringify(kept) !== JSON.stringify(values[q.id])) {
        next[q.id] = kept;
        touched = true;
      }
    }
    if (touched) changed[step.id] = next;
  }
  return changed;
}
