import { z } from 'zod';
import { baseView, common, option } from './common.js';
import { oneOfList, optionViews, single } from './options.js';
import type { QuestionType } from './type.js';

const schema = z
  .object({
    type: z.literal('autocomplete'),
    ...common,
    options: z.array(option).min(2),
  })
  .strict();
export type AutocompleteQuestion = z.infer<typeof schema>;

/**
 * One of a long list. Without JavaScript it is a plain select; the partial marks
 * it `data-module="portal-autocomplete"` and forms-autocomplete.js turns it into
 * GOV.UK's accessible-autocomplete, a type-ahead that posts the same value.
 */
export const autocomplete = {
  type: 'autocomplete',
  schema,
  ...oneOfList,
  view: (question, name, value, errors, texts) => ({ ...baseView('autocomplete', question, name, errors, texts), options: optionViews(question.options, name, single(value ?? ''), texts) }),
} satisfies QuestionType<AutocompleteQuestion, string>;
