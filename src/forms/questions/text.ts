import { z } from 'zod';
import { baseView, checkLength, common, textAnswer, typedAnswer } from './common.js';
import type { QuestionType } from './type.js';

const schema = z
  .object({
    type: z.literal('text'),
    ...common,
    maxLength: z.number().int().min(1).max(30000).default(500),
    autocomplete: z.string().optional(),
    width: z.enum(['10', '20', '30']).optional(),
  })
  .strict();
export type TextQuestion = z.infer<typeof schema>;

/** A short answer on one line. */
export const text = {
  type: 'text',
  schema,
  ...typedAnswer,
  validate: checkLength,
  view: (question, name, value, errors, texts) => ({ ...baseView('text', question, name, errors, texts), value: value ?? '', autocomplete: question.autocomplete, width: question.width }),
  summary: (_question, value, texts) => textAnswer(value, texts),
  pdf: (_question, value, texts) => textAnswer(value, texts),
} satisfies QuestionType<TextQuestion, string>;
