import { describe, expect, it } from 'vitest';
import { readStep, type StepValues } from '../../src/forms/answers.js';
import { stepQuestions } from '../../src/forms/fields.js';
import { answerFor, answerParts, applyAnswerFor, parseAnswerForAction, perPersonSummary, readPerPerson, withoutRemovedPeople } from '../../src/forms/per-person.js';
import { applyStepAction, answerForNotice, withoutRemovedPeopleAnswers } from '../../src/forms/step-actions.js';
import { answersByPerson, summarise, answersToFreeze } from '../../src/forms/summary.js';
import { validateStep } from '../../src/forms/validation.js';
import type { Question } from '../../src/forms/questions/index.js';
import { emptyContext } from '../../src/forms/questions/type.js';
import { noErrors } from '../../src/platform/http/forms.js';
import { Views } from '../../src/platform/http/views.js';
import { AMY, concerns, cy, en, FAMILY, JO, peopleForm, reason, TOM } from './forms-fixtures.js';

const form = peopleForm([reason, concerns]);
const step = form.steps[2]!;
if (step.type !== 'questions') throw new Error('a questions step');
const [REASON, CONCERNS] = step.questions as [Question, Question];
const answers = (about: StepValues = {}) => ({ people: { people: FAMILY }, about });
const context = { ...emptyContext(), people: FAMILY };
const noAddresses = async () => [];
const views = new Views('default');

describe('per-person answers: one shared answer, "Answer for" separates a person, "+ Include" puts them back', () => {
  it('applies the shared answer to everyone until someone is separated', () => {
    const stored = { shared: 'Parents argue', separate: {} };
    expect(answerFor(REASON, stored, AMY.id, FAMILY)).toBe('Parents argue');
    expect(answerFor(REASON, stored, JO.id, FAMILY)).toBe('Parents argue');
    const split = { shared: 'Parents argue', separate: { [AMY.id]: 'Amy was hit' } };
    expect(answerFor(REASON, split, AMY.id, FAMILY)).toBe('Amy was hit');
    expect(answerFor(REASON, split, TOM.id, FAMILY)).toBe('Parents argue');
    // A question for children does not ask about adults.
    expect(answerFor(CONCERNS, { shared: ['neglect'], separate: {} }, JO.id, FAMILY)).toBeUndefined();
    // An answer stored before the question was per person is the shared answer.
    expect(answerFor(REASON, 'Old answer', TOM.id, FAMILY)).toBe('Old answer');
  });

  it('reads the shared answer and the answers of separated people still on the form; a tampered id is ignored', () => {
    const body = { reason: 'Shared', 'reason-separate': [AMY.id, 'not-a-person', '44444444-4444-4444-8444-444444444444'], [`reason-${AMY.id}`]: ' Her own ' };
    expect(readPerPerson(REASON, body, FAMILY, context)).toEqual({ shared: 'Shared', separate: { [AMY.id]: 'Her own' } });
    expect(readStep(step, { ...body, concerns: 'neglect' }, context)).toEqual({ reason: { shared: 'Shared', separate: { [AMY.id]: 'Her own' } }, concerns: { shared: ['neglect'], separate: {} } });
  });

  it('separates a person with a copy of the shared answer, includes them again, and refuses what is not on the form', () => {
    const values = { reason: { shared: 'Shared', separate: {} } };
    const separated = applyAnswerFor(step.questions, (q) => values[q.id as 'reason'], FAMILY, parseAnswerForAction(`separate-reason-${TOM.id}`)!);
    expect(separated).toEqual({ ok: true, value: { shared: 'Shared', separate: { [TOM.id]: 'Shared' } }, action: { kind: 'separate', questionId: 'reason', personId: TOM.id }, anchor: `reason-${TOM.id}-answer` });
    if (!separated.ok) throw new Error('separated');
    const included = applyAnswerFor(step.questions, () => separated.value, FAMILY, parseAnswerForAction(`include-reason-${TOM.id}`)!);
    expect(included).toMatchObject({ ok: true, value: { shared: 'Shared', separate: {} }, anchor: 'reason-answers' });
    expect(applyAnswerFor(step.questions, () => undefined, FAMILY, { kind: 'separate', questionId: 'reason', personId: '44444444-4444-4444-8444-444444444444' })).toEqual({ ok: false, reason: 'unknownPerson' });
    expect(applyAnswerFor(step.questions, () => undefined, FAMILY, { kind: 'separate', questionId: 'concerns', personId: JO.id })).toEqual({ ok: false, reason: 'unknownPerson' });
    expect(applyAnswerFor(step.questions, () => undefined, FAMILY, { kind: 'separate', questionId: 'nothing', personId: JO.id })).toEqual({ ok: false, reason: 'unknownQuestion' });
    expect(parseAnswerForAction('separate-reason-<script>')).toBeUndefined();
    expect(parseAnswerForAction(['separate-reason', AMY.id])).toBeUndefined();
    expect(answerForNotice(`include-reason-${AMY.id}`)).toEqual({ kind: 'include', questionId: 'reason', personId: AMY.id });
  });

  it('separating everyone gives one answer each; including one of them again makes their answer the shared one', () => {
    const everyone = { shared: 'Shared', separate: { [AMY.id]: 'A', [TOM.id]: 'T', [JO.id]: 'J' } };
    expect(answerParts(REASON, everyone, FAMILY).map((p) => p.person?.forename)).toEqual(['Amy', 'Tom', 'Jo']);
    const back = applyAnswerFor(step.questions, () => everyone, FAMILY, { kind: 'include', questionId: 'reason', personId: TOM.id });
    expect(back).toMatchObject({ ok: true, value: { shared: 'T', separate: { [AMY.id]: 'A', [JO.id]: 'J' } } });
  });

  it('works through the step actions the route calls, without JavaScript', async () => {
    const deps = { texts: en, findAddresses: noAddresses, people: FAMILY };
    const values = readStep(step, { reason: 'Typed so far', concerns: 'neglect' }, context);
    const result = await applyStepAction(step, values, `separate-reason-${AMY.id}`, deps);
    expect(result).toMatchObject({ ok: true, anchor: `reason-${AMY.id}-answer`, notice: `separate-reason-${AMY.id}` });
    if (!result?.ok) throw new Error('applied');
    expect(result.values.reason).toEqual({ shared: 'Typed so far', separate: { [AMY.id]: 'Typed so far' } });
    expect(result.values.concerns).toEqual({ shared: ['neglect'], separate: {} });
    expect(await applyStepAction(step, values, 'separate-reason-11111111-1111-4111-8111-999999999999', deps)).toEqual({ ok: false, reason: 'unknownPerson' });
    expect(await applyStepAction(step, values, 'save', deps)).toBeUndefined();
  });

  it('checks each answer in use; messages name the person', () => {
    const values = { reason: { shared: '', separate: { [AMY.id]: '' } }, concerns: { shared: ['neglect'], separate: {} } };
    const errors = validateStep(form, step, values, answers(), en);
    expect(errors.list).toEqual([
      { href: '#reason', text: 'Enter the reason for Tom Smith and Jo Smith' },
      { href: `#reason-${AMY.id}`, text: 'Enter the reason for Amy Smith' },
    ]);
    expect(validateStep(form, step, { reason: { shared: '', separate: {} }, concerns: { shared: ['neglect'], separate: {} } }, answers(), en).list.map((e) => e.text)).toEqual(['Enter the reason']);
    expect(validateStep(form, step, values, answers(), cy).list[1]!.text).toBe('Enter the reason ar gyfer Amy Smith');
  });

  it('drops the answers of people no longer on the form', () => {
    const stored = { shared: 'Shared', separate: { [AMY.id]: 'A', '44444444-4444-4444-8444-444444444444': 'Gone', 'not-an-id': 'x' } };
    expect(withoutRemovedPeople(REASON, stored, [TOM, JO])).toEqual({ shared: 'Shared', separate: {} });
    expect(withoutRemovedPeople(REASON, stored, FAMILY)).toEqual({ shared: 'Shared', separate: { [AMY.id]: 'A' } });
    const saved = { people: { people: [TOM, JO] }, about: { reason: stored, concerns: { shared: ['neglect'], separate: { [JO.id]: ['other'] } } } };
    expect(withoutRemovedPeopleAnswers(form, saved)).toEqual({ about: { reason: { shared: 'Shared', separate: {} }, concerns: { shared: ['neglect'], separate: {} } } });
    expect(answersToFreeze(form, saved, undefined).about).toEqual({ reason: { shared: 'Shared', separate: {} }, concerns: { shared: ['neglect'], separate: {} } });
  });

  it('summarises per person: "Everyone else: …", "Amy Smith: …"; the JSON gives each person their answers', () => {
    const stored = { shared: 'Parents argue', separate: { [AMY.id]: 'Amy was hit\nat school' } };
    expect(perPersonSummary(REASON, stored, FAMILY, en, { documents: [] })).toEqual({ lines: ['Everyone else: Parents argue', 'Amy Smith: Amy was hit', 'at school'] });
    expect(perPersonSummary(REASON, { shared: 'Parents argue', separate: {} }, FAMILY, en, { documents: [] })).toEqual({ lines: ['Parents argue'] });
    const sections = summarise(form, answers({ reason: stored, concerns: { shared: ['neglect'], separate: { [TOM.id]: ['other'] } } }), { texts: en, documents: [], printed: true });
    const about = sections.find((s) => s.id === 'about')!;
    expect(about.lists[0]!.rows).toEqual([
      { key: 'Reason', lines: ['Everyone else: Parents argue', 'Amy Smith: Amy was hit', 'at school'] },
      { key: 'Concerns', lines: ['Everyone else: Neglect', 'Tom Smith: Other'] },
    ]);
    expect(answersByPerson(form, answers({ reason: stored, concerns: { shared: ['neglect'], separate: { [TOM.id]: ['other'] } } }))).toEqual([
      { personId: AMY.id, kind: 'child', name: 'Amy Smith', answers: { reason: 'Amy was hit\nat school', concerns: ['neglect'] } },
      { personId: TOM.id, kind: 'child', name: 'Tom Smith', answers: { reason: 'Parents argue', concerns: ['other'] } },
      { personId: JO.id, kind: 'adult', name: 'Jo Smith', answers: { reason: 'Parents argue' } },
    ]);
    const people = sections.find((s) => s.id === 'people')!;
    expect(people.lists.map((l) => l.heading)).toEqual(['Amy Smith', 'Tom Smith', 'Jo Smith']);
  });

  it('shows "Answer for" buttons, a fieldset naming each separated person, and a live status after separating', () => {
    const values = { reason: { shared: 'Shared', separate: { [AMY.id]: 'Own' } } };
    const { questions } = stepQuestions(form, step, values, answers(values), noErrors(), en, { answerFor: { kind: 'separate', questionId: 'reason', personId: AMY.id } });
    const html = views.hbs.compile('{{#each questions}}{{> forms/question}}{{/each}}')({ questions, t: en.t, lang: 'en' });
    expect(html).toContain(`<input type="hidden" name="reason-separate" value="${AMY.id}">`);
    expect(html).toContain('<p class="govuk-body-s govuk-!-margin-bottom-2" id="reason-answer-for">Answer for:</p>');
    expect(html).toContain(`value="separate-reason-${TOM.id}">Tom Smith<span class="govuk-visually-hidden">: give a different answer to “Reason”</span></button>`);
    expect(html).not.toContain(`value="separate-reason-${AMY.id}"`);
    expect(html).toContain(`<fieldset class="govuk-fieldset portal-separate-answer govuk-!-margin-bottom-6" id="reason-${AMY.id}-answer" tabindex="-1">`);
    expect(html).toContain('<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Reason: answer for Amy Smith</legend>');
    expect(html).toContain(`name="reason-${AMY.id}"`);
    expect(html).toContain(`value="include-reason-${AMY.id}"><span aria-hidden="true">+ </span>Include<span class="govuk-visually-hidden"> Amy Smith in the shared answer to “Reason”</span>`);
    expect(html).toContain('<p class="govuk-visually-hidden" role="status" aria-live="polite">Amy Smith now has their own answer to “Reason”.</p>');
    // Concerns ask about the children only.
    expect(html).not.toContain(`value="separate-concerns-${JO.id}"`);
  });
});
