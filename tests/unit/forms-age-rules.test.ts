import { describe, expect, it } from 'vitest';
import { questionSchema } from '../../src/forms/questions/index.js';
import { ageOn } from '../../src/forms/texts.js';

describe('answers checked against the child’s age', () => {
  it('counts whole years, a birthday counting from its day', () => {
    const today = new Date('2026-12-01T12:00:00Z');
    expect(ageOn('2014-12-01', today)).toBe(12);
    expect(ageOn('2014-12-02', today)).toBe(11);
    expect(ageOn('2008-11-30', today)).toBe(18);
    expect(ageOn('2008-12-02', today)).toBe(17);
    expect(ageOn('not a date', today)).toBeUndefined();
  });

  it('takes age rules only for options the question has, each with an age', () => {
    const base = { type: 'radios', id: 'isOver18', label: { en: 'Is the young person aged 18 or over?' }, options: [{ value: 'yes', text: { en: 'Yes' } }, { value: 'no', text: { en: 'No' } }] };
    const error = { en: 'The young person is under 18' };
    expect(questionSchema.safeParse({ ...base, ageRules: [{ option: 'yes', minAge: 18, error }] }).success).toBe(true);
    const unknown = questionSchema.safeParse({ ...base, ageRules: [{ option: 'maybe', minAge: 18, error }] });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues.map((i) => i.message)).toContain('"maybe" is not one of the options');
    expect(questionSchema.safeParse({ ...base, ageRules: [{ option: 'yes', error }] }).success).toBe(false);
  });
});
