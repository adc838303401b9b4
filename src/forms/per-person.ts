import { isPersonId, type Person } from './people.js';
import { personName } from './people-page.js';
import type { PersonFilter } from './questions/common.js';
import { isRecord, postedList } from './questions/common.js';
import { linesOf } from './questions/group.js';
import { answerOf, isPerPerson, type AnsweredQuestion, type Question } from './questions/index.js';
import { problemField } from './questions/dispatch.js';
import type { AnswerText, PlainValue, FieldErrors, PerPersonValue, PostedForm, QuestionContext, QuestionView, SummaryContext } from './questions/type.js';
import { listOfNames, type Texts } from './texts.js';

/**
 * Per-person questions ("perPerson": true). One shared answer applies to
 * everyone the question asks about; "Answer for" separates a person to give
 * them their own answer, "+ Include" puts them back in the shared answer.
 *
 * Stored shape:  { shared: <value>, separate: { <personId>: <value>, … } }
 * (values of the question's type). The page names the shared answer's fields
 * by the question id as usual, a separate answer's by "<questionId>-<personId>",
 * and lists the separated people in hidden "<questionId>-separate" fields.
 */

const whom = (question: Question): PersonFilter => ('for' in question && question.for) || 'everyone';

/** The people a per-person question asks about, in the order of the people step. */
export function askedAbout(question: Question, people: Person[]): Person[] {
  const filter = whom(question);
  return people.filter((p) => filter === 'everyone' || (filter === 'children' ? p.kind === 'child' : p.kind === 'adult'));
}

/** A stored per-person answer (a plain value from before the question was per person becomes the shared answer). */
export function parsePerPerson(answer: AnsweredQuestion, stored: unknown): PerPersonValue {
  if (!isRecord(stored) || !('shared' in stored) || !isRecord(stored.separate)) return { shared: answer.parse(stored), separate: {} };
  const separate: Record<string, PlainValue | undefined> = {};
  for (const [id, value] of Object.entries(stored.separate)) if (isPersonId(id)) separate[id] = answer.parse(value);
  return { shared: answer.parse(stored.shared), separate };
}

/** Only the separate answers of people the question asks about: answers for people no longer on the form are dropped. */
function keepPeople(value: PerPersonValue, asked: Person[]): PerPersonValue {
  const ids = new Set(asked.map((p) => p.id));
  return { shared: value.shared, separate: Object.fromEntries(Object.entries(value.separate).filter(([id]) => ids.has(id))) };
}

/** One answer in use: the shared one (with the people it is for) or a person's own. */
export interface AnswerPart {
  /** The person of a separate answer; undefined for the shared answer. */
  person?: Person;
  /** Who the answer is for. */
  people: Person[];
  value: PlainValue | undefined;
}

/**
 * The answers in use, shared first: the shared answer while anyone (or, before
 * any person is entered, everyone) is in it, then each separated person's own.
 */
export function answerParts(question: Question, stored: unknown, people: Person[]): AnswerPart[] {
  const asked = askedAbout(question, people);
  const value = keepPeople(parsePerPerson(answerOf(question), stored), asked);
  const inShared = asked.filter((p) => !(p.id in value.separate));
  const shared: AnswerPart[] = inShared.length || !asked.length ? [{ people: inShared, value: value.shared }] : [];
  return [...shared, ...asked.filter((p) => p.id in value.separate).map((person) => ({ person, people: [person], value: value.separate[person.id] }))];
}

/** A person's answer to a per-person question: their own if separated, else the shared one; undefined if not asked about them. */
export function answerFor(question: Question, stored: unknown, personId: string, people: Person[]): PlainValue | undefined {
  const person = askedAbout(question, people).find((p) => p.id === personId);
  if (!person) return undefined;
  const value = parsePerPerson(answerOf(question), stored);
  return person.id in value.separate ? value.separate[person.id] : value.shared;
}

/** The page's field name of a person's own answer. */
export const separateName = (question: Pick<Question, 'id'>, personId: string) => `${question.id}-${personId}`;

/** A per-person answer as posted: the shared answer, and the own answers of the separated people still on the form. */
export function readPerPerson(question: Question, body: PostedForm, people: Person[], context: QuestionContext): PerPersonValue {
  const answer = answerOf(question);
  const asked = new Set(askedAbout(question, people).map((p) => p.id));
  const separated = [...new Set(postedList(body, `${question.id}-separate`))].filter((id) => asked.has(id));
  return { shared: answer.read(body, question.id, context), separate: Object.fromEntries(separated.map((id) => [id, answer.read(body, separateName(question, id), context)])) };
}

/** The answers of a per-person question with the people no longer on the form (or no longer asked about) dropped. */
export function withoutRemovedPeople(question: Question, stored: unknown, people: Person[]): PerPersonValue {
  return keepPeople(parsePerPerson(answerOf(question), stored), askedAbout(question, people));
}

/**
 * The problems of each answer in use. A separate answer's messages name the
 * person ("Enter the reason for Amy Smith"); the shared answer's name the people
 * still in it once someone has been separated.
 */
export function validatePerPerson(question: Question, stored: unknown, people: Person[], texts: Texts, label: string): { field: string; href: string; text: string }[] {
  const answer = answerOf(question);
  const parts = answerParts(question, stored, people);
  const someoneSeparated = parts.some((p) => p.person);
  return parts.flatMap((part) => {
    const name = part.person ? separateName(question, part.person.id) : question.id;
    const names = part.person || someoneSeparated ? listOfNames(part.people.map((p) => personName(p, people, texts)), texts) : '';
    return answer.validate(part.value, texts, label).map((p) => ({ ...problemField(name, p), text: names ? texts.t('forms.answerFor.error', { error: p.text, names }) : p.text }));
  });
}

/** The per-person answer as summary lines: "Everyone else: …", "Amy Smith: …" (just the answer while nobody is separated). */
export function perPersonSummary(question: Question, stored: unknown, people: Person[], texts: Texts, context: SummaryContext, printed = false): AnswerText {
  const answer = answerOf(question);
  const parts = answerParts(question, stored, people);
  const text = (value: PlainValue | undefined) => linesOf(printed ? answer.pdf(value, texts, context) : answer.summary(value, texts, context));
  if (parts.length === 1 && !parts[0]!.person) return { lines: text(parts[0]!.value) };
  return {
    lines: parts.flatMap((part) => {
      const who = part.person ? personName(part.person, people, texts) : texts.t('forms.answerFor.everyoneElse');
      const [first = '', ...rest] = text(part.value);
      return [texts.t('forms.answerFor.line', { who, answer: first }), ...rest];
    }),
  };
}

/** The separate / include buttons: "separate-<questionId>-<personId>", "include-<questionId>-<personId>". */
export interface AnswerForAction {
  kind: 'separate' | 'include';
  questionId: string;
  personId: string;
}

export function parseAnswerForAction(action: unknown): AnswerForAction | undefined {
  const match = typeof action === 'string' ? /^(separate|include)-([a-z][a-zA-Z0-9]*)-(.+)$/.exec(action) : null;
  if (!match || !isPersonId(match[3])) return undefined;
  return { kind: match[1] === 'separate' ? 'separate' : 'include', questionId: match[2]!, personId: match[3] };
}

export const answerForValue = (action: AnswerForAction) => `${action.kind}-${action.questionId}-${action.personId}`;

/** What a separate / include button did, or why it did nothing (a question or person not on this step: a tampered page). */
export type AnswerForResult =
  | { ok: true; value: PerPersonValue; action: AnswerForAction; anchor: string }
  | { ok: false; reason: 'unknownQuestion' | 'unknownPerson' };

/**
 * Separates a person (their own answer starts as a copy of the shared one) or
 * includes them again (their own answer is dropped). `stored` is the question's
 * answer as just read from the page, so nothing typed is lost.
 */
export function applyAnswerFor(questions: Question[], stored: (question: Question) => unknown, people: Person[], action: AnswerForAction): AnswerForResult {
  const question = questions.find((q) => q.id === action.questionId && isPerPerson(q));
  if (!question) return { ok: false, reason: 'unknownQuestion' };
  const asked = askedAbout(question, people);
  if (!asked.some((p) => p.id === action.personId)) return { ok: false, reason: 'unknownPerson' };
  const value = withoutRemovedPeople(question, stored(question), people);
  if (action.kind === 'separate') {
    const copy = value.shared === undefined ? undefined : structuredClone(value.shared);
    const separate = action.personId in value.separate ? value.separate : { ...value.separate, [action.personId]: copy };
    return { ok: true, value: { shared: value.shared, separate }, action, anchor: `${separateName(question, action.personId)}-answer` };
  }
  const { [action.personId]: _dropped, ...separate } = value.separate;
  // Everyone separated and one included again: the shared answer starts from that person's own.
  const shared = answerParts(question, value, people).some((p) => !p.person) ? value.shared : (value.separate[action.personId] ?? value.shared);
  return { ok: true, value: { shared, separate }, action, anchor: `${question.id}-answers` };
}

/**
 * The view of a per-person question: the shared answer (its own partial, as for
 * any question) with "Answer for:" buttons for the people in it, then a
 * fieldset for each separated person, its legend naming them, with "+ Include".
 * `notice` (after a separate / include round trip) is read out by screen readers.
 */
export function perPersonView(
  question: Question,
  stored: unknown,
  people: Person[],
  errors: FieldErrors,
  texts: Texts,
  context: QuestionContext,
  notice?: AnswerForAction,
): QuestionView & { sharedView?: QuestionView } {
  const { t } = texts;
  const answer = answerOf(question);
  const parts = answerParts(question, stored, people);
  const shared = parts.find((p) => !p.person);
  const named = (p: Person) => personName(p, people, texts);
  const sharedView = shared ? answer.view(question.id, shared.value, errors, texts, context) : undefined;
  const label = sharedView?.label ?? answer.view(question.id, undefined, {}, texts, context).label;
  const noticed = notice && notice.questionId === question.id ? people.find((p) => p.id === notice.personId) : undefined;
  const status = noticed && notice ? t(notice.kind === 'separate' ? 'forms.answerFor.separated' : 'forms.answerFor.included', { name: named(noticed), label }) : '';
  return {
    kind: 'perPerson',
    partial: 'forms/q-per-person',
    id: `${question.id}-answers`,
    name: question.id,
    label,
    sharedView,
    answerFor: shared?.people.map((p) => ({ personId: p.id, name: named(p), value: answerForValue({ kind: 'separate', questionId: question.id, personId: p.id }), hidden: t('forms.answerFor.separateHidden', { name: named(p), label }) })) ?? [],
    answerForLabel: t('forms.answerFor.label'),
    answerForId: `${question.id}-answer-for`,
    separateName: `${question.id}-separate`,
    separate: parts.flatMap((part) =>
      part.person
        ? [
            {
              personId: part.person.id,
              name: named(part.person),
              id: `${separateName(question, part.person.id)}-answer`,
              legend: t('forms.answerFor.legend', { name: named(part.person), label }),
              view: answer.view(separateName(question, part.person.id), part.value, errors, texts, context),
              includeValue: answerForValue({ kind: 'include', questionId: question.id, personId: part.person.id }),
              includeHidden: t('forms.answerFor.includeHidden', { name: named(part.person), label }),
            },
          ]
        : [],
    ),
    status,
  };
}
