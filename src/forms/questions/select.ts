import { z } from 'zod';
import { baseView, common, option } from './common.js';
import { oneOfList, optionViews, single } from './options.js';
import type { QuestionType } from './type.js';

const schema = z
  .object({
    type: z.literal('select'),
    ...common,
    options: z.array(option).min(2),
  })
  .strict();
export type SelectQuestion = z.infer<typeof schema>;

/** One of a longer list, in a drop-down (GOV.UK select). */
export const select = {
  type: 'select',
  schema,
  ...oneOfList,
  view: (question, name, value, errors, texts) => ({ ...baseView('select', question, name, errors, texts), options: optionViews(question.options, name, single(value ?? ''), texts) }),
} satisfies QuestionType<SelectQuestion, string>;
