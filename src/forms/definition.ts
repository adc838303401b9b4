import { z } from 'zod';
import { localisedText, serviceName } from '../tenancy/schema.js';

/**
 * A form definition: tenants/_library/forms/<id>.json. Steps of questions, a
 * "Work details" first step, a "Summary" last step and the declarations a
 * professional ticks to submit. Every text is { en, cy }.
 */

const name = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'must be a camelCase name (letters and digits)');
const paragraphs = z.array(localisedText);

const option = z
  .object({
    value: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens'),
    text: localisedText,
    hint: localisedText.optional(),
  })
  .strict();
export type Option = z.infer<typeof option>;

/** Show a question only when another question's answer equals (radios, select) or includes (checkboxes) a value. */
const showIf = z
  .object({ question: name, equals: z.string().optional(), includes: z.string().optional() })
  .strict()
  .refine((s) => (s.equals === undefined) !== (s.includes === undefined), 'needs exactly one of equals or includes');
export type ShowIf = z.infer<typeof showIf>;

const common = {
  id: name,
  label: localisedText,
  hint: localisedText.optional(),
  required: z.boolean().default(false),
  /** The message when a required answer is missing (a sensible one is built from the label otherwise). */
  requiredError: localisedText.optional(),
  showIf: showIf.optional(),
};

const text = z.object({ type: z.literal('text'), ...common, maxLength: z.number().int().min(1).max(30000).default(500), autocomplete: z.string().optional(), width: z.enum(['10', '20', '30']).optional() }).strict();
const textarea = z.object({ type: z.literal('textarea'), ...common, maxLength: z.number().int().min(1).max(100000).default(30000), rows: z.number().int().min(2).max(20).default(6) }).strict();
const date = z.object({ type: z.literal('date'), ...common, notInFuture: z.boolean().default(false) }).strict();
const radios = z.object({ type: z.literal('radios'), ...common, options: z.array(option).min(2), inline: z.boolean().default(false) }).strict();
const checkboxes = z.object({ type: z.literal('checkboxes'), ...common, options: z.array(option).min(1) }).strict();
const select = z.object({ type: z.literal('select'), ...common, options: z.array(option).min(2) }).strict();

const simpleQuestion = z.discriminatedUnion('type', [text, textarea, date, radios, checkboxes, select]);
export type SimpleQuestion = z.infer<typeof simpleQuestion>;

/** Repeating items ("Add more" / "Remove"), e.g. each parent or carer the professional spoke to. */
const group = z
  .object({
    type: z.literal('group'),
    ...common,
    /** Each item's heading, numbered: "Contact 1", "Contact 2". */
    itemLabel: localisedText,
    min: z.number().int().min(0).max(20).default(1),
    max: z.number().int().min(1).max(50).default(10),
    fields: z.array(simpleQuestion.refine((f) => !f.showIf, 'questions inside a group cannot have showIf')).min(1),
  })
  .strict()
  .refine((g) => g.max >= Math.max(g.min, 1), { message: 'max must be at least min', path: ['max'] });

/** Documents: uploaded one at a time, each with a description from the list (or its own words). */
const file = z
  .object({
    type: z.literal('file'),
    id: name,
    label: localisedText,
    hint: localisedText.optional(),
    /** The description list; empty: the professional types a description for each document. */
    descriptions: z.array(option).default([]),
    showIf: showIf.optional(),
  })
  .strict();

const question = z.union([simpleQuestion, group, file]);
export type Question = z.infer<typeof question>;
export type GroupQuestion = z.infer<typeof group>;
export type FileQuestion = z.infer<typeof file>;

const stepBase = { id: name, title: localisedText, intro: paragraphs.default([]) };
const questionsStep = z.object({ type: z.literal('questions'), ...stepBase, questions: z.array(question).min(1) }).strict();
/** The professional picks which of their work roles they complete the form as. */
const workDetailsStep = z.object({ type: z.literal('workDetails'), ...stepBase }).strict();
/** Every answer and document, with links back to each step, then the declarations and Submit. */
const summaryStep = z.object({ type: z.literal('summary'), ...stepBase }).strict();

const step = z.discriminatedUnion('type', [questionsStep, workDetailsStep, summaryStep]);
export type Step = z.infer<typeof step>;
export type QuestionsStep = z.infer<typeof questionsStep>;

const declaration = z
  .object({
    id: name,
    heading: localisedText,
    paragraphs: paragraphs.default([]),
    label: localisedText,
    error: localisedText,
  })
  .strict();
export type Declaration = z.infer<typeof declaration>;

export const formDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens'),
    title: localisedText,
    service: serviceName,
    steps: z.array(step).min(2),
    declarations: z.array(declaration).min(1),
  })
  .strict()
  .superRefine((form, ctx) => {
    const stepIds = new Set<string>();
    const questions = new Map<string, Question>();
    form.steps.forEach((s, i) => {
      if (stepIds.has(s.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `"${s.id}" is used by another step` });
      stepIds.add(s.id);
      if (s.type === 'workDetails' && i !== 0) ctx.addIssue({ code: 'custom', path: ['steps', i, 'type'], message: 'workDetails must be the first step' });
      if (s.type === 'summary' && i !== form.steps.length - 1) ctx.addIssue({ code: 'custom', path: ['steps', i, 'type'], message: 'summary must be the last step' });
      if (s.type !== 'questions') return;
      s.questions.forEach((q, j) => {
        if (questions.has(q.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'questions', j, 'id'], message: `"${q.id}" is used by another question` });
        questions.set(q.id, q);
      });
    });
    if (form.steps.at(-1)?.type !== 'summary') ctx.addIssue({ code: 'custom', path: ['steps'], message: 'the last step must be a summary' });
    form.steps.forEach((s, i) => {
      if (s.type !== 'questions') return;
      s.questions.forEach((q, j) => {
        if (!q.showIf) return;
        const target = questions.get(q.showIf.question);
        const path = ['steps', i, 'questions', j, 'showIf'];
        if (!target || !('options' in target)) return ctx.addIssue({ code: 'custom', path, message: `"${q.showIf.question}" is not a radios, checkboxes or select question of this form` });
        const value = q.showIf.equals ?? q.showIf.includes;
        if (!target.options.some((o) => o.value === value)) ctx.addIssue({ code: 'custom', path, message: `"${value}" is not an option of "${target.id}"` });
        if (q.showIf.includes !== undefined && target.type !== 'checkboxes') ctx.addIssue({ code: 'custom', path, message: 'includes is for checkboxes; use equals' });
        if (q.showIf.equals !== undefined && target.type === 'checkboxes') ctx.addIssue({ code: 'custom', path, message: 'equals is for radios and select; use includes' });
      });
    });
  });

export type FormDefinition = z.infer<typeof formDefinitionSchema>;

/** Every question of a form, in order, with the step it is on. */
export function questionsOf(form: FormDefinition): { step: QuestionsStep; question: Question }[] {
  return form.steps.flatMap((s) => (s.type === 'questions' ? s.questions.map((question) => ({ step: s, question })) : []));
}
