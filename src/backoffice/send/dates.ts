import { z } from 'zod';
import { text } from '../../platform/http/forms.js';
import type { DatePart, DateParts } from '../../people/date-of-birth.js';

/**
 * An optional date typed into a GOV.UK date input (Day, Month, Year): left
 * empty, or a real date. Used for the key dates and an advice request's due date.
 */

export interface OptionalDate {
  /** YYYY-MM-DD when a real date was given; undefined when all three boxes are empty. */
  iso?: string;
  /** What is wrong: a locale key under backoffice-send.dates. */
  error?: 'incomplete' | 'notReal' | 'yearFormat';
  wrongParts: DatePart[];
}

const PARTS: DatePart[] = ['day', 'month', 'year'];

/** An input schema for the date inputs named: the boxes `<name>-day`, `<name>-month`, `<name>-year` of each, trimmed. */
export const datesInput = (names: readonly string[]) => z.object(Object.fromEntries(names.flatMap((name) => PARTS.map((part) => [`${name}-${part}`, text()]))));

/** One date's boxes from what `datesInput` read. */
export function readDate(input: Record<string, string>, name: string): DateParts {
  return { day: input[`${name}-day`] ?? '', month: input[`${name}-month`] ?? '', year: input[`${name}-year`] ?? '' };
}

/** The boxes showing a stored YYYY-MM-DD ("2026-03-05" → 5, 3, 2026). */
export function dateParts(iso: string | null | undefined): DateParts {
  const match = iso?.match(/^(\d{4})-(\d{2})-(\d{2})/);
  if (!match) return { day: '', month: '', year: '' };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1]! };
}

export function checkOptionalDate(parts: DateParts): OptionalDate {
  const missing = PARTS.filter((p) => !parts[p]);
  if (missing.length === 3) return { wrongParts: [] };
  if (missing.length) return { error: 'incomplete', wrongParts: missing };
  const notNumbers = PARTS.filter((p) => !/^\d+$/.test(parts[p]));
  if (notNumbers.length) return { error: 'notReal', wrongParts: notNumbers };
  if (parts.year.length !== 4) return { error: 'yearFormat', wrongParts: ['year'] };
  const [day, month, year] = PARTS.map((p) => Number(parts[p]));
  if (month! < 1 || month! > 12) return { error: 'notReal', wrongParts: ['month'] };
  if (day! < 1 || day! > new Date(Date.UTC(year!, month!, 0)).getUTCDate()) return { error: 'notReal', wrongParts: ['day'] };
  if (year! < 1900 || year! > 2200) return { error: 'notReal', wrongParts: ['year'] };
  return { iso: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, wrongParts: [] };
}

/** The boxes to mark as wrong, as the date input partial takes them. */
export const wrongBoxes = (parts: DatePart[]) => Object.fromEntries(parts.map((p) => [p, true]));
