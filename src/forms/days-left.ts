/**
 * How long a draft is kept, in the UK's calendar (Europe/London): a draft
 * started on 14 September with 30 draft days can be worked on until the end of
 * 13 October (day 30) and is deleted at midnight. "Days Left" counts the days
 * it can still be worked on, today included: 30 on the start day, 1 on the last.
 */

const DAY = 86_400_000;
const ukDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const ukTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A calendar day as a count of days since 1970-01-01 (no time zone). */
type DayNumber = number;

function parts(format: Intl.DateTimeFormat, instant: Date): Record<string, number> {
  return Object.fromEntries(format.formatToParts(instant).filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]));
}

/** The UK calendar day of an instant. */
export function ukDay(instant: Date): DayNumber {
  const p = parts(ukDate, instant);
  return Math.round(Date.UTC(p.year!, p.month! - 1, p.day!) / DAY);
}

/** "2026-10-13" for a day number. */
export const isoDay = (day: DayNumber): string => new Date(day * DAY).toISOString().slice(0, 10);

/** The instant UK midnight starts `day` (00:00 GMT or BST). */
export function ukMidnight(day: DayNumber): Date {
  const guess = day * DAY;
  // The UK is at UTC or one hour ahead; clocks change at 01:00/02:00, never at midnight.
  const p = parts(ukTime, new Date(guess));
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return new Date(guess - (wall - guess));
}

/** When a draft started at `start` is deleted: midnight after its last day (day `draftDays`, the start day being day 1). */
export function draftExpiry(start: Date, draftDays: number): Date {
  return ukMidnight(ukDay(start) + draftDays);
}

/** The last day a draft can be worked on (UK calendar, YYYY-MM-DD). */
export function lastDay(expiresAt: Date): string {
  return isoDay(ukDay(new Date(expiresAt.getTime() - 1)));
}

/** Days left to work on a draft, today included: 1 on its last day, 0 once it has expired. */
export function daysLeft(expiresAt: Date, now: Date = new Date()): number {
  if (now.getTime() >= expiresAt.getTime()) return 0;
  return ukDay(new Date(expiresAt.getTime() - 1)) - ukDay(now) + 1;
}

/**
 * The reminder to send now, if any: the smallest of `reminderDays` (e.g. 7 and 1)
 * that the days left have reached and that has not been sent. Sending it also
 * covers the larger ones (a draft found with 1 day left gets one email, not two).
 */
export function reminderDue(expiresAt: Date, reminderDays: number[], sent: number[], now: Date = new Date()): { days: number; covers: number[] } | undefined {
  const left = daysLeft(expiresAt, now);
  if (left <= 0) return undefined;
  const reached = reminderDays.filter((d) => left <= d).sort((a, b) => a - b);
  const smallest = reached[0];
  if (smallest === undefined || sent.includes(smallest)) return undefined;
  return { days: smallest, covers: reached.filter((d) => !sent.includes(d)) };
}
