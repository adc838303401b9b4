import type { WorkRoleDetails as WorkRole } from '../accounts/directory.js';
import { formatAddress, fromAddressColumns } from '../accounts/addresses/lookup.js';
import { localise } from '../i18n/index.js';
import { answerLookup, isDateValue, isEmpty, isShown, realDate, stepValues, type Answers, type FieldValue, type ItemValues } from './answers.js';
import { longDate } from './dates.js';
import type { FileQuestion, FormDefinition, Option, SimpleQuestion } from './definition.js';
import type { FrozenDocument } from './responses.js';
import { stepPath } from './steps.js';
import type { Texts } from './validation.js';

/** The role a form was completed as, frozen with each version (roles change later). */
export interface WorkRoleSnapshot {
  role: string;
  organisation: string;
  address: string;
  workPhone: string | null;
  mobile: string | null;
}

export function workRoleSnapshot(role: WorkRole): WorkRoleSnapshot {
  return { role: role.role, organisation: role.organisation, address: formatAddress(fromAddressColumns(role)), workPhone: role.work_phone, mobile: role.mobile };
}

export interface SummaryRow {
  key: string;
  lines: string[];
  /** A document's download link, shown first. */
  href?: string;
  linkText?: string;
}
export interface SummaryList {
  heading?: string;
  rows: SummaryRow[];
}
export interface SummarySection {
  id: string;
  title: string;
  /** "Change": back to the step (only while the answers can be changed). */
  changeHref?: string;
  lists: SummaryList[];
}

/** Documents as the summary shows them, with their scan status while the form is a draft. */
export interface SummaryDocument extends FrozenDocument {
  status?: string;
  href?: string;
}

const optionText = (options: Option[], value: string, texts: Texts) => {
  const option = options.find((o) => o.value === value);
  return option ? localise(option.text, texts.lang) : value;
};

/** An answer as lines of text, in the page language. */
export function answerLines(q: SimpleQuestion, value: FieldValue | undefined, texts: Texts): string[] {
  if (value === undefined || isEmpty(value)) return [texts.t('forms.summary.notAnswered')];
  if (isDateValue(value)) {
    const date = realDate(value);
    return [date ? longDate(date, texts.lang) : `${value.day}/${value.month}/${value.year}`];
  }
  if (Array.isArray(value)) return value.map((v) => ('options' in q ? optionText(q.options, v, texts) : v));
  if (q.type === 'radios' || q.type === 'select') return [optionText(q.options, value, texts)];
  return value.split('\n').filter((line) => line.trim() !== '');
}

const sizeText = (bytes: number, texts: Texts) =>
  bytes >= 1024 * 1024 ? texts.t('forms.summary.sizeMb', { size: (bytes / 1024 / 1024).toFixed(1) }) : texts.t('forms.summary.sizeKb', { size: Math.max(1, Math.round(bytes / 1024)) });

function documentRows(q: FileQuestion, documents: SummaryDocument[], texts: Texts): SummaryRow[] {
  const mine = documents.filter((d) => d.questionId === q.id);
  if (!mine.length) return [{ key: localise(q.label, texts.lang), lines: [texts.t('forms.summary.noDocuments')] }];
  return mine.map((d) => ({
    key: d.description ? optionText(q.descriptions, d.description, texts) : texts.t('forms.summary.document'),
    lines: [...(d.href ? [] : [d.fileName]), `${d.mediaType}, ${sizeText(d.size, texts)}`, ...(d.status === 'pending' ? [texts.t('forms.summary.waitingForScan')] : [])],
    href: d.href,
    linkText: d.href ? d.fileName : undefined,
  }));
}

function workRoleRows(role: WorkRoleSnapshot | undefined, texts: Texts): SummaryRow[] {
  const { t } = texts;
  if (!role) return [{ key: t('forms.workDetails.role'), lines: [t('forms.summary.notAnswered')] }];
  return [
    { key: t('forms.workDetails.role'), lines: [role.role] },
    { key: t('forms.workDetails.organisation'), lines: [role.organisation] },
    { key: t('forms.workDetails.address'), lines: [role.address || t('forms.summary.notAnswered')] },
    { key: t('forms.workDetails.workPhone'), lines: [role.workPhone || t('forms.summary.notAnswered')] },
    { key: t('forms.workDetails.mobile'), lines: [role.mobile || t('forms.summary.notAnswered')] },
  ];
}

/**
 * Every answer and document of a form, step by step, as GOV.UK summary cards.
 * Questions hidden by their conditions are left out.
 */
export function summarise(
  form: FormDefinition,
  answers: Answers,
  options: { texts: Texts; documents: SummaryDocument[]; workRole?: WorkRoleSnapshot; changeFor?: string },
): SummarySection[] {
  const { texts } = options;
  const lookup = answerLookup(form, answers);
  return form.steps
    .filter((s) => s.type !== 'summary')
    .map((step) => {
      const section: SummarySection = { id: step.id, title: localise(step.title, texts.lang), changeHref: options.changeFor ? stepPath(options.changeFor, step.id) : undefined, lists: [] };
      if (step.type === 'workDetails') {
        section.lists.push({ rows: workRoleRows(options.workRole, texts) });
        return section;
      }
      if (step.type !== 'questions') return section;
      const values = stepValues(answers, step.id);
      const rows: SummaryRow[] = [];
      for (const q of step.questions.filter((q) => isShown(q, lookup))) {
        if (q.type === 'file') rows.push(...documentRows(q, options.documents, texts));
        else if (q.type === 'group') {
          const items = ((values[q.id] as ItemValues[] | undefined) ?? []).filter((item) => Object.values(item).some((v) => !isEmpty(v)));
          if (rows.length) section.lists.push({ rows: rows.splice(0) });
          if (!items.length) section.lists.push({ heading: localise(q.label, texts.lang), rows: [{ key: localise(q.itemLabel, texts.lang), lines: [texts.t('forms.summary.notAnswered')] }] });
          items.forEach((item, i) =>
            section.lists.push({ heading: `${localise(q.itemLabel, texts.lang)} ${i + 1}`, rows: q.fields.map((f) => ({ key: localise(f.label, texts.lang), lines: answerLines(f, item[f.id], texts) })) }),
          );
        } else rows.push({ key: localise(q.label, texts.lang), lines: answerLines(q, values[q.id] as FieldValue | undefined, texts) });
      }
      if (rows.length) section.lists.push({ rows });
      return section;
    });
}

/** The answers to freeze in a version: only the questions that apply, and the role as it is today. */
export function answersToFreeze(form: FormDefinition, answers: Answers, workRole: WorkRoleSnapshot | undefined): Answers {
  const lookup = answerLookup(form, answers);
  const frozen: Answers = {};
  for (const step of form.steps) {
    if (step.type === 'workDetails') frozen[step.id] = stepValues(answers, step.id);
    if (step.type !== 'questions') continue;
    const values = stepValues(answers, step.id);
    frozen[step.id] = Object.fromEntries(step.questions.filter((q) => q.type !== 'file' && isShown(q, lookup) && q.id in values).map((q) => [q.id, values[q.id]]));
  }
  if (workRole) frozen._workRole = workRole;
  return frozen;
}
