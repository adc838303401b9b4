import type { AnswerFacts } from '../conditions.js';
import type { Texts } from '../texts.js';
import type { AnswerText, PlainValue, FieldErrors, PostedForm, Problem, QuestionContext, QuestionType, QuestionView, SummaryContext } from './type.js';

/**
 * Calls a question's own module with answers as they are stored (JSON of
 * unknown shape): each value is parsed by the module first, so a value left
 * from an older definition reads as no answer rather than breaking a page.
 */

/** A question bound to its type's module, taking and giving stored values. */
export interface AnsweredQuestion<V = PlainValue | undefined> {
  readonly stored: boolean;
  readonly inGroup: boolean;
  readonly perPerson: boolean;
  readonly ownForm: boolean;
  readonly reveals: boolean;
  /** Choice questions: whether several may be chosen, and the option values. */
  readonly choices?: { multiple: boolean; values: string[] };
  read(body: PostedForm, name: string, context: QuestionContext): V;
  /** A stored value as this type's value; undefined when it is not one. */
  parse(stored: unknown): V | undefined;
  isEmpty(stored: unknown): boolean;
  /** What a condition can learn from the answer. */
  facts(stored: unknown): AnswerFacts;
  validate(stored: unknown, texts: Texts, label: string): Problem[];
  view(name: string, stored: unknown, errors: FieldErrors, texts: Texts, context: QuestionContext): QuestionView;
  summary(stored: unknown, texts: Texts, context: SummaryContext): AnswerText;
  pdf(stored: unknown, texts: Texts, context: SummaryContext): AnswerText;
}

/** Question and value types of each type name: { text: [TextQuestion, string], … }. */
export type TypeTable = Record<string, [{ type: string; id: string }, PlainValue | undefined]>;
export type Registry<M extends TypeTable> = { [K in keyof M]: QuestionType<M[K][0], M[K][1]> };

/** Binds a question to the module of its type in a registry. */
export function bindQuestion<M extends TypeTable, K extends keyof M>(registry: Registry<M>, type: K, question: M[K][0]): AnsweredQuestion<M[K][1]> {
  const module: QuestionType<M[K][0], M[K][1]> = registry[type];
  const parse = (stored: unknown) => (stored === undefined ? undefined : module.parse(stored, question));
  const isEmpty = (stored: unknown) => {
    const value = parse(stored);
    return value === undefined || module.isEmpty(value);
  };
  return {
    stored: module.stored,
    inGroup: module.inGroup,
    perPerson: module.perPerson,
    ownForm: module.ownForm ?? false,
    reveals: module.reveals ?? false,
    choices: module.choices && { multiple: module.choices.multiple, values: module.choices.values(question) },
    read: (body, name, context) => module.read(body, name, question, context),
    parse,
    isEmpty,
    facts(stored) {
      const value = parse(stored);
      return { chosen: value !== undefined && module.choices ? module.choices.chosen(value) : [], empty: isEmpty(stored) };
    },
    validate: (stored, texts, label) => module.validate(question, parse(stored), texts, label),
    view: (name, stored, errors, texts, context) => module.view(question, name, parse(stored), errors, texts, context),
    summary: (stored, texts, context) => module.summary(question, parse(stored), texts, context),
    pdf: (stored, texts, context) => module.pdf(question, parse(stored), texts, context),
  };
}

/** The error key and the link of a problem with the field `name`. */
export function problemField(name: string, problem: Problem): { field: string; href: string } {
  const field = problem.part ? `${name}-${problem.part}` : name;
  const focus = problem.focus ?? problem.part;
  return { field, href: `#${focus ? `${name}-${focus}` : name}` };
}
