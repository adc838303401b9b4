import { conditionMet, type AnswerFacts } from './conditions.js';
import type { FormDefinition, Question, Step } from './definition.js';
import { parsePeople, readPeople, type Person } from './people.js';
import { answerParts, readPerPerson } from './per-person.js';
import { postedText } from './questions/common.js';
import { answerOf, isPerPerson } from './questions/index.js';
import { emptyContext, type AnswerValue, type QuestionContext } from './questions/type.js';

export type { DateValue, FieldValue, ItemValues, AnswerValue, PerPersonValue, YesNoValue, AddressValue } from './questions/type.js';
export { realDate, isDateValue } from './questions/date.js';
export { itemFieldName, itemCount } from './questions/group.js';

export type StepValues = Record<string, AnswerValue | undefined>;

/**
 * form_responses.answers: what was saved on each step, keyed by step id, and
 * under "_edit" an edit of the submitted form in progress (step ids cannot start with "_").
 * A people step's values are { people: Person[] }.
 */
export type Answers = Record<string, unknown>;

export const stepValues = (answers: Answers, stepId: string): StepValues => (answers[stepId] as StepValues | undefined) ?? {};
export const hasSaved = (answers: Answers, stepId: string) => answers[stepId] !== undefined;

/** What reading or showing a step needs besides the page: the people on the form, the addresses looked up. */
export interface StepContext extends QuestionContext {
  people: Person[];
}

/** The people on a form: the people step's values (the page being posted first, when it is that step). */
export function peopleOf(form: FormDefinition, answers: Answers, current?: { stepId: string; values: unknown }): Person[] {
  const step = form.steps.find((s) => s.type === 'people');
  if (!step) return [];
  return parsePeople(current && current.stepId === step.id ? current.values : answers[step.id]);
}

export const stepContext = (form: FormDefinition, answers: Answers, context: QuestionContext = emptyContext()): StepContext => ({ ...context, people: peopleOf(form, answers) });

/**
 * Everything typed on a step's page, kept as typed (trimmed), whatever its
 * validity. Per-person questions read their shared and separate answers (only
 * for people on the form); the people step reads the people already on it.
 */
export function readStep(step: Step, body: unknown, context: StepContext = { ...emptyContext(), people: [] }): StepValues {
  const fields = (body ?? {}) as Record<string, unknown>;
  if (step.type === 'workDetails') return { workRole: postedText(fields, 'workRole') };
  if (step.type === 'people') return { people: readPeople(fields, context.people, context) };
  if (step.type !== 'questions') return {};
  const values: StepValues = {};
  for (const q of step.questions) {
    const answer = answerOf(q);
    if (!answer.stored) continue;
    values[q.id] = isPerPerson(q) ? readPerPerson(q, fields, context.people, context) : answer.read(fields, q.id, context);
  }
  return values;
}

/** The questions of a form and the answers they can test in conditions. */
export interface AnswerLookup {
  /** The facts of a question's answers (one per answer in use for per-person questions); none when it does not apply. */
  facts(questionId: string): AnswerFacts[];
  /** A question's stored value, if it applies. */
  value(questionId: string): unknown;
  people: Person[];
}

/**
 * A question's answer anywhere in the form: the page being posted first, then
 * what was saved. A question that does not apply (its own condition is not met)
 * has no answer, so conditions chain: what depends on it is hidden too.
 */
export function answerLookup(form: FormDefinition, answers: Answers, current?: { stepId: string; values: StepValues }): AnswerLookup {
  const where = new Map<string, { stepId: string; question: Question }>();
  for (const s of form.steps) if (s.type === 'questions') for (const q of s.questions) where.set(q.id, { stepId: s.id, question: q });
  const people = peopleOf(form, answers, current);
  const applies = (question: Question, depth: number) => !question.showIf || conditionMet(question.showIf, (id) => facts(id, depth + 1));
  const stored = (questionId: string, depth: number): { question: Question; value: unknown } | undefined => {
    const found = where.get(questionId);
    if (!found || depth > 10 || !applies(found.question, depth)) return undefined;
    const values = current && current.stepId === found.stepId ? current.values : stepValues(answers, found.stepId);
    return { question: found.question, value: values[questionId] };
  };
  const facts = (questionId: string, depth: number): AnswerFacts[] => {
    const found = stored(questionId, depth);
    if (!found) return [];
    const answer = answerOf(found.question);
    if (isPerPerson(found.question)) return answerParts(found.question, found.value, people).map((part) => answer.facts(part.value));
    return [answer.facts(found.value)];
  };
  return { facts: (id) => facts(id, 0), value: (id) => stored(id, 0)?.value, people };
}

/** Whether a question applies, given the answers it depends on. */
export function isShown(question: Question, lookup: AnswerLookup): boolean {
  return !question.showIf || conditionMet(question.showIf, lookup.facts);
}
