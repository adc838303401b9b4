import { formText, type Texts } from '../texts.js';
import { asString, notAnswered, optionText, postedText, requiredProblem, type CommonQuestion, type Option } from './common.js';
import type { AnswerText, OptionView, PostedForm, Problem } from './type.js';

/** Helpers shared by the choice types (radios, checkboxes, select, autocomplete). */

/** Each option as its partial shows it: the first one's id is the question's (the error summary links there). */
export function optionViews(options: Option[], name: string, chosen: string[], texts: Texts): OptionView[] {
  return options.map((o, i) => ({
    id: i === 0 ? name : `${name}-${o.value}`,
    value: o.value,
    text: formText(o.text, texts),
    hint: o.hint ? formText(o.hint, texts) : undefined,
    checked: chosen.includes(o.value),
  }));
}

/** One option chosen: required, and one of the options (anything else was not chosen from the page). */
export function checkOneOf(question: CommonQuestion & { options: Option[] }, value: string | undefined, texts: Texts, label: string): Problem[] {
  if (!value) return requiredProblem(question, texts, label, 'choose');
  if (!question.options.some((o) => o.value === value)) return [{ text: texts.t('forms.errors.required.choose', { label }) }];
  return [];
}

/** The chosen options' texts as summary lines. */
export function chosenAnswer(options: Option[], chosen: string[], texts: Texts): AnswerText {
  return chosen.length ? { lines: chosen.map((v) => optionText(options, v, texts)) } : notAnswered(texts);
}

export const single = (value: string) => (value ? [value] : []);

type ListQuestion = CommonQuestion & { options: Option[] };

const oneChosen = (question: ListQuestion, value: string | undefined, texts: Texts) => chosenAnswer(question.options, single(value ?? ''), texts);

/** What the one-of-a-list types share (radios, select, autocomplete): all but their view. */
export const oneOfList = {
  inGroup: true,
  perPerson: true,
  stored: true,
  choices: { multiple: false, values: (question: ListQuestion) => question.options.map((o) => o.value), chosen: single },
  read: (body: PostedForm, name: string) => postedText(body, name),
  parse: asString,
  isEmpty: (value: string) => value === '',
  validate: checkOneOf,
  summary: oneChosen,
  pdf: oneChosen,
};
