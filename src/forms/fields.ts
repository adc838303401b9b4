import { localise } from '../i18n/index.js';
import type { FormErrors } from '../platform/http/forms.js';
import { answerLookup, isDateValue, isShown, itemFieldName, type Answers, type FieldValue, type ItemValues, type StepValues } from './answers.js';
import type { FormDefinition, GroupQuestion, Question, QuestionsStep, SimpleQuestion } from './definition.js';
import { formatCount, type Texts } from './validation.js';

/** What a question's partial needs: texts in the page language, the value to show, its error. */
export interface QuestionView {
  kind: Question['type'];
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  /** aria-describedby of the field (hint, error, count message). */
  describedBy?: string;
  value?: string;
  date?: { day: string; month: string; year: string };
  options?: OptionView[];
  maxLength?: number;
  rows?: number;
  autocomplete?: string;
  width?: string;
  inline?: boolean;
  /** Textarea: "There is a limit of 30,000 characters." and the live count's texts for govuk-frontend. */
  countLimit?: string;
  countAttributes?: { name: string; value: string }[];
  group?: GroupView;
  file?: { questionId: string; descriptions: { value: string; text: string }[] };
}

interface OptionView {
  id: string;
  value: string;
  text: string;
  hint?: string;
  checked: boolean;
  /** Questions revealed when this option is chosen (GOV.UK conditional reveal; all shown without JavaScript). */
  conditional?: QuestionView[];
  conditionalId?: string;
}

interface GroupView {
  countName: string;
  count: number;
  items: { legend: string; index: number; fields: QuestionView[]; removeValue: string; removeLabel: string }[];
  canRemove: boolean;
  canAdd: boolean;
  addValue: string;
  addId: string;
}

function describedBy(...ids: (string | undefined | false)[]): string | undefined {
  const list = ids.filter(Boolean);
  return list.length ? list.join(' ') : undefined;
}

/** govuk-frontend's character count texts ("data-i18n.*" attributes), in every plural form of the language. */
export function countAttributes(max: number, texts: Texts): { name: string; value: string }[] {
  const categories = new Intl.PluralRules(texts.lang === 'cy' ? 'cy' : 'en').resolvedOptions().pluralCategories;
  const limit = formatCount(max, texts.lang);
  const plural = (attr: string, key: string) => categories.map((c) => ({ name: `data-i18n.${attr}.${c}`, value: texts.t(`${key}_${c}`, { max: limit }) }));
  return [
    ...plural('characters-under-limit', 'forms.count.under'),
    { name: 'data-i18n.characters-at-limit', value: texts.t('forms.count.atLimit', { max: limit }) },
    ...plural('characters-over-limit', 'forms.count.over'),
  ];
}

function simpleView(q: SimpleQuestion, name: string, value: FieldValue | undefined, errors: FormErrors, texts: Texts, label = localise(q.label, texts.lang)): QuestionView {
  const { lang } = texts;
  const error = errors.byField[name];
  const hint = q.hint ? localise(q.hint, lang) : undefined;
  const view: QuestionView = { kind: q.type, id: name, name, label, hint, error, describedBy: describedBy(hint && `${name}-hint`, error && `${name}-error`) };
  switch (q.type) {
    case 'text':
      return { ...view, value: typeof value === 'string' ? value : '', autocomplete: q.autocomplete, width: q.width };
    case 'textarea':
      return {
        ...view,
        value: typeof value === 'string' ? value : '',
        rows: q.rows,
        maxLength: q.maxLength,
        countLimit: texts.t('forms.count.limit', { max: formatCount(q.maxLength, lang) }),
        countAttributes: countAttributes(q.maxLength, texts),
        describedBy: describedBy(`${name}-info`, hint && `${name}-hint`, error && `${name}-error`),
      };
    case 'date': {
      const date = isDateValue(value) ? value : { day: '', month: '', year: '' };
      return { ...view, id: `${name}-day`, date };
    }
    default: {
      const chosen = Array.isArray(value) ? value : [value];
      return {
        ...view,
        inline: q.type === 'radios' ? q.inline : undefined,
        options: q.options.map((o, i) => ({
          id: i === 0 ? name : `${name}-${o.value}`,
          value: o.value,
          text: localise(o.text, lang),
          hint: o.hint ? localise(o.hint, lang) : undefined,
          checked: chosen.includes(o.value),
        })),
      };
    }
  }
}

function groupView(q: GroupQuestion, value: ItemValues[] | undefined, errors: FormErrors, texts: Texts): QuestionView {
  const { t, lang } = texts;
  const items = value && value.length ? value : [];
  const count = Math.max(items.length, q.min, 1);
  const itemLabel = localise(q.itemLabel, lang);
  const error = errors.byField[`${q.id}-add`];
  return {
    kind: 'group',
    id: q.id,
    name: q.id,
    label: localise(q.label, lang),
    hint: q.hint ? localise(q.hint, lang) : undefined,
    error,
    group: {
      countName: `${q.id}-items`,
      count,
      items: Array.from({ length: count }, (_, i) => ({
        legend: `${itemLabel} ${i + 1}`,
        index: i,
        fields: q.fields.map((f) => simpleView(f, itemFieldName(q, i, f), items[i]?.[f.id], errors, texts)),
        removeValue: `remove-${q.id}-${i}`,
        removeLabel: t('forms.step.remove', { item: `${itemLabel} ${i + 1}` }),
      })),
      canRemove: count > Math.max(q.min, 1),
      canAdd: count < q.max,
      addValue: `add-${q.id}`,
      addId: `${q.id}-add`,
    },
  };
}

/**
 * The questions of a step as the page shows them: questions that depend on a
 * choice on the same page sit inside that choice (revealed by it); those that
 * depend on another step appear only when that step's answer calls for them.
 */
export function stepQuestions(form: FormDefinition, step: QuestionsStep, values: StepValues, answers: Answers, errors: FormErrors, texts: Texts): { questions: QuestionView[]; files: QuestionView[] } {
  const lookup = answerLookup(form, answers, { stepId: step.id, values });
  const here = new Set(step.questions.filter((q) => q.type === 'radios' || q.type === 'checkboxes').map((q) => q.id));
  const revealedBy = (q: Question) => (q.showIf && here.has(q.showIf.question) ? q.showIf : undefined);
  const view = (q: Question): QuestionView => {
    if (q.type === 'group') return groupView(q, values[q.id] as ItemValues[] | undefined, errors, texts);
    if (q.type === 'file') {
      return {
        kind: 'file',
        id: q.id,
        name: q.id,
        label: localise(q.label, texts.lang),
        hint: q.hint ? localise(q.hint, texts.lang) : undefined,
        file: { questionId: q.id, descriptions: q.descriptions.map((d) => ({ value: d.value, text: localise(d.text, texts.lang) })) },
      };
    }
    const shown = simpleView(q, q.id, values[q.id] as FieldValue | undefined, errors, texts);
    if (shown.options && (q.type === 'radios' || q.type === 'checkboxes')) {
      for (const option of shown.options) {
        const dependants = step.questions.filter((d) => revealedBy(d)?.question === q.id && (d.showIf!.equals ?? d.showIf!.includes) === option.value);
        if (dependants.length) {
          option.conditional = dependants.map(view);
          option.conditionalId = `conditional-${option.id}`;
        }
      }
    }
    return shown;
  };
  const top = step.questions.filter((q) => !revealedBy(q) && isShown(q, lookup));
  return { questions: top.filter((q) => q.type !== 'file').map(view), files: top.filter((q) => q.type === 'file').map(view) };
}

