import type { Language } from '../i18n/index.js';

const locale = (lang: Language) => (lang === 'cy' ? 'cy-GB' : 'en-GB');

/** "26 November 2026" (Welsh month names in Welsh) for a calendar day: a Date at UTC midnight or "YYYY-MM-DD". */
export function longDate(day: Date | string, lang: Language): string {
  const date = typeof day === 'string' ? new Date(`${day.slice(0, 10)}T00:00:00Z`) : day;
  if (Number.isNaN(date.getTime())) return String(day);
  return new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** "01/06/2022": the day a moment fell on in the UK. */
export function shortDate(when: Date): string {
  return new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/London' }).format(when);
}

/** "16 Aug 2021, 9:41 am": a moment as UK clocks showed it (Start Date in Recover a form). */
export function ukDateTime(when: Date, lang: Language): string {
  return new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' }).format(when);
}
