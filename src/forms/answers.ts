import type { FormDefinition, GroupQuestion, Question, SimpleQuestion, Step } from './definition.js';

/** A date as typed in the three boxes, kept even when it is not a real date. */
export interface DateValue {
  day: string;
  month: string;
  year: string;
}
export type FieldValue = string | string[] | DateValue;
export type ItemValues = Record<string, FieldValue>;
export type StepValues = Record<string, FieldValue | ItemValues[]>;

/** An edit of a submitted form in progress: why, and since when. */
export interface EditInProgress {
  reason: string;
  startedAt: string;
}

/**
 * form_responses.answers: what was saved on each step, keyed by step id, and
 * under "_edit" an edit of the submitted form in progress (step ids cannot start with "_").
 */
export type Answers = Record<string, unknown>;

export const stepValues = (answers: Answers, stepId: string): StepValues => (answers[stepId] as StepValues | undefined) ?? {};
export const hasSaved = (answers: Answers, stepId: string) => answers[stepId] !== undefined;
export const editInProgress = (answers: Answers) => answers._edit as EditInProgress | undefined;

/** The name of a field in the page: the question id, or "<group>-<n>-<field>" inside a repeating group. */
export const itemFieldName = (group: GroupQuestion, index: number, field: SimpleQuestion) => `${group.id}-${index}-${field.id}`;

function raw(body: Record<string, unknown>, name: string): unknown {
  return body[name];
}

function text(body: Record<string, unknown>, name: string, multiline: boolean): string {
  const value = raw(body, name);
  if (typeof value !== 'string') return '';
  // Browsers send new lines as CRLF; the character count (and people) count one character.
  return multiline ? value.replace(/\r\n?/g, '\n').trim() : value.trim();
}

function simpleValue(body: Record<string, unknown>, question: SimpleQuestion, name: string): FieldValue {
  switch (question.type) {
    case 'date':
      return { day: text(body, `${name}-day`, false), month: text(body, `${name}-month`, false), year: text(body, `${name}-year`, false) };
    case 'checkboxes': {
      const value = raw(body, name);
      const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
      return question.options.map((o) => o.value).filter((v) => list.includes(v));
    }
    case 'textarea':
      return text(body, name, true);
    default:
      return text(body, name, false);
  }
}

/** How many items of a group the page had (its hidden "<group>-items" field), within the group's limits. */
export function itemCount(body: Record<string, unknown>, group: GroupQuestion): number {
  const count = Number.parseInt(String(raw(body, `${group.id}-items`) ?? ''), 10);
  return Number.isFinite(count) ? Math.min(Math.max(count, 0), group.max) : Math.max(group.min, 1);
}

function groupValue(body: Record<string, unknown>, group: GroupQuestion): ItemValues[] {
  return Array.from({ length: itemCount(body, group) }, (_, i) => Object.fromEntries(group.fields.map((f) => [f.id, simpleValue(body, f, itemFieldName(group, i, f))])));
}

/** Everything typed on a step's page, kept as typed (trimmed), whatever its validity. */
export function readStep(step: Step, body: unknown): StepValues {
  const fields = (body ?? {}) as Record<string, unknown>;
  if (step.type === 'workDetails') return { workRole: text(fields, 'workRole', false) };
  if (step.type !== 'questions') return {};
  const values: StepValues = {};
  for (const q of step.questions) {
    if (q.type === 'file') continue;
    values[q.id] = q.type === 'group' ? groupValue(fields, q) : simpleValue(fields, q, q.id);
  }
  return values;
}

/**
 * A question's answer anywhere in the form: the page being posted first, then
 * what was saved. A question that does not apply (its own condition is not met)
 * has no answer, so conditions chain: what depends on it is hidden too.
 */
export function answerLookup(form: FormDefinition, answers: Answers, current?: { stepId: string; values: StepValues }) {
  const where = new Map<string, { stepId: string; question: Question }>();
  for (const s of form.steps) if (s.type === 'questions') for (const q of s.questions) where.set(q.id, { stepId: s.id, question: q });
  const lookup = (questionId: string, depth = 0): FieldValue | ItemValues[] | undefined => {
    const found = where.get(questionId);
    if (!found || depth > 10) return undefined;
    if (found.question.showIf && !conditionMet(found.question.showIf, lookup(found.question.showIf.question, depth + 1))) return undefined;
    const values = current && current.stepId === found.stepId ? current.values : stepValues(answers, found.stepId);
    return values[questionId];
  };
  return (questionId: string) => lookup(questionId);
}

function conditionMet(condition: NonNullable<Question['showIf']>, value: FieldValue | ItemValues[] | undefined): boolean {
  if (condition.includes !== undefined) return Array.isArray(value) && (value as unknown[]).includes(condition.includes);
  return value === condition.equals;
}

/** Whether a question applies, given the answers it depends on. */
export function isShown(question: Question, lookup: ReturnType<typeof answerLookup>): boolean {
  return !question.showIf || conditionMet(question.showIf, lookup(question.showIf.question));
}

export const isDateValue = (value: unknown): value is DateValue => !!value && typeof value === 'object' && !Array.isArray(value) && 'day' in value;

/** Whether anything was given at all for a value. */
export function isEmpty(value: FieldValue | ItemValues[] | undefined): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string') return value === '';
  if (isDateValue(value)) return !value.day && !value.month && !value.year;
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** A date's parts as a real calendar date, or undefined (31/02/2020 is not one). */
export function realDate(value: DateValue): Date | undefined {
  if (![value.day, value.month].every((p) => /^\d{1,2}$/.test(p)) || !/^\d{4}$/.test(value.year)) return undefined;
  const [d, m, y] = [Number(value.day), Number(value.month), Number(value.year)];
  if (y < 1900 || m < 1 || m > 12 || d < 1) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCDate() === d && date.getUTCMonth() === m - 1 ? date : undefined;
}
