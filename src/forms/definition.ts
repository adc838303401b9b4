import { z } from 'zod';
import { localisedText, serviceName } from '../tenancy/schema.js';
import { checkCondition, circularConditions, type Condition, type ConditionTarget } from './conditions.js';
import { peopleStepSchema } from './people.js';
import { questionId } from './questions/common.js';
import { answerOf, isPerPerson, questionSchema, type Question } from './questions/index.js';

/**
 * A form definition: tenants/_library/forms/<id>.json. Steps of questions, a
 * "Work details" first step, a "Summary" last step and the declarations a
 * professional ticks to submit. Every text is { en, cy }. Question types are
 * modules in ./questions/ (one file each); the union of their schemas is `questionSchema`.
 */

const paragraphs = z.array(localisedText);

export type { Option } from './questions/common.js';
export type { Condition as ShowIf } from './conditions.js';
export type { Question, SimpleQuestion, GroupQuestion, FileQuestion } from './questions/index.js';

const stepBase = { id: questionId, title: localisedText, intro: paragraphs.default([]) };
const questionsStep = z.object({ type: z.literal('questions'), ...stepBase, questions: z.array(questionSchema).min(1) }).strict();
/** The professional picks which of their work roles they complete the form as. */
const workDetailsStep = z.object({ type: z.literal('workDetails'), ...stepBase }).strict();
/** Every answer and document, with links back to each step, then the declarations and Submit. */
const summaryStep = z.object({ type: z.literal('summary'), ...stepBase }).strict();

const step = z.discriminatedUnion('type', [questionsStep, workDetailsStep, summaryStep, peopleStepSchema]);
export type Step = z.infer<typeof step>;
export type QuestionsStep = z.infer<typeof questionsStep>;

const declaration = z
  .object({
    id: questionId,
    heading: localisedText,
    paragraphs: paragraphs.default([]),
    label: localisedText,
    error: localisedText,
  })
  .strict();
export type Declaration = z.infer<typeof declaration>;

/**
 * What a form is about: one child the professional picked (Select Person), the
 * people entered on the form's people step, or no one.
 */
export const formSubject = z.enum(['child', 'people', 'none']);
export type FormSubject = z.infer<typeof formSubject>;

type Ctx = z.core.$RefinementCtx<{ steps: Step[]; subject: FormSubject }>;

function checkSteps(form: { steps: Step[]; subject: FormSubject }, ctx: Ctx): Map<string, { question: Question; path: (string | number)[] }> {
  const stepIds = new Set<string>();
  const questions = new Map<string, { question: Question; path: (string | number)[] }>();
  const peopleSteps = form.steps.flatMap((s, i) => (s.type === 'people' ? [i] : []));
  const firstPeople = peopleSteps[0];
  form.steps.forEach((s, i) => {
    if (stepIds.has(s.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `"${s.id}" is used by another step` });
    stepIds.add(s.id);
    if (s.type === 'workDetails' && i !== 0) ctx.addIssue({ code: 'custom', path: ['steps', i, 'type'], message: 'workDetails must be the first step' });
    if (s.type === 'summary' && i !== form.steps.length - 1) ctx.addIssue({ code: 'custom', path: ['steps', i, 'type'], message: 'summary must be the last step' });
    if (s.type === 'people' && form.subject !== 'people') ctx.addIssue({ code: 'custom', path: ['steps', i, 'type'], message: 'a people step needs "subject": "people"' });
    if (s.type !== 'questions') return;
    s.questions.forEach((q, j) => {
      const path = ['steps', i, 'questions', j];
      if (questions.has(q.id)) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `"${q.id}" is used by another question` });
      questions.set(q.id, { question: q, path });
      const asked = 'perPerson' in q && q.perPerson === true;
      if (asked && !answerOf(q).perPerson) ctx.addIssue({ code: 'custom', path: [...path, 'perPerson'], message: `a ${q.type} question cannot be asked per person` });
      if (asked && (firstPeople === undefined || firstPeople > i)) ctx.addIssue({ code: 'custom', path: [...path, 'perPerson'], message: 'a per-person question needs the people step before its step' });
      if ('for' in q && q.for !== undefined && !asked) ctx.addIssue({ code: 'custom', path: [...path, 'for'], message: '"for" is for per-person questions' });
    });
  });
  if (form.steps.at(-1)?.type !== 'summary') ctx.addIssue({ code: 'custom', path: ['steps'], message: 'the last step must be a summary' });
  if (form.subject === 'people' && peopleSteps.length !== 1) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'a form about people needs exactly one people step' });
  return questions;
}

/** Every condition names questions of this form, with options they have; none goes round in a circle. */
function checkConditions(questions: Map<string, { question: Question; path: (string | number)[] }>, ctx: Ctx): void {
  const target = (id: string): ConditionTarget | undefined => {
    const found = questions.get(id)?.question;
    if (!found) return undefined;
    const answer = answerOf(found);
    return { id, answered: answer.stored, choices: answer.choices };
  };
  const conditions = new Map<string, Condition>();
  for (const { question, path } of questions.values()) {
    if (!question.showIf) continue;
    conditions.set(question.id, question.showIf);
    for (const issue of checkCondition(question.showIf, target)) ctx.addIssue({ code: 'custom', path: [...path, 'showIf', ...issue.path], message: issue.message });
  }
  for (const id of circularConditions(conditions)) ctx.addIssue({ code: 'custom', path: [...questions.get(id)!.path, 'showIf'], message: `the condition of "${id}" depends on itself` });
}

export const formDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens'),
    title: localisedText,
    service: serviceName,
    subject: formSubject.default('child'),
    steps: z.array(step).min(2),
    declarations: z.array(declaration).min(1),
  })
  .strict()
  .superRefine((form, ctx) => checkConditions(checkSteps(form, ctx), ctx));

export type FormDefinition = z.infer<typeof formDefinitionSchema>;

/** Every question of a form, in order, with the step it is on. */
export function questionsOf(form: FormDefinition): { step: QuestionsStep; question: Question }[] {
  return form.steps.flatMap((s) => (s.type === 'questions' ? s.questions.map((question) => ({ step: s, question })) : []));
}

/** The per-person questions of a form. */
export const perPersonQuestions = (form: FormDefinition): Question[] => questionsOf(form).flatMap(({ question }) => (isPerPerson(question) ? [question] : []));
