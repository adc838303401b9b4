import type Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { roleInput } from '../../src/accounts/my-account/work-role-form.js';
import { datesInput, readDate } from '../../src/backoffice/send/dates.js';
import { childInput, readChildForm } from '../../src/people/child-form.js';
import { personListQuery } from '../../src/people/person-list.js';
import { flag, rawText, readForm, text } from '../../src/platform/http/forms.js';

/** A request as the body layer leaves it: a parsed form, or none (multipart, GET). */
const posted = (body: unknown) => ({ request: { body } }) as unknown as Koa.Context;
/** Koa's ctx.query has no prototype. */
const query = (values: Record<string, unknown> = {}) => Object.assign(Object.create(null) as Record<string, unknown>, values);
const ID = '123e4567-e89b-12d3-a456-426614174000';

describe('input schema fields', () => {
  const form = z.object({ name: text(), password: rawText(), code: text(z.string().min(1, 'missing')) });

  it('make a repeated, nested or missing field empty, as a form sends only strings', () => {
    expect(form.safeParse({ name: ['a', 'b'], password: { x: '1' }, code: '1' }).data).toEqual({ name: '', password: '', code: '1' });
    expect(readForm(posted(undefined), z.object({ name: text(), password: rawText() }))).toEqual({ name: '', password: '' });
  });

  it('trim text before its checks, and never trim a password', () => {
    expect(form.safeParse({ name: '  Sam ', password: ' pass word ', code: ' 1 ' }).data).toEqual({ name: 'Sam', password: ' pass word ', code: '1' });
    const blank = form.safeParse({ code: '   ' });
    expect(blank.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['code', 'missing']]);
  });

  it('read a flag as given with a value, whatever it is', () => {
    const flags = z.object({ sent: flag(), signedOut: flag() });
    expect(flags.parse(query({ sent: '1' }))).toEqual({ sent: true, signedOut: false });
    expect(flags.parse(query({ sent: '' }))).toEqual({ sent: false, signedOut: false });
  });
});

describe('route input schemas', () => {
  it('Select Person query: defaults for an empty or odd query, a long filter cut, only an id as a position', () => {
    expect(personListQuery.parse(query())).toEqual({ filter: '', view: 'active' });
    expect(personListQuery.parse(query({ filter: ['a', 'b'], view: 'everyone', after: 'x; drop table' }))).toEqual({ filter: '', view: 'active' });
    expect(personListQuery.parse(query({ filter: ` ${'x'.repeat(300)} `, view: 'hidden', before: ID }))).toEqual({ filter: 'x'.repeat(200), view: 'hidden', before: ID });
    expect(personListQuery.parse(query({ after: ID, before: ID }))).toEqual({ filter: '', view: 'active', after: ID });
  });

  it('child form: an empty form, and odd fields as empty ones', () => {
    const empty = readChildForm(childInput.parse({}));
    expect(empty).toMatchObject({ forename: '', surname: '', gender: '', school: '', dateOfBirth: { day: '', month: '', year: '' }, address: { addressMode: 'find', postcode: '' } });
    const odd = readChildForm(childInput.parse({ forename: ['Sam'], 'dateOfBirth-day': { x: '1' }, addressMode: 'manual', street: ' 1  High St ', school: '  St  Mary ' }));
    expect(odd).toMatchObject({ forename: '', school: 'St Mary', dateOfBirth: { day: '' }, address: { addressMode: 'manual', manual: { street: '1  High St' } } });
  });

  it('work role form: found by postcode unless "manual" is posted', () => {
    expect(roleInput.parse({})).toMatchObject({ role: '', addressMode: 'find', mobile: '' });
    expect(roleInput.parse({ addressMode: ' manual ', role: ['a'] })).toMatchObject({ role: '', addressMode: 'manual' });
    expect(roleInput.parse({ addressMode: 'other' }).addressMode).toBe('find');
  });

  it('date inputs: three trimmed boxes per date, odd ones empty', () => {
    const input = datesInput(['dueDate', 'panel']).parse({ 'dueDate-day': ' 5 ', 'dueDate-month': ['3'], 'panel-year': '2027' });
    expect(readDate(input, 'dueDate')).toEqual({ day: '5', month: '', year: '' });
    expect(readDate(input, 'panel')).toEqual({ day: '', month: '', year: '2027' });
  });
});
