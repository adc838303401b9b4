import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { answerOf, QUESTION_TYPES, questionSchema, type Question } from '../../src/forms/questions/index.js';
import { applyAddressAction, lookUpAddresses, parseAddress, searchedPostcodes } from '../../src/forms/questions/address.js';
import { normalisePhone, phoneText } from '../../src/forms/questions/phone.js';
import { emptyContext, type QuestionContext } from '../../src/forms/questions/type.js';
import type { Address } from '../../src/accounts/addresses/format.js';
import { Views } from '../../src/platform/http/views.js';

import type { Texts } from '../../src/forms/texts.js';

const en: Texts = { t: translator('en'), lang: 'en' };
const cy: Texts = { t: translator('cy'), lang: 'cy' };
const parse = (q: Record<string, unknown>): Question => questionSchema.parse({ label: { en: 'Reason', cy: 'Rheswm' }, ...q });
const messages = (q: Question, value: unknown, texts = en) => answerOf(q).validate(value, texts, 'Reason').map((p) => p.text);
const summary = (q: Question, value: unknown, texts = en) => answerOf(q).summary(value, texts, { documents: [] });

const views = new Views('default');
/** Draws a question's view model with its own partial, as a step page does. */
const draw = (view: Record<string, unknown>, texts = en) => views.hbs.compile('{{> forms/question}}')({ ...view, t: texts.t, lang: texts.lang });

const ADDRESSES: Address[] = [
  { uprn: 10, houseNumber: '2', street: 'High Street', town: 'Dudley', postcode: 'DY1 1AA', country: 'England' },
  { uprn: 11, houseNumber: '4', street: 'High Street', town: 'Dudley', county: 'West Midlands', postcode: 'DY1 1AA', country: 'England' },
];
const findAddresses = async (postcode: string) => (postcode === 'DY1 1AA' ? ADDRESSES : []);

describe('question types as modules', () => {
  it('registers one module per type, and the schema knows every one of them', () => {
    expect(Object.keys(QUESTION_TYPES).sort()).toEqual(['address', 'autocomplete', 'checkboxes', 'date', 'email', 'file', 'group', 'notice', 'number', 'phone', 'radios', 'select', 'text', 'textarea', 'yesNo'].sort());
    expect(questionSchema.safeParse({ type: 'colour', id: 'x', label: { en: 'X' } }).success).toBe(false);
  });

  it('text: trims, checks required and length, summarises line by line', () => {
    const q = parse({ type: 'text', id: 'reason', required: true, maxLength: 5 });
    expect(answerOf(q).read({ reason: '  hi  ' }, 'reason', emptyContext())).toBe('hi');
    expect(messages(q, '')).toEqual(['Enter an answer to “Reason”']);
    expect(messages(q, 'toolong')).toEqual(['The answer to “Reason” must be 5 characters or fewer']);
    expect(messages(q, 'fine')).toEqual([]);
    expect(summary(q, '')).toEqual({ lines: ['Not answered'] });
  });

  it('textarea: counts a CRLF as one character', () => {
    const q = parse({ type: 'textarea', id: 'reason', maxLength: 3 });
    const value = answerOf(q).read({ reason: 'a\r\nb' }, 'reason', emptyContext());
    expect(value).toBe('a\nb');
    expect(messages(q, value)).toEqual([]);
    expect(summary(q, 'a\n\nb')).toEqual({ lines: ['a', 'b'] });
  });

  it('date: missing parts, real dates, the future; the summary in Welsh', () => {
    const q = parse({ type: 'date', id: 'when', required: true, notInFuture: true });
    const read = answerOf(q).read({ 'when-day': '31', 'when-month': '2', 'when-year': '2020' }, 'when', emptyContext());
    expect(read).toEqual({ day: '31', month: '2', year: '2020' });
    expect(answerOf(q).validate(read, en, 'When')).toEqual([{ text: '“When” must be a real date, for example 27 3 2024', focus: 'day' }]);
    expect(answerOf(q).validate({ day: '1', month: '', year: '2020' }, en, 'When')[0]).toEqual({ text: '“When” must include a month', focus: 'month' });
    expect(messages(q, { day: '1', month: '1', year: '2999' })).toEqual(['“Reason” must be today or in the past']);
    expect(summary(q, { day: '1', month: '3', year: '2024' }, cy)).toEqual({ lines: ['1 Mawrth 2024'] });
  });

  it('radios, checkboxes and select: only their options count', () => {
    const options = [
      { value: 'a', text: { en: 'A' } },
      { value: 'b', text: { en: 'B' } },
    ];
    const radios = parse({ type: 'radios', id: 'pick', required: true, options });
    expect(messages(radios, 'z')).toEqual(['Select an answer to “Reason”']);
    expect(summary(radios, 'b')).toEqual({ lines: ['B'] });
    const checkboxes = parse({ type: 'checkboxes', id: 'many', options });
    expect(answerOf(checkboxes).read({ many: ['b', 'x', 'a'] }, 'many', emptyContext())).toEqual(['a', 'b']);
    expect(answerOf(checkboxes).facts(['a'])).toEqual({ chosen: ['a'], empty: false });
    const select = parse({ type: 'select', id: 'one', options });
    expect(summary(select, '')).toEqual({ lines: ['Not answered'] });
  });

  it('email: the format', () => {
    const q = parse({ type: 'email', id: 'email', required: true });
    expect(messages(q, 'someone@example')).toEqual(['Enter “Reason” in the correct format, like name@example.com']);
    expect(messages(q, 'someone@example.org')).toEqual([]);
  });

  it('phone: accepts spaces, brackets and +44, stores the digits, shows them grouped', () => {
    const q = parse({ type: 'phone', id: 'phone', required: true });
    expect(answerOf(q).read({ phone: '+44 (0)7700 900-982' }, 'phone', emptyContext())).toBe('07700900982');
    expect(normalisePhone('(01384) 812345')).toBe('01384812345');
    expect(normalisePhone('12345')).toBe('12345');
    expect(messages(q, '12345')).toEqual(['Enter “Reason” as a UK phone number, like 01632 960 001 or 07700 900 982']);
    expect(messages(q, '01384812345')).toEqual([]);
    expect(phoneText('02079460000')).toBe('020 7946 0000');
    expect(summary(q, '07700900982')).toEqual({ lines: ['07700 900982'] });
    const mobile = parse({ type: 'phone', id: 'mobile', mobile: true });
    expect(messages(mobile, '01384812345')).toEqual(['Enter “Reason” as a UK mobile number, like 07700 900 982']);
  });

  it('number: whole or decimal, within its limits', () => {
    const whole = parse({ type: 'number', id: 'count', min: 1, max: 30 });
    expect(messages(whole, '1.5')).toEqual(['“Reason” must be a whole number']);
    expect(messages(whole, '0')).toEqual(['“Reason” must be between 1 and 30']);
    expect(messages(whole, '1,0')).toEqual([]);
    expect(messages(whole, '')).toEqual([]);
    const money = parse({ type: 'number', id: 'money', decimals: true, min: 0, prefix: { en: '£' } });
    expect(messages(money, '-1')).toEqual(['“Reason” must be 0 or more']);
    expect(messages(money, 'ten')).toEqual(['“Reason” must be a number']);
    expect(summary(money, '1250.5')).toEqual({ lines: ['£1,250.5'] });
    expect(questionSchema.safeParse({ type: 'number', id: 'n', label: { en: 'N' }, min: 5, max: 1 }).success).toBe(false);
  });

  it('yesNo: the details a Yes reveals are required only when revealed', () => {
    const q = parse({ type: 'yesNo', id: 'told', required: true, details: { revealedBy: 'no', label: { en: 'Why not?' }, requiredError: { en: 'Enter why not' } } });
    const read = answerOf(q).read({ told: 'no', 'told-details': '' }, 'told', emptyContext());
    expect(read).toEqual({ answer: 'no', details: '' });
    expect(answerOf(q).validate(read, en, 'Told')).toEqual([{ text: 'Enter why not', part: 'details' }]);
    expect(messages(q, { answer: 'yes', details: '' })).toEqual([]);
    expect(messages(q, { answer: '', details: '' })).toEqual(['Select an answer to “Reason”']);
    expect(messages(q, { answer: 'maybe', details: '' })).toEqual(['Select an answer to “Reason”']);
    expect(summary(q, { answer: 'no', details: 'Risk to the child' })).toEqual({ lines: ['No', 'Risk to the child'] });
    expect(summary(q, { answer: 'yes', details: 'left from before' })).toEqual({ lines: ['Yes'] });
    expect(summary(q, { answer: 'yes', details: '' }, cy)).toEqual({ lines: ['Ie'] });
    expect(answerOf(q).facts({ answer: 'no', details: '' }).chosen).toEqual(['no']);
  });

  it('autocomplete: a choice from the list', () => {
    const q = parse({ type: 'autocomplete', id: 'language', required: true, options: [{ value: 'polish', text: { en: 'Polish' } }, { value: 'urdu', text: { en: 'Urdu' } }] });
    expect(messages(q, 'klingon')).toEqual(['Select an answer to “Reason”']);
    expect(summary(q, 'urdu')).toEqual({ lines: ['Urdu'] });
    expect(draw(answerOf(q).view('language', 'urdu', {}, en, emptyContext()))).toContain('<option value="urdu" selected>Urdu</option>');
  });

  it('notice: no answer, nothing in the summary, the council values filled in', () => {
    const q = questionSchema.parse({ type: 'notice', id: 'call', text: { en: 'Call {{council.emergencyPhone}} now' } });
    expect(answerOf(q).stored).toBe(false);
    expect(summary(q, undefined)).toEqual({ rows: [] });
    const html = draw(answerOf(q).view('call', undefined, {}, { ...en, council: { emergencyPhone: '0300 555 0050' } }, emptyContext()));
    expect(html).toContain('Call 0300 555 0050 now');
    expect(html).toContain('govuk-warning-text');
    expect(draw(answerOf(q).view('call', undefined, {}, en, emptyContext()))).toContain('Call the number on the council&#x27;s website now');
  });
});

describe('address', () => {
  const q = parse({ type: 'address', id: 'home', required: true });
  const book = async (body: Record<string, unknown>): Promise<QuestionContext> => ({ addresses: await lookUpAddresses(searchedPostcodes(body), findAddresses) });

  it('"Find address" lists the addresses at a postcode; the one chosen is copied into the answer', async () => {
    const start = answerOf(q).read({ 'home-mode': 'find', 'home-postcode': 'dy11aa' }, 'home', emptyContext());
    expect(start).toMatchObject({ mode: 'find', postcode: 'dy11aa', uprn: '' });
    const parsed = parseAddress(start);
    if (!parsed) throw new Error('not an address');
    const found = await applyAddressAction('find', parsed, findAddresses, en, 'Home');
    expect(found.problems).toEqual([]);
    expect(found.value).toMatchObject({ postcode: 'DY1 1AA', searched: 'DY1 1AA' });
    const body = { 'home-mode': 'find', 'home-postcode': 'DY1 1AA', 'home-searched': 'DY1 1AA', 'home-uprn': '11' };
    const context = await book(body);
    const chosen = answerOf(q).read(body, 'home', context);
    expect(answerOf(q).validate(chosen, en, 'Home')).toEqual([]);
    expect(summary(q, chosen)).toEqual({ lines: ['4 High Street', 'Dudley', 'West Midlands', 'DY1 1AA'] });
    const html = draw(answerOf(q).view('home', chosen, {}, en, context));
    expect(html).toContain('<option value="11" selected>4 High Street, Dudley, DY1 1AA</option>');
    expect(html).toContain('<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Reason</legend>');
    expect(html).toContain('value="address-find-home"');
  });

  it('a tampered UPRN is not an address; nothing found and a bad postcode are said', async () => {
    const body = { 'home-mode': 'find', 'home-postcode': 'DY1 1AA', 'home-searched': 'DY1 1AA', 'home-uprn': '999' };
    const value = answerOf(q).read(body, 'home', await book(body));
    expect(answerOf(q).validate(value, en, 'Home')).toEqual([{ text: 'Select the address of “Home” from the list', part: 'uprn' }]);
    const blank = { mode: 'find' as const, postcode: 'B1 1AA', searched: '', uprn: '', found: { building: '', street: '', town: '', county: '', postcode: '' }, manual: { building: '', street: '', town: '', county: '', postcode: '' } };
    expect((await applyAddressAction('find', blank, findAddresses, en, 'Home')).problems[0]!.text).toBe('We could not find any addresses at B1 1AA. Check the postcode or enter the address manually');
    expect((await applyAddressAction('find', { ...blank, postcode: 'nope' }, findAddresses, en, 'Home')).problems[0]!.part).toBe('postcode');
    expect(answerOf(q).validate({ ...blank, postcode: 'DY1 1AA' }, en, 'Home')[0]!.text).toBe('Select Find address to see the addresses at the postcode of “Home”, or enter the address manually');
  });

  it('"Enter the address manually": building or street, town and postcode', async () => {
    const body = { 'home-mode': 'manual', 'home-building': '', 'home-street': '', 'home-town': 'Dudley', 'home-postcode': 'DY1' };
    const value = answerOf(q).read(body, 'home', emptyContext());
    expect(answerOf(q).validate(value, en, 'Home').map((p) => p.part)).toEqual(['building', 'postcode']);
    const good = answerOf(q).read({ ...body, 'home-street': '1 Castle Hill', 'home-postcode': 'dy1 4qf' }, 'home', emptyContext());
    expect(answerOf(q).validate(good, en, 'Home')).toEqual([]);
    expect(summary(q, good)).toEqual({ lines: ['1 Castle Hill', 'Dudley', 'DY1 4QF'] });
    const html = draw(answerOf(q).view('home', value, { 'home-town': 'Enter the town' }, en, emptyContext()));
    expect(html).toContain('aria-describedby="home-town-error"');
    expect(html).toContain('<label class="govuk-label" for="home-building">Building name or number</label>');
  });
});

describe('partials of the new types', () => {
  it('link hints and errors to the field with aria-describedby', () => {
    const q = parse({ type: 'phone', id: 'phone', hint: { en: 'A UK number' } });
    const html = draw(answerOf(q).view('phone', '07700900982', { phone: 'Enter a phone number' }, en, emptyContext()));
    expect(html).toContain('type="tel"');
    expect(html).toContain('value="07700 900982"');
    expect(html).toContain('aria-describedby="phone-hint phone-error"');
    expect(html).toContain('<p id="phone-error" class="govuk-error-message">');
  });

  it('yesNo is a fieldset with a legend; the details box sits under the answer that reveals it', () => {
    const q = parse({ type: 'yesNo', id: 'told', details: { revealedBy: 'no', label: { en: 'Why not?', cy: 'Pam ddim?' } } });
    const html = draw(answerOf(q).view('told', { answer: 'no', details: 'x' }, {}, cy, emptyContext()), cy);
    expect(html).toContain('<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Rheswm</legend>');
    expect(html).toMatch(/value="no" checked data-reveal="conditional-told-no"/);
    expect(html).toMatch(/<div class="govuk-radios__conditional" id="conditional-told-no">[\s\S]*<label class="govuk-label govuk-label--s" for="told-details">Pam ddim\?<\/label>/);
    expect(html).toContain('>Ie</label>');
  });

  it('number: inputmode and prefix', () => {
    const q = parse({ type: 'number', id: 'money', decimals: true, prefix: { en: '£' } });
    const html = draw(answerOf(q).view('money', '', {}, en, emptyContext()));
    expect(html).toContain('inputmode="decimal"');
    expect(html).toContain('<div class="govuk-input__prefix" aria-hidden="true">£</div>');
  });
});
