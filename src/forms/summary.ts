import type { WorkRoleDetails as WorkRole } from '../accounts/directory.js';
import { formatAddress, fromAddressColumns } from '../accounts/addresses/format.js';
import { answerLookup, isShown, stepValues, type Answers } from './answers.js';
import { questionsOf, type FormDefinition } from './definition.js';
import { peopleSummary } from './people-page.js';
import { answerFor, perPersonSummary, withoutRemovedPeople } from './per-person.js';
import { linesOf } from './questions/group.js';
import { answerOf, isPerPerson } from './questions/index.js';
import { simpleAnswer, type SimpleQuestion } from './questions/simple.js';
import type { AnswerText, SummaryDocument, SummaryList, SummaryRow } from './questions/type.js';
import { stepPath } from './paths.js';
import { formText, type Texts } from './texts.js';

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

export type { SummaryRow, SummaryList, SummaryDocument } from './questions/type.js';

export interface SummarySection {
  id: string;
  title: string;
  /** "Change": back to the step (only while the answers can be changed). */
  changeHref?: string;
  lists: SummaryList[];
}

/** An answer as lines of text, in the page language (a simple question's summary). */
export function answerLines(q: SimpleQuestion, value: unknown, texts: Texts): string[] {
  return linesOf(simpleAnswer(q).summary(value, texts, { documents: [] }));
}

/** Adds an answer's text to a section: its lines as a row under the label, its own rows, or lists of its own. */
function addAnswer(section: SummarySection, rows: SummaryRow[], label: string, text: AnswerText): void {
  if ('lines' in text) rows.push({ key: label, lines: text.lines });
  else if ('rows' in text) rows.push(...text.rows);
  else {
    if (rows.length) section.lists.push({ rows: rows.splice(0) });
    section.lists.push(...text.lists);
  }
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
 * Every answer and document of a form, step by step, as GOV.UK summary cards
 * (each answer as its type's module words it; `printed`: as the PDF prints it).
 * Questions hidden by their conditions are left out.
 */
export function summarise(
  form: FormDefinition,
  answers: Answers,
  options: { texts: Texts; documents: SummaryDocument[]; workRole?: WorkRoleSnapshot; changeFor?: string; printed?: boolean },
): SummarySection[] {
  const { texts, printed = false } = options;
  const lookup = answerLookup(form, answers);
  return form.steps
    .filter((s) => s.type !== 'summary')
    .map((step) => {
      const section: SummarySection = { id: step.id, title: formText(step.title, texts), changeHref: options.changeFor ? stepPath(options.changeFor, step.id) : undefined, lists: [] };
      if (step.type === 'workDetails') {
        section.lists.push({ rows: workRoleRows(options.workRole, texts) });
        return section;
      }
      if (step.type === 'people') {
        section.lists.push(...peopleSummary(step, lookup.people, texts));
        return section;
      }
      if (step.type !== 'questions') return section;
      const values = stepValues(answers, step.id);
      const rows: SummaryRow[] = [];
      const context = { documents: options.documents };
      for (const q of step.questions.filter((q) => isShown(q, lookup))) {
        const answer = answerOf(q);
        const label = 'label' in q ? formText(q.label, texts) : '';
        const text = isPerPerson(q) ? perPersonSummary(q, values[q.id], lookup.people, texts, context, printed) : printed ? answer.pdf(values[q.id], texts, context) : answer.summary(values[q.id], texts, context);
        addAnswer(section, rows, label, text);
      }
      if (rows.length) section.lists.push({ rows });
      return section;
    });
}

/**
 * The answers to freeze in a version: only the questions that apply (per-person
 * answers only for people still on the form), the people, and the role as it is today.
 */
export function answersToFreeze(form: FormDefinition, answers: Answers, workRole: WorkRoleSnapshot | undefined): Answers {
  const lookup = answerLookup(form, answers);
  const frozen: Answers = {};
  for (const step of form.steps) {
    if (step.type === 'workDetails') frozen[step.id] = stepValues(answers, step.id);
    if (step.type === 'people') frozen[step.id] = { people: lookup.people };
    if (step.type !== 'questions') continue;
    const values = stepValues(answers, step.id);
    const kept = step.questions.filter((q) => answerOf(q).stored && isShown(q, lookup) && q.id in values);
    frozen[step.id] = Object.fromEntries(kept.map((q) => [q.id, isPerPerson(q) ? withoutRemovedPeople(q, values[q.id], lookup.people) : values[q.id]]));
  }
  if (workRole) frozen._workRole = workRole;
  return frozen;
}

/** One person of a people form with their answer to each per-person question that applies (the readable part of the JSON). */
export interface PersonAnswers {
  personId: string;
  kind: 'child' | 'adult';
  name: string | null;
  answers: Record<string, unknown>;
}

/**
 * Each person's own answers, resolved (their separate answer, else the shared
 * one): what "Download as JSON" adds for a form about people.
 */
export function answersByPerson(form: FormDefinition, answers: Answers): PersonAnswers[] {
  const lookup = answerLookup(form, answers);
  const asked = questionsOf(form).filter(({ question }) => isPerPerson(question) && isShown(question, lookup));
  return lookup.people.map((person) => ({
    personId: person.id,
    kind: person.kind,
    name: `${person.forename} ${person.surname}`.trim() || null,
    answers: Object.fromEntries(
      asked.flatMap(({ step, question }) => {
        const value = answerFor(question, stepValues(answers, step.id)[question.id], person.id, lookup.people);
        return value === undefined ? [] : [[question.id, value]];
      }),
    ),
  }));
}
