import { z } from 'zod';
import { formatCount } from '../texts.js';
import { asString, baseView, checkLength, common, describedBy, postedText, textAnswer } from './common.js';
import { countAttributes } from './count.js';
import type { QuestionType } from './type.js';

const schema = z
  .object({
    type: z.literal('textarea'),
    ...common,
    maxLength: z.number().int().min(1).max(100000).default(30000),
    rows: z.number().int().min(2).max(20).default(6),
  })
  .strict();
export type TextareaQuestion = z.infer<typeof schema>;

/** A longer answer, with GOV.UK's character count. */
export const textarea = {
  type: 'textarea',
  schema,
  inGroup: true,
  perPerson: true,
  stored: true,
  read: (body, name) => postedText(body, name, true),
  parse: asString,
  isEmpty: (value) => value === '',
  validate: checkLength,
  view(question, name, value, errors, texts) {
    const view = baseView('textarea', question, name, errors, texts);
    return {
      ...view,
      value: value ?? '',
      rows: question.rows,
      maxLength: question.maxLength,
      countLimit: texts.t('forms.count.limit', { max: formatCount(question.maxLength, texts.lang) }),
      countAttributes: countAttributes(question.maxLength, texts),
      describedBy: describedBy(`${name}-info`, view.hint && `${name}-hint`, view.error && `${name}-error`),
    };
  },
  summary: (_question, value, texts) => textAnswer(value, texts),
  pdf: (_question, value, texts) => textAnswer(value, texts),
} satisfies QuestionType<TextareaQuestion, string>;
