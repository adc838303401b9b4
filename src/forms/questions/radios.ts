import { z } from 'zod';
import { localisedText } from '../../tenancy/schema.js';
import { baseView, common, option } from './common.js';
import { oneOfList, optionViews, single } from './options.js';
import type { QuestionType } from './type.js';

const schema = z
  .object({
    type: z.literal('radios'),
    ...common,
    options: z.array(option).min(2),
    inline: z.boolean().default(false),
    /**
     * Options only true of a child of some ages (e.g. "Is the young person 18 or over?" yes: minAge 18).
     * Checked against the date of birth of the child the form is about, when the form has one.
     */
    ageRules: z
      .array(z.object({ option: z.string(), minAge: z.number().int().min(0).optional(), maxAge: z.number().int().min(0).optional(), error: localisedText }).strict())
      .optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    q.ageRules?.forEach((rule, i) => {
      if (!q.options.some((o) => o.value === rule.option)) ctx.addIssue({ code: 'custom', path: ['ageRules', i, 'option'], message: `"${rule.option}" is not one of the options` });
      if (rule.minAge === undefined && rule.maxAge === undefined) ctx.addIssue({ code: 'custom', path: ['ageRules', i], message: 'needs minAge or maxAge' });
    });
  });
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
