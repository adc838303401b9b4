import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { localisedText } from '../tenancy/schema.js';
import { parseAddress, readAddress, blankAddress } from './questions/address.js';
import { isRecord, option, postedList, postedText, questionId } from './questions/common.js';
import { isDateValue, readDate } from './questions/date.js';
import type { AddressValue, DateValue, PostedForm, QuestionContext } from './questions/type.js';

/**
 * The people a form is about (a form with "subject": "people"): children and
 * adults entered on the form's people step, each with a stable random id given
 * when they are added, so that per-person answers can refer to them.
 */

const requirement = z.enum(['required', 'optional', 'no']);
export type Requirement = z.infer<typeof requirement>;

const kindSettings = (floor: number, min: number) =>
  z
    .object({
      min: z.number().int().min(floor).max(20).default(min),
      max: z.number().int().min(1).max(30).default(10),
      /** "Relationship to the child", "Role in the household": asked when options are given. */
      relationshipLabel: localisedText.optional(),
      relationships: z.array(option).min(2).optional(),
    })
    .strict()
    .refine((k) => k.max >= Math.max(k.min, 1), { message: 'max must be at least min', path: ['max'] })
    .refine((k) => !k.relationships === !k.relationshipLabel, { message: 'relationships and relationshipLabel go together', path: ['relationships'] });

export const peopleStepSchema = z
  .object({
    type: z.literal('people'),
    id: questionId,
    title: localisedText,
    intro: z.array(localisedText).default([]),
    /** At least one child: the form is about them. */
    children: kindSettings(1, 1).default({ min: 1, max: 10 }),
    adults: kindSettings(0, 0).default({ min: 0, max: 10 }),
    /** Which of the optional details are asked, and whether they must be given (names are always asked). */
    ask: z
      .object({
        dateOfBirth: requirement.default('required'),
        gender: requirement.default('optional'),
        relationship: requirement.default('required'),
        address: requirement.default('required'),
      })
      .strict()
      .default({ dateOfBirth: 'required', gender: 'optional', relationship: 'required', address: 'required' }),
    genders: z.array(option).min(2).optional(),
  })
  .strict()
  .refine((s) => s.ask.gender === 'no' || !!s.genders, { message: 'genders are needed unless ask.gender is "no"', path: ['genders'] });
export type PeopleStep = z.infer<typeof peopleStepSchema>;

export type PersonKind = 'child' | 'adult';

/** One person on the form, as stored in the people step's values ({ people: Person[] }). */
export type Person = {
  /** Random (UUID), given when the person is added; answers refer to it. */
  id: string;
  kind: PersonKind;
  forename: string;
  surname: string;
  /** "yes" for a child not born yet: `dateOfBirth` is then the expected date of birth. */
  unborn: string;
  dateOfBirth: DateValue;
  gender: string;
  relationship: string;
  /** "yes" / "no": lives at the first child's address (everyone but the first child). */
  sameAddress: string;
  address: AddressValue;
};

export type PeopleValues = { people: Person[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const isPersonId = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
export const newPersonId = (): string => randomUUID();

export const blankPerson = (kind: PersonKind, id = newPersonId()): Person => ({
  id,
  kind,
  forename: '',
  surname: '',
  unborn: '',
  dateOfBirth: { day: '', month: '', year: '' },
  gender: '',
  relationship: '',
  sameAddress: '',
  address: blankAddress(),
});

/** The page's field name of a person's detail: "person-<id>-forename". */
export const personField = (personId: string, part: string) => `person-${personId}-${part}`;

function parsePerson(stored: unknown): Person | undefined {
  if (!isRecord(stored) || !isPersonId(stored.id) || (stored.kind !== 'child' && stored.kind !== 'adult')) return undefined;
  const text = (key: string) => (typeof stored[key] === 'string' ? stored[key] : '');
  return {
    ...blankPerson(stored.kind, stored.id),
    forename: text('forename'),
    surname: text('surname'),
    unborn: text('unborn'),
    dateOfBirth: isDateValue(stored.dateOfBirth) ? stored.dateOfBirth : { day: '', month: '', year: '' },
    gender: text('gender'),
    relationship: text('relationship'),
    sameAddress: text('sameAddress'),
    address: parseAddress(stored.address) ?? blankAddress(),
  };
}

/** The people stored in a people step's values (anything malformed left out; children first, as entered). */
export function parsePeople(stored: unknown): Person[] {
  const list = isRecord(stored) && Array.isArray(stored.people) ? stored.people : [];
  const people = list.map(parsePerson).filter((p): p is Person => !!p);
  const unique = people.filter((p, i) => people.findIndex((q) => q.id === p.id) === i);
  return [...unique.filter((p) => p.kind === 'child'), ...unique.filter((p) => p.kind === 'adult')];
}

/** The first child: the others say whether they live at this child's address. */
export const firstChild = (people: Person[]): Person | undefined => people.find((p) => p.kind === 'child');

/** What a new draft of a people form starts with: the least number of children and adults, blank. */
export function startingPeople(step: PeopleStep): PeopleValues {
  return {
    people: [...Array.from({ length: step.children.min }, () => blankPerson('child')), ...Array.from({ length: step.adults.min }, () => blankPerson('adult'))],
  };
}

/**
 * The people as posted on the people step. Only people already on the form are
 * read (their ids come from the page's hidden "people" fields): an id the form
 * does not have is ignored, so nobody can be added or renamed by a tampered page.
 * People the page did not post (an old tab) are kept as they were.
 */
export function readPeople(body: PostedForm, saved: Person[], context: QuestionContext): Person[] {
  const posted = new Set(postedList(body, 'people').filter(isPersonId));
  return saved.map((before) => {
    if (!posted.has(before.id)) return before;
    const name = (part: string) => personField(before.id, part);
    return {
      ...before,
      forename: postedText(body, name('forename')),
      surname: postedText(body, name('surname')),
      unborn: before.kind === 'child' && postedList(body, name('unborn')).includes('yes') ? 'yes' : '',
      dateOfBirth: readDate(body, name('dateOfBirth')),
      gender: postedText(body, name('gender')),
      relationship: postedText(body, name('relationship')),
      sameAddress: postedText(body, name('sameAddress')),
      address: readAddress(body, name('address'), context),
    };
  });
}

/** The result of an "Add a child", "Add an adult" or "Remove" button. */
export interface PeopleChange {
  people: Person[];
  /** The element to come back to: the new person, or the list. */
  anchor: string;
  /** The person added or removed; undefined when nothing changed (limits reached, an id not on the form). */
  changed?: { kind: 'added' | 'removed'; person: Person };
}

/** "add-child", "add-adult", "remove-person-<id>"; undefined for any other action. */
export function changePeople(step: PeopleStep, people: Person[], action: string): PeopleChange | undefined {
  const add = /^add-(child|adult)$/.exec(action);
  if (add) {
    const kind: PersonKind = add[1] === 'child' ? 'child' : 'adult';
    const limit = kind === 'child' ? step.children.max : step.adults.max;
    if (people.filter((p) => p.kind === kind).length >= limit) return { people, anchor: `add-${kind}` };
    const person = blankPerson(kind);
    const next = kind === 'child' ? [...people.filter((p) => p.kind === 'child'), person, ...people.filter((p) => p.kind === 'adult')] : [...people, person];
    return { people: next, anchor: `person-${person.id}`, changed: { kind: 'added', person } };
  }
  const remove = /^remove-person-(.+)$/.exec(action);
  if (!remove) return undefined;
  const person = people.find((p) => p.id === remove[1]);
  if (!person) return { people, anchor: 'people' };
  const floor = person.kind === 'child' ? Math.max(step.children.min, 1) : step.adults.min;
  if (people.filter((p) => p.kind === person.kind).length <= floor) return { people, anchor: `person-${person.id}` };
  return { people: people.filter((p) => p.id !== person.id), anchor: 'people', changed: { kind: 'removed', person } };
}
