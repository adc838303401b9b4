import { z } from 'zod';
import { localisedText } from '../../tenancy/schema.js';
import { condition } from '../conditions.js';
import { formText, type Texts } from '../texts.js';
import { localise, type Language } from '../../i18n/index.js';
import { option, optionText, questionId } from './common.js';
import type { Question } from './index.js';
import type { AnswerText, QuestionType, SummaryContext, SummaryDocument, SummaryRow } from './type.js';

const schema = z
  .object({
    type: z.literal('file'),
    id: questionId,
    label: localisedText,
    hint: localisedText.optional(),
    /** The description list; empty: the professional types a description for each document. */
    descriptions: z.array(option).default([]),
    showIf: condition.optional(),
  })
  .strict();
export type FileQuestion = z.infer<typeof schema>;

const sizeText = (bytes: number, texts: Texts) =>
  bytes >= 1024 * 1024 ? texts.t('forms.summary.sizeMb', { size: (bytes / 1024 / 1024).toFixed(1) }) : texts.t('forms.summary.sizeKb', { size: Math.max(1, Math.round(bytes / 1024)) });

const documentsOf = (question: FileQuestion, context: SummaryContext) => context.documents.filter((d) => d.questionId === question.id);

const descriptionOf = (question: FileQuestion, d: SummaryDocument, texts: Texts) => (d.description ? optionText(question.descriptions, d.description, texts) : texts.t('forms.summary.document'));

/** The page: a download link (clean files), the type and size, whether it waits for its virus scan. */
function documentRows(question: FileQuestion, texts: Texts, context: SummaryContext, printed: boolean): AnswerText {
  const mine = documentsOf(question, context);
  if (!mine.length) return { rows: [{ key: formText(question.label, texts), lines: [texts.t('forms.summary.noDocuments')] }] };
  return {
    rows: mine.map((d): SummaryRow => {
      const details = [`${d.mediaType}, ${sizeText(d.size, texts)}`, ...(d.status === 'pending' ? [texts.t('forms.summary.waitingForScan')] : [])];
      const link = !printed && d.href;
      return { key: descriptionOf(question, d, texts), lines: [...(link ? [] : [d.fileName]), ...details], href: link || undefined, linkText: link ? d.fileName : undefined };
    }),
  };
}

/** A document's description as people read it: the text of the option chosen, or the words typed. */
export function documentDescription(question: Question | undefined, description: string, lang: Language): string {
  const found = question?.type === 'file' ? question.descriptions.find((d) => d.value === description) : undefined;
  return found ? localise(found.text, lang) : description;
}

/**
 * Documents, uploaded one at a time with a description (their own form, posted
 * to the uploads routes); the step's answers hold nothing for them. The summary
 * lists the documents given in the context.
 */
export const file = {
  type: 'file',
  schema,
  inGroup: false,
  perPerson: false,
  stored: false,
  ownForm: true,
  read: () => undefined,
  parse: () => undefined,
  isEmpty: () => true,
  validate: () => [],
  view: (question, name, _value, _errors, texts) => ({
    kind: 'file',
    partial: 'forms/q-file',
    id: name,
    name,
    label: formText(question.label, texts),
    hint: question.hint ? formText(question.hint, texts) : undefined,
    file: { questionId: question.id, descriptions: question.descriptions.map((d) => ({ value: d.value, text: formText(d.text, texts) })) },
  }),
  summary: (question, _value, texts, context) => documentRows(question, texts, context, false),
  pdf: (question, _value, texts, context) => documentRows(question, texts, context, true),
} satisfies QuestionType<FileQuestion, undefined>;
