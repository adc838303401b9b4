import { translator } from '../../src/i18n/index.js';
import { formDefinitionSchema, type FormDefinition } from '../../src/forms/definition.js';
import { blankPerson, type Person } from '../../src/forms/people.js';
import type { Texts } from '../../src/forms/texts.js';

export const en: Texts = { t: translator('en'), lang: 'en' };
export const cy: Texts = { t: translator('cy'), lang: 'cy' };

const text = (en: string) => ({ en });
const options = (...values: string[]) => values.map((value) => ({ value, text: text(value[0]!.toUpperCase() + value.slice(1)) }));

/** A small form about people: a people step, then per-person and shared questions. */
export function peopleForm(questions: Record<string, unknown>[], more: Record<string, unknown>[] = []): FormDefinition {
  return formDefinitionSchema.parse({
    id: 'test-form',
    title: text('Test form'),
    service: 'socialCare',
    subject: 'people',
    steps: [
      { id: 'workDetails', type: 'workDetails', title: text('Your details') },
      { id: 'people', type: 'people', title: text('People'), genders: options('female', 'male'), adults: { relationshipLabel: text('Relationship'), relationships: options('mother', 'father') } },
      { id: 'about', type: 'questions', title: text('About'), questions },
      ...more,
      { id: 'summary', type: 'summary', title: text('Summary') },
    ],
    declarations: [{ id: 'true', heading: text('Declaration'), label: text('It is true'), error: text('Confirm it is true') }],
  });
}

export const concerns = { type: 'checkboxes', id: 'concerns', label: text('Concerns'), perPerson: true, for: 'children', required: true, options: options('neglect', 'other') };
export const reason = { type: 'textarea', id: 'reason', label: text('Reason'), perPerson: true, required: true, requiredError: text('Enter the reason') };

export function person(kind: Person['kind'], forename: string, surname: string, id?: string): Person {
  return { ...blankPerson(kind, id), forename, surname };
}

export const AMY = person('child', 'Amy', 'Smith', '11111111-1111-4111-8111-111111111111');
export const TOM = person('child', 'Tom', 'Smith', '22222222-2222-4222-8222-222222222222');
export const JO = person('adult', 'Jo', 'Smith', '33333333-3333-4333-8333-333333333333');
export const FAMILY = [AMY, TOM, JO];
