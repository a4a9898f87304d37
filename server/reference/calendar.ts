/**
 * Date checks against the time of the request. The directory's readers live from UTC−12 to
 * UTC+14, so "today" and "this year" are taken as wide as any of them may see it: a follow-up
 * set for the reader's own today is never refused as past, and a case from the reader's own
 * new year is never refused as future. `now` is a parameter so tests fix the clock.
 */

const HOUR = 3_600_000;

/** The latest year any reader can be living in at `now` (the calendar at UTC+14). */
export const latestYear = (now: Date = new Date()): number => new Date(now.getTime() + 14 * HOUR).getUTCFullYear();

/** The earliest date any reader can be living on at `now` (the calendar at UTC−12), as YYYY-MM-DD. */
export const earliestToday = (now: Date = new Date()): string => new Date(now.getTime() - 12 * HOUR).toISOString().slice(0, 10);

/** A case year after every reader's current year. */
export const isFutureYear = (year: number, now: Date = new Date()): boolean => year > latestYear(now);

/** A YYYY-MM-DD date before every reader's today. */
export const isPastDate = (date: string, now: Date = new Date()): boolean => date < earliestToday(now);
