import { z } from 'zod';
import { baseView, common, option, postedList, requiredProblem } from './common.js';
import { chosenAnswer, optionViews } from './options.js';
import type { QuestionType } from './type.js';

const schema = z
  .object({
    type: z.literal('checkboxes'),
    ...common,
    options: z.array(option).min(1),
  })
  .strict();
export type CheckboxesQuestion = z.infer<typeof schema>;

/** Any of the options (GOV.UK checkboxes); questions that depend on an option are revealed under it. */
export const checkboxes = {
  type: 'checkboxes',
  schema,
  inGroup: true,
  perPerson: true,
  stored: true,
  reveals: true,
  choices: { multiple: true, values: (q) => q.options.map((o) => o.value), chosen: (value) => value },
  read(body, name, question) {
    const posted = postedList(body, name);
    return question.options.map((o) => o.value).filter((v) => posted.includes(v));
  },
  parse: (stored) => (Array.isArray(stored) && stored.every((v) => typeof v === 'string') ? stored : undefined),
  isEmpty: (value) => value.length === 0,
  validate: (question, value, texts, label) => (value?.length ? [] : requiredProblem(question, texts, label, 'choose')),
  view: (question, name, value, errors, texts) => ({ ...baseView('checkboxes', question, name, errors, texts), partial: 'forms/q-choices', options: optionViews(question.options, name, value ?? [], texts) }),
  summary: (question, value, texts) => chosenAnswer(question.options, value ?? [], texts),
  pdf: (question, value, texts) => chosenAnswer(question.options, value ?? [], texts),
} satisfies QuestionType<CheckboxesQuestion, string[]>;
