import { describe, expect, it } from 'vitest';
import { formatDateTime, ukDateTime } from '../../src/i18n/dates.js';

// Formats are made once per kind and language (src/i18n/dates.ts): two kinds must never share one.
describe('remembered date formats', () => {
  const when = new Date('2026-11-26T14:05:00Z');

  it('keeps "26 November 2026 at 14:05" and "26 Nov 2026, 2:05 pm" apart, whichever is asked for first', () => {
    const first = ukDateTime(when, 'en');
    const second = formatDateTime(when, 'en');
    expect(first).toMatch(/^26 Nov 2026, 2:05\s?pm$/);
    expect(second).toMatch(/^26 November 2026(,| at) 14:05$/);
    expect(ukDateTime(when, 'en')).toBe(first);
    expect(formatDateTime(when, 'cy')).toMatch(/Tachwedd 2026/);
    expect(formatDateTime(when, 'cy')).not.toMatch(/Tach 2026/);
  });
});
