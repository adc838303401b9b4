import type { LocalisedText } from '../tenancy/schema.js';
import { firstChild, personField, type PeopleStep, type Person } from './people.js';
import { address, addressLines, checkAddress, isEmptyAddress, type AddressQuestion } from './questions/address.js';
import { checkboxes, type CheckboxesQuestion } from './questions/checkboxes.js';
import { checkLength } from './questions/common.js';
import { checkDate, date, dateText, isEmptyDate, type DateQuestion } from './questions/date.js';
import { problemField } from './questions/dispatch.js';
import { checkOneOf } from './questions/options.js';
import { radios, type RadiosQuestion } from './questions/radios.js';
import { select, type SelectQuestion } from './questions/select.js';
import { text, type TextQuestion } from './questions/text.js';
import type { FieldErrors, QuestionContext, QuestionView, SummaryList } from './questions/type.js';
import { formText, type Texts } from './texts.js';

/** The people step's page: each person's fields (drawn by the question partials), their checks and their summary. */

const own = (value: string): LocalisedText => ({ en: value });

/** "Amy Smith"; without a name "Child 2", "Adult 1" or "Unborn child 1". */
export function personName(person: Person, people: Person[], texts: Texts): string {
  const name = `${person.forename} ${person.surname}`.trim();
  if (name) return name;
  const number = people.filter((p) => p.kind === person.kind).findIndex((p) => p.id === person.id) + 1;
  return texts.t(person.unborn === 'yes' ? 'forms.people.unbornNumbered' : `forms.people.${person.kind}Numbered`, { number });
}

/** The questions asked about one person, as question definitions of the standard types. */
function personQuestions(step: PeopleStep, person: Person, people: Person[], texts: Texts) {
  const { t } = texts;
  const kind = person.kind === 'child' ? step.children : step.adults;
  const isFirst = firstChild(people)?.id === person.id;
  const unborn = person.unborn === 'yes';
  const name = personName(person, people, texts);
  const needs = (key: string, values: Record<string, string> = {}) => own(t(`forms.people.errors.${key}`, { name, ...values }));
  const yesNo = [
    { value: 'yes', text: own(t('forms.yesNo.yes')) },
    { value: 'no', text: own(t('forms.yesNo.no')) },
  ];
  return {
    forename: { type: 'text', id: 'forename', label: own(t('forms.people.forename')), requiredError: needs('forename'), required: !unborn, maxLength: 100, width: '20', autocomplete: 'off' } satisfies TextQuestion,
    surname: { type: 'text', id: 'surname', label: own(t('forms.people.surname')), requiredError: needs('surname'), required: !unborn, maxLength: 100, width: '20', autocomplete: 'off' } satisfies TextQuestion,
    unborn:
      person.kind === 'child'
        ? ({ type: 'checkboxes', id: 'unborn', label: own(t('forms.people.unbornLegend')), required: false, options: [{ value: 'yes', text: own(t('forms.people.unborn')), hint: own(t('forms.people.unbornHint')) }] } satisfies CheckboxesQuestion)
        : undefined,
    dateOfBirth:
      step.ask.dateOfBirth !== 'no'
        ? ({ type: 'date', id: 'dateOfBirth', label: own(t(unborn ? 'forms.people.expectedDateOfBirth' : 'forms.people.dateOfBirth')), requiredError: needs(unborn ? 'expectedDateOfBirth' : 'dateOfBirth'), required: step.ask.dateOfBirth === 'required', notInFuture: !unborn } satisfies DateQuestion)
        : undefined,
    gender: step.ask.gender !== 'no' && step.genders ? ({ type: 'radios', id: 'gender', label: own(t('forms.people.gender')), requiredError: needs('gender'), required: step.ask.gender === 'required', options: step.genders, inline: false } satisfies RadiosQuestion) : undefined,
    relationship:
      step.ask.relationship !== 'no' && kind.relationships && kind.relationshipLabel
        ? ({ type: 'select', id: 'relationship', label: kind.relationshipLabel, requiredError: needs('relationship'), required: step.ask.relationship === 'required', options: kind.relationships } satisfies SelectQuestion)
        : undefined,
    sameAddress:
      step.ask.address !== 'no' && !isFirst
        ? ({ type: 'radios', id: 'sameAddress', label: own(t('forms.people.sameAddress', { name: personName(firstChild(people) ?? person, people, texts) })), requiredError: needs('sameAddress', { child: personName(firstChild(people) ?? person, people, texts) }), required: step.ask.address === 'required', options: yesNo, inline: false } satisfies RadiosQuestion)
        : undefined,
    address: step.ask.address !== 'no' ? ({ type: 'address', id: 'address', label: own(t('forms.people.address')), requiredError: needs('address'), required: step.ask.address === 'required' } satisfies AddressQuestion) : undefined,
  };
}

/** Whether the person's own address is asked (the first child always; others when they live elsewhere). */
const ownAddressAsked = (person: Person, people: Person[]) => firstChild(people)?.id === person.id || person.sameAddress === 'no';

/** The problems of each person's details, keyed by field ("person-<id>-forename"), in page order. */
export function validatePeople(step: PeopleStep, people: Person[], texts: Texts): { field: string; href: string; text: string }[] {
  const found: { field: string; href: string; text: string }[] = [];
  const { t } = texts;
  for (const person of people) {
    const q = personQuestions(step, person, people, texts);
    const name = personName(person, people, texts);
    const label = (field: { label: LocalisedText }) => t('forms.people.fieldOf', { field: formText(field.label, texts), name });
    const add = (part: string, problems: { text: string; part?: string; focus?: string }[]) => {
      for (const p of problems) found.push({ ...problemField(personField(person.id, part), p), text: p.text });
    };
    add('forename', checkLength(q.forename, person.forename, texts, label(q.forename)));
    add('surname', checkLength(q.surname, person.surname, texts, label(q.surname)));
    if (q.dateOfBirth) add('dateOfBirth', checkDate(q.dateOfBirth, person.dateOfBirth, texts, label(q.dateOfBirth), { notInFuture: person.unborn !== 'yes', notInPast: person.unborn === 'yes' }));
    if (q.gender && (person.gender || q.gender.required)) add('gender', checkOneOf(q.gender, person.gender, texts, label(q.gender)));
    if (q.relationship && (person.relationship || q.relationship.required)) add('relationship', checkOneOf(q.relationship, person.relationship, texts, label(q.relationship)));
    if (q.sameAddress) add('sameAddress', checkOneOf(q.sameAddress, person.sameAddress, texts, label(q.sameAddress)));
    if (q.address && ownAddressAsked(person, people)) add('address', checkAddress(q.address, person.address, texts, label(q.address)));
  }
  const children = people.filter((p) => p.kind === 'child').length;
  if (children < Math.max(step.children.min, 1)) found.push({ field: 'add-child', href: '#add-child', text: t('forms.people.errors.tooFewChildren', { count: Math.max(step.children.min, 1) }) });
  const adults = people.filter((p) => p.kind === 'adult').length;
  if (adults < step.adults.min) found.push({ field: 'add-adult', href: '#add-adult', text: t('forms.people.errors.tooFewAdults', { count: step.adults.min }) });
  return found;
}

export interface PersonView {
  id: string;
  anchor: string;
  legend: string;
  fields: QuestionView[];
  canRemove: boolean;
  removeValue: string;
}

/** The people step's page: a fieldset per person (named in its legend), Remove, Add a child / Add an adult. */
export function peopleView(step: PeopleStep, people: Person[], errors: FieldErrors, texts: Texts, context: QuestionContext) {
  const { t } = texts;
  const personView = (person: Person): PersonView => {
    const q = personQuestions(step, person, people, texts);
    const name = (part: string) => personField(person.id, part);
    const fields: QuestionView[] = [text.view(q.forename, name('forename'), person.forename, errors, texts), text.view(q.surname, name('surname'), person.surname, errors, texts)];
    if (q.unborn) fields.push(checkboxes.view(q.unborn, name('unborn'), person.unborn === 'yes' ? ['yes'] : [], errors, texts));
    if (q.dateOfBirth) fields.push(date.view(q.dateOfBirth, name('dateOfBirth'), person.dateOfBirth, errors, texts));
    if (q.gender) fields.push(radios.view(q.gender, name('gender'), person.gender, errors, texts));
    if (q.relationship) fields.push(select.view(q.relationship, name('relationship'), person.relationship, errors, texts));
    const addressView = q.address && address.view(q.address, name('address'), person.address, errors, texts, context);
    if (q.sameAddress) {
      const same = radios.view(q.sameAddress, name('sameAddress'), person.sameAddress, errors, texts);
      const no = same.options?.find((o) => o.value === 'no');
      if (no && addressView) {
        no.conditional = [addressView];
        no.conditionalId = `conditional-${no.id}`;
      }
      fields.push(same);
    } else if (addressView) fields.push(addressView);
    const count = people.filter((p) => p.kind === person.kind).length;
    const floor = person.kind === 'child' ? Math.max(step.children.min, 1) : step.adults.min;
    return { id: person.id, anchor: `person-${person.id}`, legend: personName(person, people, texts), fields, canRemove: count > floor, removeValue: `remove-person-${person.id}` };
  };
  const of = (kind: Person['kind']) => people.filter((p) => p.kind === kind).map(personView);
  return {
    ids: people.map((p) => p.id),
    children: of('child'),
    adults: of('adult'),
    addChild: { value: 'add-child', id: 'add-child', canAdd: people.filter((p) => p.kind === 'child').length < step.children.max, error: errors['add-child'] },
    addAdult: { value: 'add-adult', id: 'add-adult', canAdd: people.filter((p) => p.kind === 'adult').length < step.adults.max, error: errors['add-adult'] },
    childrenHeading: t('forms.people.childrenHeading'),
    adultsHeading: t('forms.people.adultsHeading'),
  };
}

/** The people as the summary, the back office and the PDF show them: a list per person. */
export function peopleSummary(step: PeopleStep, people: Person[], texts: Texts): SummaryList[] {
  const { t } = texts;
  if (!people.length) return [{ rows: [{ key: t('forms.people.childrenHeading'), lines: [t('forms.summary.notAnswered')] }] }];
  return people.map((person) => {
    const q = personQuestions(step, person, people, texts);
    const rows = [{ key: t(person.kind === 'child' ? 'forms.people.kindChild' : 'forms.people.kindAdult'), lines: [personName(person, people, texts)] }];
    const line = (value: string, optionList: { value: string; text: LocalisedText }[] | undefined) => formText(optionList?.find((o) => o.value === value)?.text, texts) || value || t('forms.summary.notAnswered');
    if (q.dateOfBirth) rows.push({ key: formText(q.dateOfBirth.label, texts), lines: [isEmptyDate(person.dateOfBirth) ? t('forms.summary.notAnswered') : dateText(person.dateOfBirth, texts)] });
    if (q.gender) rows.push({ key: formText(q.gender.label, texts), lines: [line(person.gender, q.gender.options)] });
    if (q.relationship) rows.push({ key: formText(q.relationship.label, texts), lines: [line(person.relationship, q.relationship.options)] });
    if (q.address) {
      const first = firstChild(people);
      const lines =
        person.sameAddress === 'yes' && first && first.id !== person.id
          ? [t('forms.people.sameAddressAs', { name: personName(first, people, texts) })]
          : !ownAddressAsked(person, people) || isEmptyAddress(person.address)
            ? [t('forms.summary.notAnswered')]
            : addressLines(person.address);
      rows.push({ key: formText(q.address.label, texts), lines });
    }
    return { heading: personName(person, people, texts), rows };
  });
}
