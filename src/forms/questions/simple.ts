import { z } from 'zod';
import { autocomplete, type AutocompleteQuestion } from './autocomplete.js';
import { checkboxes, type CheckboxesQuestion } from './checkboxes.js';
import { date, type DateQuestion } from './date.js';
import { bindQuestion, type AnsweredQuestion, type Registry } from './dispatch.js';
import { email, type EmailQuestion } from './email.js';
import { number, type NumberQuestion } from './number.js';
import { phone, type PhoneQuestion } from './phone.js';
import { radios, type RadiosQuestion } from './radios.js';
import { select, type SelectQuestion } from './select.js';
import { text, type TextQuestion } from './text.js';
import { textarea, type TextareaQuestion } from './textarea.js';
import type { DateValue, YesNoValue } from './type.js';
import { yesNo, type YesNoQuestion } from './yes-no.js';

/**
 * The types that answer in a single field set: they may be questions of a step
 * and fields of a repeating group. Adding one: its module, a line in each of
 * the three lists below, its partial.
 */
export type SimpleTypes = {
  text: [TextQuestion, string];
  textarea: [TextareaQuestion, string];
  date: [DateQuestion, DateValue];
  radios: [RadiosQuestion, string];
  checkboxes: [CheckboxesQuestion, string[]];
  select: [SelectQuestion, string];
  email: [EmailQuestion, string];
  phone: [PhoneQuestion, string];
  number: [NumberQuestion, string];
  yesNo: [YesNoQuestion, YesNoValue];
  autocomplete: [AutocompleteQuestion, string];
};

export const SIMPLE_TYPES: Registry<SimpleTypes> = { text, textarea, date, radios, checkboxes, select, email, phone, number, yesNo, autocomplete };

export const simpleQuestionSchema = z.discriminatedUnion('type', [
  text.schema,
  textarea.schema,
  date.schema,
  radios.schema,
  checkboxes.schema,
  select.schema,
  email.schema,
  phone.schema,
  number.schema,
  yesNo.schema,
  autocomplete.schema,
]);
export type SimpleQuestion = SimpleTypes[keyof SimpleTypes][0];

/** A simple question bound to its module. */
export type SimpleValue = SimpleTypes[keyof SimpleTypes][1];
export const simpleAnswer = (question: SimpleQuestion): AnsweredQuestion<SimpleValue> => bindQuestion(SIMPLE_TYPES, question.type, question);
