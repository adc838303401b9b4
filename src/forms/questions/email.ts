import { z } from 'zod';
import { baseView, common, requiredProblem, textAnswer, typedAnswer } from './common.js';
import type { QuestionType } from './type.js';

const schema = z.object({ type: z.literal('email'), ...common }).strict();
export type EmailQuestion = z.infer<typeof schema>;

/** Something@somewhere.tld without spaces: what a person can type wrongly, not whether the mailbox exists. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
const MAX_EMAIL = 254;

/** An email address (type="email", no spell check). */
export const email = {
  type: 'email',
  schema,
  ...typedAnswer,
  validate(question, value, texts, label) {
    if (!value) return requiredProblem(question, texts, label, 'enter');
    if (value.length > MAX_EMAIL) return [{ text: texts.t('forms.errors.tooLong', { label, max: MAX_EMAIL, count: value.length - MAX_EMAIL }) }];
    if (!EMAIL.test(value)) return [{ text: texts.t('forms.errors.email', { label }) }];
    return [];
  },
  view: (question, name, value, errors, texts) => ({ ...baseView('email', question, name, errors, texts), value: value ?? '' }),
  summary: (_question, value, texts) => textAnswer(value, texts),
  pdf: (_question, value, texts) => textAnswer(value, texts),
} satisfies QuestionType<EmailQuestion, string>;
