import { z } from 'zod';
import { localisedText } from '../../tenancy/schema.js';
import { formText, type Texts } from '../texts.js';
import { baseView, common, notAnswered, requiredProblem, typedAnswer } from './common.js';
import type { AnswerText, QuestionType } from './type.js';

const schema = z
  .object({
    type: z.literal('number'),
    ...common,
    /** Decimals allowed ("1.5"); otherwise whole numbers only. */
    decimals: z.boolean().default(false),
    min: z.number().optional(),
    max: z.number().optional(),
    /** Shown before and after the box: "£", "hours". */
    prefix: localisedText.optional(),
    suffix: localisedText.optional(),
    width: z.enum(['2', '3', '4', '5', '10']).default('5'),
  })
  .strict()
  .refine((q) => q.min === undefined || q.max === undefined || q.min <= q.max, { message: 'min must not be more than max', path: ['max'] });
export type NumberQuestion = z.infer<typeof schema>;

/** The number typed ("1,250" is 1250), or undefined when it is not one of the kind asked for. */
export function numberOf(value: string, decimals: boolean): number | undefined {
  const plain = value.replace(/,/g, '');
  return (decimals ? /^-?\d+(\.\d+)?$/ : /^-?\d+$/).test(plain) ? Number(plain) : undefined;
}

function numberAnswer(question: NumberQuestion, value: string | undefined, texts: Texts): AnswerText {
  if (!value) return notAnswered(texts);
  const n = numberOf(value, question.decimals);
  const shown = n === undefined ? value : new Intl.NumberFormat(texts.lang === 'cy' ? 'cy-GB' : 'en-GB', { maximumFractionDigits: 10 }).format(n);
  const prefix = question.prefix ? formText(question.prefix, texts) : '';
  const suffix = question.suffix ? ` ${formText(question.suffix, texts)}` : '';
  return { lines: [`${prefix}${shown}${suffix}`] };
}

/** A number, whole or decimal, within optional limits (GOV.UK: a text input with inputmode). */
export const number = {
  type: 'number',
  schema,
  ...typedAnswer,
  validate(question, value, texts, label) {
    const { t } = texts;
    if (!value) return requiredProblem(question, texts, label, 'enter');
    const n = numberOf(value, question.decimals);
    if (n === undefined) return [{ text: t(question.decimals ? 'forms.errors.number' : 'forms.errors.wholeNumber', { label }) }];
    const { min, max } = question;
    if (min !== undefined && max !== undefined && (n < min || n > max)) return [{ text: t('forms.errors.numberBetween', { label, min, max }) }];
    if (min !== undefined && n < min) return [{ text: t('forms.errors.numberMin', { label, min }) }];
    if (max !== undefined && n > max) return [{ text: t('forms.errors.numberMax', { label, max }) }];
    return [];
  },
  view: (question, name, value, errors, texts) => ({
    ...baseView('number', question, name, errors, texts),
    value: value ?? '',
    inputmode: question.decimals ? 'decimal' : 'numeric',
    width: question.width,
    prefix: question.prefix ? formText(question.prefix, texts) : undefined,
    suffix: question.suffix ? formText(question.suffix, texts) : undefined,
  }),
  summary: numberAnswer,
  pdf: numberAnswer,
} satisfies QuestionType<NumberQuestion, string>;
