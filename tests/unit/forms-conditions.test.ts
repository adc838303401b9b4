import { describe, expect, it } from 'vitest';
import { answerLookup, isShown } from '../../src/forms/answers.js';
import { condition, conditionMet, type Condition } from '../../src/forms/conditions.js';
import { formDefinitionSchema } from '../../src/forms/definition.js';
import { stepQuestions } from '../../src/forms/fields.js';
import { validateStep } from '../../src/forms/validation.js';
import { noErrors } from '../../src/platform/http/forms.js';
import { AMY, en, FAMILY, peopleForm, TOM } from './forms-fixtures.js';

const text = (en: string) => ({ en });
const yesNo = (id: string, extra: Record<string, unknown> = {}) => ({ type: 'yesNo', id, label: text(id), ...extra });

/** A form of one step with these questions. */
function form(questions: Record<string, unknown>[]) {
  return formDefinitionSchema.safeParse({
    id: 'conditions',
    title: text('Conditions'),
    service: 'send',
    steps: [{ id: 'one', type: 'questions', title: text('One'), questions }, { id: 'summary', type: 'summary', title: text('Summary') }],
    declarations: [{ id: 'ok', heading: text('OK'), label: text('OK'), error: text('OK') }],
  });
}
const issues = (questions: Record<string, unknown>[]) => {
  const result = form(questions);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('showIf: single conditions, all, any, notEmpty', () => {
  it('reads the grammar and refuses what is not in it', () => {
    expect(condition.parse({ question: 'a', equals: 'yes' })).toEqual({ question: 'a', equals: 'yes' });
    expect(condition.parse({ all: [{ question: 'a', notEmpty: true }, { any: [{ question: 'b', includes: 'x' }, { question: 'c', equals: 'no' }] }] })).toEqual({
      all: [{ question: 'a', notEmpty: true }, { any: [{ question: 'b', includes: 'x' }, { question: 'c', equals: 'no' }] }],
    });
    expect(condition.safeParse({ question: 'a', equals: 'x', includes: 'y' }).error?.issues[0]?.message).toBe('needs exactly one of equals, includes or notEmpty');
    expect(condition.safeParse({ question: 'a', notEmpty: false }).success).toBe(false);
    expect(condition.safeParse({ all: [{ question: 'a', equals: 'x' }], any: [] }).success).toBe(false);
    expect(condition.safeParse({ all: [] }).success).toBe(false);
    const deep = (n: number): Record<string, unknown> => (n === 0 ? { question: 'a', notEmpty: true } : { all: [deep(n - 1)] });
    expect(condition.safeParse(deep(3)).success).toBe(true);
    expect(condition.safeParse(deep(4)).error?.issues.map((i) => i.message)).toContain('conditions nest at most 3 levels deep');
  });

  it('evaluates all, any and notEmpty', () => {
    const facts = (answers: Record<string, { chosen: string[]; empty: boolean }[]>) => (id: string) => answers[id] ?? [];
    const answered = facts({ a: [{ chosen: ['yes'], empty: false }], b: [{ chosen: [], empty: false }], c: [{ chosen: [], empty: true }] });
    const both: Condition = { all: [{ question: 'a', equals: 'yes' }, { question: 'b', notEmpty: true }] };
    expect(conditionMet(both, answered)).toBe(true);
    expect(conditionMet({ all: [{ question: 'a', equals: 'yes' }, { question: 'c', notEmpty: true }] }, answered)).toBe(false);
    expect(conditionMet({ any: [{ question: 'c', notEmpty: true }, { question: 'a', equals: 'yes' }] }, answered)).toBe(true);
    expect(conditionMet({ question: 'missing', notEmpty: true }, answered)).toBe(false);
  });

  it('cross-checks: questions that exist, options they have, text tested only with notEmpty, no circles', () => {
    const good = [
      yesNo('told'),
      { type: 'text', id: 'name', label: text('Name') },
      { type: 'textarea', id: 'why', label: text('Why'), showIf: { all: [{ question: 'told', equals: 'no' }, { question: 'name', notEmpty: true }] } },
    ];
    expect(issues(good)).toEqual([]);
    expect(issues([...good, { type: 'text', id: 'x', label: text('X'), showIf: { question: 'name', equals: 'Amy' } }])).toEqual([
      'steps.0.questions.3.showIf: "name" is not a radios, checkboxes or select question of this form',
    ]);
    expect(issues([...good, { type: 'text', id: 'x', label: text('X'), showIf: { any: [{ question: 'told', equals: 'maybe' }, { question: 'nowhere', notEmpty: true }] } }])).toEqual([
      'steps.0.questions.3.showIf.any.0: "maybe" is not an option of "told"',
      'steps.0.questions.3.showIf.any.1: "nowhere" is not a question of this form',
    ]);
    expect(issues([...good, { type: 'text', id: 'x', label: text('X'), showIf: { question: 'told', includes: 'yes' } }])).toEqual(['steps.0.questions.3.showIf: includes is for checkboxes; use equals']);
    expect(issues([yesNo('a', { showIf: { question: 'b', equals: 'yes' } }), yesNo('b', { showIf: { question: 'a', equals: 'yes' } })])).toEqual([
      'steps.0.questions.0.showIf: the condition of "a" depends on itself',
      'steps.0.questions.1.showIf: the condition of "b" depends on itself',
    ]);
  });

  it('hides in a chain: what depends on a hidden question is hidden too, and is not checked', () => {
    const result = form([
      yesNo('risk', { required: true }),
      yesNo('police', { required: true, showIf: { question: 'risk', equals: 'yes' } }),
      { type: 'text', id: 'reference', label: text('Reference'), required: true, showIf: { all: [{ question: 'police', equals: 'yes' }, { question: 'risk', notEmpty: true }] } },
    ]);
    const definition = result.data!;
    const step = definition.steps[0]!;
    const values = { risk: { answer: 'no', details: '' }, police: { answer: 'yes', details: '' }, reference: '' };
    const lookup = answerLookup(definition, {}, { stepId: 'one', values });
    const reference = step.type === 'questions' ? step.questions[2]! : undefined;
    expect(isShown(reference!, lookup)).toBe(false);
    expect(validateStep(definition, step, values, {}, en).list).toEqual([]);
    const shown = answerLookup(definition, {}, { stepId: 'one', values: { ...values, risk: { answer: 'yes', details: '' } } });
    expect(isShown(reference!, shown)).toBe(true);
    expect(validateStep(definition, step, { ...values, risk: { answer: 'yes', details: '' } }, {}, en).list.map((e) => e.text)).toEqual(['Enter an answer to “Reference”']);
  });

  it('a per-person answer meets a condition when anyone\'s answer does; a dependant on the same page is revealed under the option', () => {
    const definition = peopleForm([
      { type: 'checkboxes', id: 'concerns', label: text('Concerns'), perPerson: true, options: [{ value: 'neglect', text: text('Neglect') }, { value: 'other', text: text('Other') }] },
      { type: 'textarea', id: 'otherConcern', label: text('Other concern'), required: true, showIf: { question: 'concerns', includes: 'other' } },
    ]);
    const answers = { people: { people: FAMILY } };
    const values = { concerns: { shared: ['neglect'], separate: { [AMY.id]: ['other'] } }, otherConcern: '' };
    const lookup = answerLookup(definition, answers, { stepId: 'about', values });
    expect(lookup.facts('concerns').map((f) => f.chosen)).toEqual([['neglect'], ['other']]);
    const step = definition.steps[2]!;
    if (step.type !== 'questions') throw new Error('a questions step');
    expect(isShown(step.questions[1]!, lookup)).toBe(true);
    // Someone has their own answer: the dependant stands on its own, after the question.
    const split = stepQuestions(definition, step, values, answers, noErrors(), en).questions;
    expect(split.map((q) => q.kind)).toEqual(['perPerson', 'textarea']);
    // Nobody separated: it is revealed under the shared answer's "Other".
    const together = stepQuestions(definition, step, { concerns: { shared: ['other'], separate: {} } }, answers, noErrors(), en).questions;
    expect(together.map((q) => q.kind)).toEqual(['perPerson']);
    const shared = together[0]!.sharedView as { options: { value: string; conditional?: { name: string }[] }[] };
    expect(shared.options.find((o) => o.value === 'other')?.conditional?.map((c) => c.name)).toEqual(['otherConcern']);
    expect(TOM.kind).toBe('child');
  });
});
