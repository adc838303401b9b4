import { describe, expect, it } from 'vitest';
import { readStep } from '../../src/forms/answers.js';
import { formDefinitionSchema } from '../../src/forms/definition.js';
import { changePeople, isPersonId, parsePeople, startingPeople } from '../../src/forms/people.js';
import { peopleView, personName } from '../../src/forms/people-page.js';
import { applyStepAction } from '../../src/forms/step-actions.js';
import { validateStep } from '../../src/forms/validation.js';
import { emptyContext } from '../../src/forms/questions/type.js';
import type { Address } from '../../src/accounts/addresses/format.js';
import { Views } from '../../src/platform/http/views.js';
import { AMY, en, FAMILY, JO, peopleForm, person, reason, TOM } from './forms-fixtures.js';

const form = peopleForm([reason]);
const step = form.steps[1]!;
if (step.type !== 'people') throw new Error('a people step');
const views = new Views('default');
const ADDRESSES: Address[] = [{ uprn: 7, houseNumber: '1', street: 'Castle Hill', town: 'Dudley', postcode: 'DY1 4QF', country: 'England' }];

describe('the people step', () => {
  it('starts with the least number of children, each with a random id', () => {
    const start = startingPeople(step).people;
    expect(start).toHaveLength(1);
    expect(start[0]!.kind).toBe('child');
    expect(isPersonId(start[0]!.id)).toBe(true);
    expect(startingPeople(step).people[0]!.id).not.toBe(start[0]!.id);
  });

  it('adds and removes people, keeping at least one child and the ids of the others', () => {
    const added = changePeople(step, [AMY], 'add-adult')!;
    expect(added.people.map((p) => p.kind)).toEqual(['child', 'adult']);
    expect(added.anchor).toBe(`person-${added.people[1]!.id}`);
    const child = changePeople(step, added.people, 'add-child')!;
    expect(child.people.map((p) => p.kind)).toEqual(['child', 'child', 'adult']);
    expect(changePeople(step, [AMY], `remove-person-${AMY.id}`)).toEqual({ people: [AMY], anchor: `person-${AMY.id}` });
    expect(changePeople(step, FAMILY, `remove-person-${TOM.id}`)!.people).toEqual([AMY, JO]);
    expect(changePeople(step, FAMILY, 'remove-person-44444444-4444-4444-8444-444444444444')).toEqual({ people: FAMILY, anchor: 'people' });
    expect(changePeople(step, FAMILY, 'save')).toBeUndefined();
  });

  it('reads only people already on the form: a posted id it does not have is ignored', () => {
    const stranger = '44444444-4444-4444-8444-444444444444';
    const body = {
      people: [AMY.id, stranger],
      [`person-${AMY.id}-forename`]: ' Amy ',
      [`person-${AMY.id}-surname`]: 'Jones',
      [`person-${AMY.id}-unborn`]: 'yes',
      [`person-${stranger}-forename`]: 'Intruder',
    };
    const values = readStep(step, body, { ...emptyContext(), people: [AMY, TOM] });
    const people = parsePeople(values);
    expect(people.map((p) => [p.forename, p.surname, p.unborn])).toEqual([
      ['Amy', 'Jones', 'yes'],
      ['Tom', 'Smith', ''],
    ]);
  });

  it('checks each person, naming them; an unborn child needs an expected date, not names', () => {
    const unborn = { ...person('child', '', ''), unborn: 'yes', dateOfBirth: { day: '1', month: '1', year: '2000' } };
    const jo = { ...JO, sameAddress: 'yes', gender: 'female', relationship: 'mother', dateOfBirth: { day: '1', month: '2', year: '1990' } };
    const amy = { ...AMY, gender: 'female', dateOfBirth: { day: '3', month: '4', year: '2015' }, address: { ...AMY.address, mode: 'manual' as const, manual: { building: '', street: '1 Castle Hill', town: 'Dudley', county: '', postcode: 'DY1 4QF' } } };
    const errors = validateStep(form, step, { people: [amy, unborn, jo] }, {}, en);
    expect(errors.list.map((e) => e.text)).toEqual(['“Expected date of birth of Unborn child 2” must be today or in the future', 'Select whether Unborn child 2 lives at the same address as Amy Smith']);
    expect(errors.list[0]!.href).toBe(`#person-${unborn.id}-dateOfBirth-day`);
    expect(validateStep(form, step, { people: [] }, {}, en).list.map((e) => e.text)).toEqual(['Add at least 1 child']);
    expect(personName(unborn, [amy, unborn], en)).toBe('Unborn child 2');
  });

  it('finds a person\'s address through the step actions', async () => {
    const values = { people: [{ ...AMY, address: { ...AMY.address, postcode: 'dy1 4qf' } }] };
    const result = await applyStepAction(step, values, `address-find-person-${AMY.id}-address`, { texts: en, people: [AMY], findAddresses: async () => ADDRESSES });
    expect(result).toMatchObject({ ok: true, anchor: `person-${AMY.id}-address` });
    if (!result?.ok) throw new Error('found');
    expect(parsePeople(result.values)[0]!.address).toMatchObject({ searched: 'DY1 4QF' });
    expect(await applyStepAction(step, values, 'address-find-person-nobody-address', { texts: en, people: [AMY], findAddresses: async () => ADDRESSES })).toEqual({ ok: false, reason: 'unknownField' });
  });

  it('shows a fieldset per person naming them, with Remove and Add buttons', () => {
    const view = peopleView(step, FAMILY, {}, en, emptyContext());
    const html = views.hbs.compile('{{> forms/people-fields}}')({ ...view, t: en.t, lang: 'en' });
    expect(html).toContain(`<input type="hidden" name="people" value="${AMY.id}">`);
    expect(html).toContain('<legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Amy Smith</legend>');
    expect(html).toContain(`<label class="govuk-label govuk-label--s" for="person-${JO.id}-forename">First name</label>`);
    expect(html).toContain(`value="remove-person-${TOM.id}"`);
    expect(html).toContain('Does this person live at the same address as Amy Smith?');
    expect(html).toContain('value="add-adult"');
    expect(formDefinitionSchema.safeParse({ ...form, subject: 'child' }).error?.issues.map((i) => i.message)).toContain('a people step needs "subject": "people"');
  });
});
