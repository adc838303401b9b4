import type { z } from 'zod';
import type { FormErrors } from '../../platform/http/forms.js';
import type { FrozenDocument } from '../responses.js';
import type { Texts } from '../texts.js';

/**
 * The contract of a question type. Each type is one module in this folder
 * (text.ts, date.ts, address.ts, …) exporting one object that implements
 * `QuestionType`, and one partial in src/forms/views/partials/. The registry
 * (index.ts) maps type names to modules; everything else in the engine calls
 * the modules through it and never switches on a type name.
 */

/** A posted form body (urlencoded: strings, or arrays of strings for repeated names). */
export type PostedForm = Record<string, unknown>;

/** A date as typed in the three boxes, kept even when it is not a real date. */
export interface DateValue {
  day: string;
  month: string;
  year: string;
}

/** A Yes / No answer with the details a Yes (or a No) asks for. */
export type YesNoValue = {
  answer: string;
  details: string;
};

/** The parts of an address a person typed or chose (what the summary and the PDF print). */
export type AddressLines = {
  building: string;
  street: string;
  town: string;
  county: string;
  postcode: string;
};

/**
 * An address question's answer: found by postcode (a "Find address" round trip
 * lists the addresses there; the chosen one is copied into `address`) or typed
 * in the manual fields.
 */
export type AddressValue = {
  mode: 'find' | 'manual';
  /** The postcode typed in the finder. */
  postcode: string;
  /** The postcode whose addresses are listed (normalised), once "Find address" found some. */
  searched: string;
  /** The UPRN of the address chosen from the list. */
  uprn: string;
  /** The chosen address, copied from the list when it was chosen (empty strings otherwise). */
  found: AddressLines;
  /** The manual fields. */
  manual: AddressLines;
};

/** The answer of one question (of one person, for per-person questions). */
export type FieldValue = string | string[] | DateValue | YesNoValue | AddressValue;
export type ItemValues = Record<string, FieldValue>;

/**
 * A per-person question's stored answer: one shared answer for everyone it asks
 * about, and the own answers of the people separated from it ("Answer for"),
 * keyed by person id.
 */
export type PerPersonValue<V = PlainValue | undefined> = {
  shared: V;
  separate: Record<string, V>;
};

/** The answer of a question of any type (repeating groups: their items). */
export type PlainValue = FieldValue | ItemValues[];

/** Anything a step stores under a question id. */
export type AnswerValue = PlainValue | PerPersonValue;

/** One address from the address finder, as the question shows and stores it. */
export interface FoundAddress {
  uprn: string;
  /** One line for the list: "12 High Street, Dudley, DY1 1AA". */
  text: string;
  lines: AddressLines;
}

/** The addresses found at each postcode a page names, looked up before the page is read or shown. */
export type AddressBook = ReadonlyMap<string, FoundAddress[]>;

/** What a question may need from outside the page besides its texts. */
export interface QuestionContext {
  addresses: AddressBook;
}

export const emptyContext = (): QuestionContext => ({ addresses: new Map() });

/** Messages by field name (FormErrors.byField). */
export type FieldErrors = FormErrors['byField'];

/**
 * One problem with an answer. The message belongs to the question's field
 * (`name`), or to one of its parts (`name-part`, e.g. an address's town); the
 * error summary links to `#name-focus` (e.g. a date's day), else to the message's field.
 */
export interface Problem {
  text: string;
  part?: string;
  focus?: string;
}

/** An option as its partial shows it. */
export interface OptionView {
  id: string;
  value: string;
  text: string;
  hint?: string;
  checked: boolean;
  /** Questions revealed when this option is chosen (GOV.UK conditional reveal; all shown without JavaScript). */
  conditional?: QuestionView[];
  conditionalId?: string;
}

/**
 * What a question's partial needs: texts in the page language, the value to
 * show, its error. `partial` names the Handlebars partial that draws it
 * (forms/question picks it); each type adds what its own partial needs.
 */
export interface QuestionView {
  kind: string;
  partial: string;
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  /** aria-describedby of the field (hint, error, count message). */
  describedBy?: string;
  value?: string;
  options?: OptionView[];
  /** Documents (file.ts): the question and its description list, for the uploads partial. */
  file?: { questionId: string; descriptions: { value: string; text: string }[] };
  [own: string]: unknown;
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

/** Documents as the summary shows them, with their scan status while the form is a draft. */
export interface SummaryDocument extends FrozenDocument {
  status?: string;
  href?: string;
}

/**
 * How an answer reads: lines under the question's label (most types), rows of
 * their own (documents), or lists with their own headings (repeating groups).
 */
export type AnswerText = { lines: string[] } | { rows: SummaryRow[] } | { lists: SummaryList[] };

/** What a summary needs besides the answers. */
export interface SummaryContext {
  documents: SummaryDocument[];
}

/** Choice questions: what conditions (showIf equals / includes) may test. */
export interface Choices<Q, V> {
  /** Several values at once (checkboxes: `includes`) or one (radios: `equals`). */
  multiple: boolean;
  /** The values a condition may name. */
  values(question: Q): string[];
  /** The values an answer has chosen. */
  chosen(value: V): string[];
}

export interface QuestionType<Q extends { type: string; id: string }, V> {
  /** The type name in definitions ("text", "yesNo"). */
  readonly type: Q['type'];
  /** The zod schema of the question in a definition (an object with this `type`). */
  readonly schema: z.ZodType<Q>;
  /** May be a field of a repeating group. */
  readonly inGroup: boolean;
  /** May be asked per person (`perPerson: true`). */
  readonly perPerson: boolean;
  /** Stores an answer in the step's values (false: content only, or documents uploaded on their own). */
  readonly stored: boolean;
  /** Drawn outside the step's <form>, because it posts a form of its own (documents). */
  readonly ownForm?: boolean;
  /** Choice questions: what showIf may test with equals / includes. */
  readonly choices?: Choices<Q, V>;
  /** Its options can hold the questions that depend on them (GOV.UK conditional reveal). */
  readonly reveals?: boolean;
  /** The answer from the posted form, kept as typed (trimmed) whatever its validity. */
  read(body: PostedForm, name: string, question: Q, context: QuestionContext): V;
  /** A stored answer (JSON from the database) as this type's value; undefined when it is not one. */
  parse(stored: unknown, question: Q): V | undefined;
  /** Whether nothing was given at all. */
  isEmpty(value: V): boolean;
  /** The problems with an answer (none when valid); `label` names the question in messages. */
  validate(question: Q, value: V | undefined, texts: Texts, label: string): Problem[];
  /** The view model for the type's partial; `errors` are the page's messages by field name. */
  view(question: Q, name: string, value: V | undefined, errors: FieldErrors, texts: Texts, context: QuestionContext): QuestionView;
  /** The answer as the summary page, the back office and readable JSON show it. */
  summary(question: Q, value: V | undefined, texts: Texts, context: SummaryContext): AnswerText;
  /** The answer as the PDF prints it. */
  pdf(question: Q, value: V | undefined, texts: Texts, context: SummaryContext): AnswerText;
}
