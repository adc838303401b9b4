import { z } from 'zod';
import { asString, baseView, common, option, postedText } from './common.js';
import { checkOneOf, chosenAnswer, optionViews, single } from './options.js';
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
  inGroup: true,
  perPerson: true,
  stored: true,
  reveals: true,
  choices: { multiple: false, values: (q) => q.options.map((o) => o.value), chosen: single },
  read: (body, name) => postedText(body, name),
  parse: asString,
  isEmpty: (value) => value === '',
  validate: checkOneOf,
  view: (question, name, value, errors, texts) => ({
    ...baseView('radios', question, name, errors, texts),
    partial: 'forms/q-choices',
    inline: question.inline,
    options: optionViews(question.options, name, single(value ?? ''), texts),
  }),
  summary: (question, value, texts) => chosenAnswer(question.options, single(value ?? ''), texts),
  pdf: (question, value, texts) => chosenAnswer(question.options, single(value ?? ''), texts),
} satisfies QuestionType<RadiosQuestion, string>;
