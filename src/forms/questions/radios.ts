import { z } from 'zod';
import { baseView, common, option } from './common.js';
import { oneOfList, optionViews, single } from './options.js';
import type { QuestionType } from './type.js';

const schema = z
  .object({
    type: z.literal('radios'),
    ...common,
    options: z.array(option).min(2),
    inline: z.boolean().default(false),
  })
  .strict();
export type RadiosQuestion = z.infer<typeof schema>;

/** One of a few options (GOV.UK radios); questions that depend on an option are revealed under it. */
export const radios = {
  type: 'radios',
  schema,
  ...oneOfList,
  reveals: true,
  view: (question, name, value, errors, texts) => ({
    ...baseView('radios', question, name, errors, texts),
    partial: 'forms/q-choices',
    inline: question.inline,
    options: optionViews(question.options, name, single(value ?? ''), texts),
  }),
} satisfies QuestionType<RadiosQuestion, string>;
