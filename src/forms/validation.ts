import type { TFunction } from 'i18next';
import { localise, type Language } from '../i18n/index.js';
import type { FormErrors } from '../platform/http/forms.js';
import { noErrors } from '../platform/http/forms.js';
import { answerLookup, isDateValue, isEmpty, isShown, itemFieldName, realDate, type Answers, type FieldValue, type ItemValues, type StepValues } from './answers.js';
import type { FormDefinition, SimpleQuestion, Step } from './definition.js';

export interface Texts {
  t: TFunction;
  lang: Language;
}

/** Adds an error for a field: the message beside it, and a summary link to the element to fix. */
export function addFieldError(errors: FormErrors, field: string, text: string, href = `#${field}`): void {
  if (errors.byField[field]) return;
  errors.byField[field] = text;
  errors.list.push({ href, text });
}

const numberFormat = (lang: Language) => new Intl.NumberFormat(lang === 'cy' ? 'cy-GB' : 'en-GB');
export const formatCount = (n: number, lang: Language) => numberFormat(lang).format(n);

/** The problem with one answer, if any: [message, part of the field to link to]. */
function problem(question: SimpleQuestion, value: FieldValue | undefined, label: string, texts: Texts, name: string): [string, string] | undefined {
  const { t, lang } = texts;
  if (isEmpty(value)) {
    if (!question.required) return undefined;
    const own = question.requiredError ? localise(question.requiredError, lang) : undefined;
    const kind = question.type === 'text' || question.type === 'textarea' ? 'enter' : question.type === 'date' ? 'date' : 'choose';
    return [own ?? t(`forms.errors.required.${kind}`, { label }), question.type === 'date' ? `${name}-day` : name];
  }
  if ((question.type === 'text' || question.type === 'textarea') && typeof value === 'string' && value.length > question.maxLength) {
    return [t('forms.errors.tooLong', { label, max: formatCount(question.maxLength, lang), count: value.length - question.maxLength }), name];
  }
  if (question.type === 'date' && isDateValue(value)) {
    const missing = (['day', 'month', 'year'] as const).filter((p) => !value[p]);
    if (missing.length) return [t(`forms.errors.dateMissing.${missing[0]}`, { label }), `${name}-${missing[0]}`];
    const date = realDate(value);
    if (!date) return [t('forms.errors.dateReal', { label }), `${name}-day`];
    if (question.notInFuture && date.getTime() > Date.now()) return [t('forms.errors.dateFuture', { label }), `${name}-day`];
  }
  if ((question.type === 'radios' || question.type === 'select') && typeof value === 'string' && !question.options.some((o) => o.value === value)) {
    return [t('forms.errors.required.choose', { label }), name];
  }
  return undefined;
}

/**
 * Checks a step's answers: required answers, lengths, real dates, choices,
 * repeating items; questions hidden by their conditions are not checked.
 */
export function validateStep(form: FormDefinition, step: Step, values: StepValues, answers: Answers, texts: Texts, workRoleIds: string[] = []): FormErrors {
  const errors = noErrors();
  const { t, lang } = texts;
  if (step.type === 'workDetails') {
    if (!workRoleIds.includes(String(values.workRole ?? ''))) addFieldError(errors, 'workRole', t('forms.errors.workRole'));
    return errors;
  }
  if (step.type !== 'questions') return errors;
  const lookup = answerLookup(form, answers, { stepId: step.id, values });
  for (const q of step.questions) {
    if (q.type === 'file' || !isShown(q, lookup)) continue;
    const label = localise(q.label, lang);
    if (q.type === 'group') {
      const items = (values[q.id] as ItemValues[] | undefined) ?? [];
      const needed = q.required ? Math.max(q.min, 1) : 0;
      items.forEach((item, i) => {
        // The first items a required group needs must be answered; any other item only once it is started.
        const started = Object.values(item).some((v) => !isEmpty(v));
        if (!started && i >= needed) return;
        const itemLabel = `${localise(q.itemLabel, lang)} ${i + 1}`;
        for (const f of q.fields) {
          const name = itemFieldName(q, i, f);
          const found = problem(f, item[f.id], `${itemLabel}: ${localise(f.label, lang)}`, texts, name);
          if (found) addFieldError(errors, name, found[0], `#${found[1]}`);
        }
      });
      if (items.length < needed) addFieldError(errors, `${q.id}-add`, t('forms.errors.groupTooFew', { label, count: needed }));
      continue;
    }
    const found = problem(q, values[q.id] as FieldValue | undefined, label, texts, q.id);
    if (found) addFieldError(errors, q.id, found[0], `#${found[1]}`);
  }
  return errors;
}
