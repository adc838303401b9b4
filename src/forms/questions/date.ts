import { z } from 'zod';
import { longDate } from '../../i18n/dates.js';
import type { Texts } from '../texts.js';
import { baseView, common, isRecord, notAnswered, postedText, requiredProblem, type CommonQuestion } from './common.js';
import type { AnswerText, DateValue, PostedForm, Problem, QuestionType } from './type.js';

const schema = z
  .object({
    type: z.literal('date'),
    ...common,
    notInFuture: z.boolean().default(false),
  })
  .strict();
export type DateQuestion = z.infer<typeof schema>;

/** A date's parts as a real calendar date, or undefined (31/02/2020 is not one). */
export function realDate(value: DateValue): Date | undefined {
  if (![value.day, value.month].every((p) => /^\d{1,2}$/.test(p)) || !/^\d{4}$/.test(value.year)) return undefined;
  const [d, m, y] = [Number(value.day), Number(value.month), Number(value.year)];
  if (y < 1900 || m < 1 || m > 12 || d < 1) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCDate() === d && date.getUTCMonth() === m - 1 ? date : undefined;
}

export const isDateValue = (value: unknown): value is DateValue => isRecord(value) && typeof value.day === 'string' && typeof value.month === 'string' && typeof value.year === 'string';

export const readDate = (body: PostedForm, name: string): DateValue => ({ day: postedText(body, `${name}-day`), month: postedText(body, `${name}-month`), year: postedText(body, `${name}-year`) });

export const isEmptyDate = (value: DateValue) => !value.day && !value.month && !value.year;

/** The problems of a date: missing parts, not a real date, in the future when it may not be. */
export function checkDate(question: CommonQuestion, value: DateValue | undefined, texts: Texts, label: string, when: { notInFuture?: boolean; notInPast?: boolean } = {}): Problem[] {
  const { t } = texts;
  if (!value || isEmptyDate(value)) return requiredProblem(question, texts, label, 'date', 'day');
  const missing = (['day', 'month', 'year'] as const).find((p) => !value[p]);
  if (missing) return [{ text: t(`forms.errors.dateMissing.${missing}`, { label }), focus: missing }];
  const date = realDate(value);
  if (!date) return [{ text: t('forms.errors.dateReal', { label }), focus: 'day' }];
  if (when.notInFuture && date.getTime() > Date.now()) return [{ text: t('forms.errors.dateFuture', { label }), focus: 'day' }];
  if (when.notInPast && date.getTime() < Date.now() - 86_400_000) return [{ text: t('forms.errors.datePast', { label }), focus: 'day' }];
  return [];
}

/** "26 November 2026", or the parts as typed when they are not a real date. */
export function dateText(value: DateValue, texts: Texts): string {
  const date = realDate(value);
  return date ? longDate(date, texts.lang) : `${value.day}/${value.month}/${value.year}`;
}

const dateAnswer = (value: DateValue | undefined, texts: Texts): AnswerText => (value && !isEmptyDate(value) ? { lines: [dateText(value, texts)] } : notAnswered(texts));

/** A date in three boxes (GOV.UK date input). */
export const date = {
  type: 'date',
  schema,
  inGroup: true,
  perPerson: true,
  stored: true,
  read: (body, name) => readDate(body, name),
  parse: (stored) => (isDateValue(stored) ? stored : undefined),
  isEmpty: isEmptyDate,
  validate: (question, value, texts, label) => checkDate(question, value, texts, label, { notInFuture: question.notInFuture }),
  view: (question, name, value, errors, texts) => ({ ...baseView('date', question, name, errors, texts), id: `${name}-day`, date: value ?? { day: '', month: '', year: '' } }),
  summary: (_question, value, texts) => dateAnswer(value, texts),
  pdf: (_question, value, texts) => dateAnswer(value, texts),
} satisfies QuestionType<DateQuestion, DateValue>;
