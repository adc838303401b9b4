import { z } from 'zod';
import { localisedText } from '../../tenancy/schema.js';
import { formatCount, formText, type Texts } from '../texts.js';
import { baseView, common, describedBy, isRecord, notAnswered, postedText, requiredProblem, textLines } from './common.js';
import { countAttributes } from './count.js';
import { optionViews } from './options.js';
import type { AnswerText, Problem, QuestionType, QuestionView, YesNoValue } from './type.js';

const details = z
  .object({
    /** The answer that reveals the details box (and makes it required). */
    revealedBy: z.enum(['yes', 'no']),
    label: localisedText,
    hint: localisedText.optional(),
    requiredError: localisedText.optional(),
    maxLength: z.number().int().min(1).max(100000).default(30000),
    rows: z.number().int().min(2).max(20).default(4),
  })
  .strict();

const schema = z
  .object({
    type: z.literal('yesNo'),
    ...common,
    /** Own texts for the two answers ("Yes, they have" …); otherwise Yes and No. */
    yes: localisedText.optional(),
    no: localisedText.optional(),
    /** "Give details": a box revealed by Yes (or by No), required when revealed. */
    details: details.optional(),
  })
  .strict();
export type YesNoQuestion = z.infer<typeof schema>;

const ANSWERS = ['yes', 'no'] as const;

const detailsName = (name: string) => `${name}-details`;
const revealsDetails = (question: YesNoQuestion, value: YesNoValue | undefined) => !!question.details && value?.answer === question.details.revealedBy;

function detailsProblems(question: YesNoQuestion, value: YesNoValue, texts: Texts): Problem[] {
  const d = question.details!;
  const label = formText(d.label, texts);
  if (!value.details) return [{ text: d.requiredError ? formText(d.requiredError, texts) : texts.t('forms.errors.required.enter', { label }), part: 'details' }];
  if (value.details.length > d.maxLength) return [{ text: texts.t('forms.errors.tooLong', { label, max: formatCount(d.maxLength, texts.lang), count: value.details.length - d.maxLength }), part: 'details' }];
  return [];
}

function detailsView(question: YesNoQuestion, name: string, value: YesNoValue | undefined, errors: Record<string, string>, texts: Texts): QuestionView {
  const d = question.details!;
  const own = detailsName(name);
  const view = baseView('textarea', { id: own, label: d.label, hint: d.hint, required: true }, own, errors, texts);
  return {
    ...view,
    value: value?.details ?? '',
    rows: d.rows,
    maxLength: d.maxLength,
    countLimit: texts.t('forms.count.limit', { max: formatCount(d.maxLength, texts.lang) }),
    countAttributes: countAttributes(d.maxLength, texts),
    describedBy: describedBy(`${own}-info`, view.hint && `${own}-hint`, view.error && `${own}-error`),
  };
}

function yesNoAnswer(question: YesNoQuestion, value: YesNoValue | undefined, texts: Texts): AnswerText {
  if (!value?.answer) return notAnswered(texts);
  const own = value.answer === 'yes' ? question.yes : value.answer === 'no' ? question.no : undefined;
  const answer = own ? formText(own, texts) : ANSWERS.includes(value.answer as 'yes') ? texts.t(`forms.yesNo.${value.answer}`) : value.answer;
  return { lines: [answer, ...(revealsDetails(question, value) ? textLines(value.details) : [])] };
}

/** Yes or No (GOV.UK radios), with an optional "give details" box revealed by one of them. */
export const yesNo = {
  type: 'yesNo',
  schema,
  inGroup: true,
  perPerson: true,
  stored: true,
  reveals: true,
  choices: { multiple: false, values: () => [...ANSWERS], chosen: (value) => (value.answer ? [value.answer] : []) },
  read: (body, name) => ({ answer: postedText(body, name), details: postedText(body, detailsName(name), true) }),
  parse: (stored) => (isRecord(stored) && typeof stored.answer === 'string' && typeof stored.details === 'string' ? { answer: stored.answer, details: stored.details } : undefined),
  isEmpty: (value) => value.answer === '',
  validate(question, value, texts, label) {
    if (!value?.answer || !(ANSWERS as readonly string[]).includes(value.answer)) return requiredProblem({ ...question, required: question.required || !!value?.answer }, texts, label, 'choose');
    return revealsDetails(question, value) ? detailsProblems(question, value, texts) : [];
  },
  view(question, name, value, errors, texts) {
    const options = optionViews(
      ANSWERS.map((a) => ({ value: a, text: question[a] ?? { en: texts.t(`forms.yesNo.${a}`) } })),
      name,
      value?.answer ? [value.answer] : [],
      texts,
    );
    const revealing = question.details && options.find((o) => o.value === question.details!.revealedBy);
    if (revealing) {
      revealing.conditional = [detailsView(question, name, value, errors, texts)];
      revealing.conditionalId = `conditional-${revealing.id}`;
    }
    return { ...baseView('radios', question, name, errors, texts), partial: 'forms/q-choices', inline: !question.details, options };
  },
  summary: yesNoAnswer,
  pdf: yesNoAnswer,
} satisfies QuestionType<YesNoQuestion, YesNoValue>;
