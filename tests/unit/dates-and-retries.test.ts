import { describe, expect, it } from 'vitest';
import { checkDateOfBirth, todayInUk } from '../../src/people/date-of-birth.js';
import { longDate, shortDate } from '../../src/i18n/dates.js';
import { backoffSeconds } from '../../src/platform/mail/worker.js';

const dob = (day: string, month: string, year: string, today = '2026-12-01') => checkDateOfBirth({ day, month, year }, today);

describe('dates of birth', () => {
  it('accepts a real past date and gives it as YYYY-MM-DD', () => {
    expect(dob('29', '2', '2024')).toEqual({ iso: '2024-02-29', wrongParts: [] });
    expect(dob(' 1 ', '12', '2026')).toEqual({ iso: '2026-12-01', wrongParts: [] });
  });

  it('names exactly the boxes that are missing', () => {
    expect(dob('', '', '')).toEqual({ error: 'people.errors.dobMissing', wrongParts: ['day', 'month', 'year'] });
    expect(dob('', '3', '')).toEqual({ error: 'people.errors.dobMissingDayYear', wrongParts: ['day', 'year'] });
    expect(dob('4', '3', '')).toEqual({ error: 'people.errors.dobMissingYear', wrongParts: ['year'] });
  });

  it('refuses dates that do not exist, short years, the future and before 1900', () => {
    expect(dob('31', '2', '2020')).toMatchObject({ error: 'people.errors.dobNotReal', wrongParts: ['day'] });
    expect(dob('29', '2', '2023')).toMatchObject({ error: 'people.errors.dobNotReal', wrongParts: ['day'] });
    expect(dob('1', '13', '2020')).toMatchObject({ error: 'people.errors.dobNotReal', wrongParts: ['month'] });
    expect(dob('1', 'May', '2020')).toMatchObject({ error: 'people.errors.dobNotReal', wrongParts: ['month'] });
    expect(dob('1', '5', '20')).toMatchObject({ error: 'people.errors.dobYearFormat', wrongParts: ['year'] });
    expect(dob('2', '12', '2026')).toMatchObject({ error: 'people.errors.dobFuture' });
    expect(dob('1', '1', '1899')).toMatchObject({ error: 'people.errors.dobTooEarly', wrongParts: ['year'] });
  });

  it("takes today in UK time: just after midnight in June (BST) is already the next day", () => {
    expect(todayInUk(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(todayInUk(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });
});

describe('dates on pages', () => {
  it('writes a calendar day in words, with Welsh month names in Welsh', () => {
    expect(longDate('2026-11-26', 'en')).toBe('26 November 2026');
    expect(longDate('2026-11-26', 'cy')).toBe('26 Tachwedd 2026');
    expect(longDate('not a date', 'en')).toBe('not a date');
  });

  it('writes the UK day a moment fell on', () => {
    expect(shortDate(new Date('2022-05-31T23:30:00Z'))).toBe('01/06/2022');
  });
});

describe('email retries', () => {
  it('waits 1, 2, 4, 8 … minutes between attempts, never more than an hour', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map(backoffSeconds)).toEqual([60, 120, 240, 480, 3600, 3600, 3600]);
    expect(backoffSeconds(0)).toBe(60);
  });
});
