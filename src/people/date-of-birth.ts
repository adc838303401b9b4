/**
 * A date of birth typed into a GOV.UK date input (Day, Month, Year): a real
 * date, not in the future, with a clear reason when it is not.
 */

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type DatePart = keyof DateParts;

export interface DateCheck {
  /** YYYY-MM-DD when the date is good. */
  iso?: string;
  /** Locale key of the problem. */
  error?: string;
  /** The boxes to mark as wrong. */
  wrongParts: DatePart[];
}

const PARTS: DatePart[] = ['day', 'month', 'year'];
const EARLIEST_YEAR = 1900;

/** Today's date where the councils are (UK time), as YYYY-MM-DD. */
export function todayInUk(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const MISSING: Record<string, string> = {
  day: 'people.errors.dobMissingDay',
  month: 'people.errors.dobMissingMonth',
  year: 'people.errors.dobMissingYear',
  'day,month': 'people.errors.dobMissingDayMonth',
  'day,year': 'people.errors.dobMissingDayYear',
  'month,year': 'people.errors.dobMissingMonthYear',
};

export function checkDateOfBirth(parts: DateParts, today = todayInUk()): DateCheck {
  const missing = PARTS.filter((p) => !parts[p].trim());
  if (missing.length === 3) return { error: 'people.errors.dobMissing', wrongParts: PARTS };
  if (missing.length) return { error: MISSING[missing.join(',')]!, wrongParts: missing };
  const notNumbers = PARTS.filter((p) => !/^\d+$/.test(parts[p].trim()));
  if (notNumbers.length) return { error: 'people.errors.dobNotReal', wrongParts: notNumbers };
  const [day, month, year] = PARTS.map((p) => Number(parts[p].trim()));
  if (parts.year.trim().length !== 4) return { error: 'people.errors.dobYearFormat', wrongParts: ['year'] };
  if (month! < 1 || month! > 12) return { error: 'people.errors.dobNotReal', wrongParts: ['month'] };
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (day! < 1 || day! > daysInMonth) return { error: 'people.errors.dobNotReal', wrongParts: ['day'] };
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (iso > today) return { error: 'people.errors.dobFuture', wrongParts: PARTS };
  if (year! < EARLIEST_YEAR) return { error: 'people.errors.dobTooEarly', wrongParts: ['year'] };
  return { iso, wrongParts: [] };
}
