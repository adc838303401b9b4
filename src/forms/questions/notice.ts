import { z } from 'zod';
import { localisedText } from '../../tenancy/schema.js';
import { condition } from '../conditions.js';
import { formText } from '../texts.js';
import { questionId } from './common.js';
import type { QuestionType } from './type.js';

const schema = z
  .object({
    type: z.literal('notice'),
    id: questionId,
    /** "warning": GOV.UK warning text (the ! icon); "inset": GOV.UK inset text. */
    style: z.enum(['warning', 'inset']).default('warning'),
    text: localisedText,
    showIf: condition.optional(),
  })
  .strict();
export type NoticeQuestion = z.infer<typeof schema>;

/**
 * Words to read, not a question: e.g. "Call the police on 999 …", revealed
 * under the answer that calls for it. Texts may name the council's values
 * ({{council.emergencyPhone}}). It has no answer, so the summary leaves it out.
 */
export const notice = {
  type: 'notice',
  schema,
  inGroup: false,
  perPerson: false,
  stored: false,
  read: () => undefined,
  parse: () => undefined,
  isEmpty: () => true,
  validate: () => [],
  view: (question, name, _value, _errors, texts) => ({ kind: 'notice', partial: 'forms/q-notice', id: name, name, label: '', text: formText(question.text, texts), warning: question.style === 'warning' }),
  summary: () => ({ rows: [] }),
  pdf: () => ({ rows: [] }),
} satisfies QuestionType<NoticeQuestion, undefined>;
