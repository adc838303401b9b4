import type { Language } from './index.js';

const locale = (lang: Language) => (lang === 'cy' ? 'cy-GB' : 'en-GB');

/** Formats are made once per kind and language: making one costs ~50 µs, a list of 200 drafts would pay it 200 times. */
const formats = new Map<string, Intl.DateTimeFormat>();
function format(key: string, lang: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${key}:${lang}`;
  let made = formats.get(id);
  if (!made) formats.set(id, (made = new Intl.DateTimeFormat(locale(lang), options)));
  return made;
}

/** "26 November 2026" (Welsh month names in Welsh) for a calendar day: a Date at UTC midnight or "YYYY-MM-DD". */
export function longDate(day: Date | string, lang: Language): string {
  const date = typeof day === 'string' ? new Date(`${day.slice(0, 10)}T00:00:00Z`) : day;
  if (Number.isNaN(date.getTime())) return String(day);
  return format('long', lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** "01/06/2022": the day a moment fell on in the UK. */
export function shortDate(when: Date): string {
  return format('short', 'en', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/London' }).format(when);
}

/** "16 Aug 2021, 9:41 am": a moment as UK clocks showed it (Start Date in Recover a form). */
export function ukDateTime(when: Date, lang: Language): string {
  return format('dateTime', lang, { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' }).format(when);
}

/** "26 November 2026" (Welsh month names in Welsh): the UK day a moment fell on. */
export function ukDay(when: Date, lang: Language): string {
  return format('ukDay', lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(when);
}

/** "14:05": the UK time of a moment. */
export function ukTime(when: Date, lang: Language): string {
  return format('ukTime', lang, { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }).format(when);
}

/** "26 November 2026 at 14:05" in the page language, UK time. */
export function formatDateTime(value: Date, lang: Language): string {
  return format('longDateTime', lang, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }).format(value);
}
