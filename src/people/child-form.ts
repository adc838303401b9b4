import type Koa from 'koa';
import { z } from 'zod';
import { addressInput, MANUAL_FIELDS, readAddress, type AddressDraft } from '../accounts/registration/work-address.js';
import { addError, noErrors, text, type FormErrors } from '../platform/http/forms.js';
import { checkChildAddress } from './child-address.js';
import type { NewChild } from './children.js';
import { checkDateOfBirth, type DatePart, type DateParts } from './date-of-birth.js';

/** The "Add child / young person" form: what was typed, and the checks before a record is made. */

export const GENDERS = ['female', 'male', 'other', 'notKnown'] as const;
export const MAX_NAME = 100;
export const MAX_SCHOOL = 200;

export interface ChildFormValues {
  forename: string;
  surname: string;
  dateOfBirth: DateParts;
  gender: string;
  school: string;
  address: AddressDraft;
}

/** Names and school as typed, with runs of spaces made one. */
const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The form as posted, every field trimmed (the address as on the work details step). */
export const childInput = addressInput.extend({
  forename: text(),
  surname: text(),
  'dateOfBirth-day': text(),
  'dateOfBirth-month': text(),
  'dateOfBirth-year': text(),
  gender: text(),
  school: text(),
});
export type ChildInput = z.infer<typeof childInput>;

/** The form's values from its input (`childInput.parse({})` for an empty form). */
export function readChildForm(input: ChildInput): ChildFormValues {
  return {
    forename: tidy(input.forename),
    surname: tidy(input.surname),
    dateOfBirth: { day: input['dateOfBirth-day'], month: input['dateOfBirth-month'], year: input['dateOfBirth-year'] },
    gender: input.gender,
    school: tidy(input.school),
    address: readAddress(input),
  };
}

/** Every field of the form as posted, to carry through the duplicate question unchanged. */
export function hiddenFields(values: ChildFormValues): { name: string; value: string }[] {
  const a = values.address;
  const address: [string, string | undefined][] =
    a.addressMode === 'manual'
      ? MANUAL_FIELDS.map((name) => [name, a.manual?.[name] ?? undefined])
      : [
          ['postcode', a.postcode],
          ['searched', a.searched],
          ['uprn', a.uprn],
        ];
  const fields: [string, string | undefined][] = [
    ['forename', values.forename],
    ['surname', values.surname],
    ['dateOfBirth-day', values.dateOfBirth.day],
    ['dateOfBirth-month', values.dateOfBirth.month],
    ['dateOfBirth-year', values.dateOfBirth.year],
    ['gender', values.gender],
    ['school', values.school],
    ['addressMode', a.addressMode],
    ...address,
  ];
  return fields.filter(([, value]) => value).map(([name, value]) => ({ name, value: value! }));
}

function checkName(ctx: Koa.Context, errors: FormErrors, name: 'forename' | 'surname', value: string): void {
  if (!value) addError(errors, ctx, name, `people.errors.${name}Missing`);
  else if (value.length > MAX_NAME) addError(errors, ctx, name, `people.errors.${name}TooLong`, { max: MAX_NAME });
}

export interface CheckedChild {
  child?: NewChild;
  errors: FormErrors;
  /** The date boxes to mark as wrong. */
  wrongDateParts: DatePart[];
  address: AddressDraft;
}

/** Checks everything, in the order of the page; `child` only when all is well. */
export async function checkChildForm(ctx: Koa.Context, values: ChildFormValues): Promise<CheckedChild> {
  const errors = noErrors();
  checkName(ctx, errors, 'forename', values.forename);
  checkName(ctx, errors, 'surname', values.surname);
  const date = checkDateOfBirth(values.dateOfBirth);
  if (date.error) addError(errors, ctx, 'dateOfBirth', date.error);
  if (!(GENDERS as readonly string[]).includes(values.gender)) addError(errors, ctx, 'gender', 'people.errors.genderMissing');
  const address = await checkChildAddress(ctx, errors, values.address);
  if (values.school.length > MAX_SCHOOL) addError(errors, ctx, 'school', 'people.errors.schoolTooLong', { max: MAX_SCHOOL });
  if (errors.list.length || !address.columns || !date.iso) return { errors, wrongDateParts: date.wrongParts, address: address.draft };
  return {
    errors,
    wrongDateParts: [],
    address: address.draft,
    child: {
      forename: values.forename,
      surname: values.surname,
      dateOfBirth: date.iso,
      gender: values.gender,
      address: address.columns,
      school: values.school || null,
    },
  };
}
