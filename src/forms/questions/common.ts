import { z } from 'zod';
import { localisedText, type LocalisedText } from '../../tenancy/schema.js';
import { condition } from '../conditions.js';
import { formatCount, formText, type Texts } from '../texts.js';
import type { AnswerText, FieldErrors, PostedForm, Problem, QuestionView } from './type.js';

/** Shared parts of every question type: schema fields, reading the body, messages, view basics. */

export const questionId = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'must be a camelCase name (letters and digits)');

export const option = z
  .object({
    value: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens'),
    text: localisedText,
    hint: localisedText.optional(),
  })
  .strict();
export type Option = z.infer<typeof option>;

/** Who a per-person question asks about. */
export const personFilter = z.enum(['children', 'adults', 'everyone']);
export type PersonFilter = z.infer<typeof personFilter>;

/** The fields every answered question has. */
export const common = {
  id: questionId,
  label: localisedText,
  hint: localisedText.optional(),
  required: z.boolean().default(false),
  /** The message when a required answer is missing (a sensible one is built from the label otherwise). */
  requiredError: localisedText.optional(),
  showIf: condition.optional(),
  /** One shared answer for everyone on the form, with "Answer for" to give a person their own. */
  perPerson: z.boolean().optional(),
  /** Per-person questions: whom they ask about (default everyone). */
  for: personFilter.optional(),
};

/** The fields of a question, for modules' own types. */
export interface CommonQuestion {
  id: string;
  label: LocalisedText;
  hint?: LocalisedText;
  required: boolean;
  requiredError?: LocalisedText;
}

/** A body field as a trimmed string; a textarea's CRLF new lines count as one character, as people count them. */
export function postedText(body: PostedForm, name: string, multiline = false): string {
  const value = body[name];
  if (typeof value !== 'string') return '';
  return multiline ? value.replace(/\r\n?/g, '\n').trim() : value.trim();
}

/** A body field as a list (checkboxes post a string for one, an array for several). */
export function postedList(body: PostedForm, name: string): string[] {
  const value = body[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string');
}

export const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);
export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The "required" problem: the definition's own message, else "Enter an answer to …" / "Select …" / "Enter the date …". */
export function requiredProblem(question: CommonQuestion, texts: Texts, label: string, kind: 'enter' | 'choose' | 'date', focus?: string): Problem[] {
  if (!question.required) return [];
  const own = question.requiredError ? formText(question.requiredError, texts) : undefined;
  return [{ text: own ?? texts.t(`forms.errors.required.${kind}`, { label }), focus }];
}

export function describedBy(...ids: (string | undefined | false)[]): string | undefined {
  const list = ids.filter(Boolean);
  return list.length ? list.join(' ') : undefined;
}

/** The view fields every question has: id and name, label, hint, its error and aria-describedby. */
export function baseView(kind: string, question: CommonQuestion, name: string, errors: FieldErrors, texts: Texts): QuestionView {
  const error = errors[name];
  const hint = question.hint ? formText(question.hint, texts) : undefined;
  return { kind, partial: `forms/q-${kind}`, id: name, name, label: formText(question.label, texts), hint, error, describedBy: describedBy(hint && `${name}-hint`, error && `${name}-error`) };
}

/** "Not answered", as a summary line. */
export const notAnswered = (texts: Texts): AnswerText => ({ lines: [texts.t('forms.summary.notAnswered')] });

/** A text's lines, blank lines left out. */
export const textLines = (value: string): string[] => value.split('\n').filter((line) => line.trim() !== '');

/** The text of an option's value (the value itself when the definition no longer has it). */
export function optionText(options: Option[], value: string, texts: Texts): string {
  const found = options.find((o) => o.value === value);
  return found ? formText(found.text, texts) : value;
}

/** A text answer as summary lines, or "Not answered". */
export const textAnswer = (value: string | undefined, texts: Texts): AnswerText => (value ? { lines: textLines(value) } : notAnswered(texts));

/** A typed answer: required, and no longer than its limit. */
export function checkLength(question: CommonQuestion & { maxLength: number }, value: string | undefined, texts: Texts, label: string): Problem[] {
  if (!value) return requiredProblem(question, texts, label, 'enter');
  if (value.length > question.maxLength) return [{ text: texts.t('forms.errors.tooLong', { label, max: formatCount(question.maxLength, texts.lang), count: value.length - question.maxLength }) }];
  return [];
}

/** What every type answered by one typed line shares: read trimmed, stored as a string, empty when blank. */
export const typedAnswer = {
  inGroup: true,
  perPerson: true,
  stored: true,
  read: (body: PostedForm, name: string) => postedText(body, name),
  parse: asString,
  isEmpty: (value: string) => value === '',
};
