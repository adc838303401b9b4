import { z } from 'zod';
import { isUkMobile, isUkPhone, phoneDigits } from '../../accounts/phone-numbers.js';
import type { Texts } from '../texts.js';
import { asString, baseView, common, notAnswered, postedText, requiredProblem } from './common.js';
import type { AnswerText, QuestionType } from './type.js';

const schema = z
  .object({
    type: z.literal('phone'),
    ...common,
    /** Only a UK mobile number (07…) will do. */
    mobile: z.boolean().default(false),
  })
  .strict();
export type PhoneQuestion = z.infer<typeof schema>;

/**
 * A UK phone number as stored: the digits of the national number ("07700900982"),
 * whatever spaces, brackets, dashes or +44 were typed. Anything else stays as typed.
 */
export function normalisePhone(typed: string): string {
  return isUkPhone(typed) ? phoneDigits(typed) : typed;
}

/** "07700 900982", "020 7946 0000", "01632 960001": a stored number grouped as people read it. */
export function phoneText(value: string): string {
  if (!/^0\d{9,10}$/.test(value)) return value;
  if (/^02\d{9}$/.test(value)) return `${value.slice(0, 3)} ${value.slice(3, 7)} ${value.slice(7)}`;
  if (/^0[389]\d{9}$/.test(value)) return `${value.slice(0, 4)} ${value.slice(4, 7)} ${value.slice(7)}`;
  return `${value.slice(0, 5)} ${value.slice(5)}`;
}

const phoneAnswer = (value: string | undefined, texts: Texts): AnswerText => (value ? { lines: [phoneText(value)] } : notAnswered(texts));

/** A UK phone number (type="tel"): spaces, brackets and +44 accepted, stored normalised. */
export const phone = {
  type: 'phone',
  schema,
  inGroup: true,
  perPerson: true,
  stored: true,
  read: (body, name) => normalisePhone(postedText(body, name)),
  parse: asString,
  isEmpty: (value) => value === '',
  validate(question, value, texts, label) {
    if (!value) return requiredProblem(question, texts, label, 'enter');
    if (question.mobile ? !isUkMobile(value) : !isUkPhone(value)) return [{ text: texts.t(question.mobile ? 'forms.errors.mobile' : 'forms.errors.phone', { label }) }];
    return [];
  },
  view: (question, name, value, errors, texts) => ({ ...baseView('phone', question, name, errors, texts), value: value ? phoneText(value) : '' }),
  summary: (_question, value, texts) => phoneAnswer(value, texts),
  pdf: (_question, value, texts) => phoneAnswer(value, texts),
} satisfies QuestionType<PhoneQuestion, string>;
