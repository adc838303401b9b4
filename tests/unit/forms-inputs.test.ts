import { describe, expect, it } from 'vitest';
import { declarationsInput, editInput, highlightQuery, readInput, readStepInput, startInput, uploadQuery } from '../../src/forms/inputs.js';

describe('forms route inputs (src/forms/inputs.ts)', () => {
  it('turns what is not a string (missing, an array, an object) into nothing instead of failing', () => {
    expect(readInput(startInput, { form: ['a', 'b'], child: { id: 1 } })).toEqual({ form: '', child: '' });
    expect(readInput(startInput, undefined)).toEqual({ form: '', child: '' });
    expect(readInput(startInput, ['form'])).toEqual({ form: '', child: '' });
    expect(readInput(uploadQuery, { response: ' 7 ', question: 'q1', back: ['/x', '/y'] })).toEqual({ response: '7', question: 'q1', back: undefined });
  });

  it('keeps an edit reason as typed, with Windows and old Mac line breaks made plain, trimmed', () => {
    expect(readInput(editInput, { reason: '  Wrong date\r\nof birth\rfixed  ' })).toEqual({ reason: 'Wrong date\nof birth\nfixed' });
    expect(readInput(editInput, { reason: 42 })).toEqual({ reason: '' });
  });

  it('highlights only a response id', () => {
    expect(readInput(highlightQuery, { form: '0b8e1d5e-6c1f-4c1a-9d55-2f0f7b9f2a11' }).form).toBe('0b8e1d5e-6c1f-4c1a-9d55-2f0f7b9f2a11');
    expect(readInput(highlightQuery, { form: "x' or 1=1" }).form).toBeUndefined();
    expect(readInput(highlightQuery, { form: ['0b8e1d5e-6c1f-4c1a-9d55-2f0f7b9f2a11'] }).form).toBeUndefined();
  });

  it('counts a declaration as agreed only when its box sent "agree"', () => {
    const agreed = readInput(declarationsInput, { truth: 'agree', consent: 'yes', other: ['agree'] });
    expect([agreed('truth'), agreed('consent'), agreed('other'), agreed('missing')]).toEqual([true, false, false, false]);
  });

  it('reads a step page: no button is "save", the fields go to the question types untouched', () => {
    expect(readStepInput({ name: ' Amy ' })).toEqual({ action: 'save', fields: { name: ' Amy ' } });
    expect(readStepInput({ action: ' save-for-later ', name: 'Amy' })).toEqual({ action: 'save-for-later', fields: { action: ' save-for-later ', name: 'Amy' } });
    expect(readStepInput({ action: ['save', 'add-x'] }).action).toBe('save');
    expect(readStepInput('not a form')).toEqual({ action: 'save', fields: {} });
  });
});
