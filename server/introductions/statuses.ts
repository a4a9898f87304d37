/**
 * An introduction request's statuses and the moves the agency may make: to the next status of
 * the path (no step skipped), or to `closed-no-deal` from any open status; never back, never out
 * of a closed status. One function decides, so no route or page can disagree. `expired` is set
 * by the daily job alone (60 days without a move), never by a person.
 */
import { introductionStatuses, type IntroductionStatus } from '../db/enums';

/** The path a request follows, in order. */
export const path: readonly IntroductionStatus[] = ['new', 'acknowledged', 'diagnosis', 'partner-proposed', 'negotiating', 'partnership-concluded'];
/** The statuses a person may move a request to (the API's and the form's choices). */
export const movableStatuses = introductionStatuses.filter((s): s is Exclude<IntroductionStatus, 'expired'> => s !== 'expired');

export const closedStatuses: readonly IntroductionStatus[] = ['partnership-concluded', 'closed-no-deal', 'expired'];
export const openStatuses: readonly IntroductionStatus[] = introductionStatuses.filter((s) => !closedStatuses.includes(s));
export const isClosed = (s: IntroductionStatus) => closedStatuses.includes(s);

/** The statuses a request in `from` may move to, in order. */
export function nextStatuses(from: IntroductionStatus): IntroductionStatus[] {
  if (isClosed(from)) return [];
  const next = path[path.indexOf(from) + 1];
  return next ? [next, 'closed-no-deal'] : ['closed-no-deal'];
}

export type Move = { ok: true } | { ok: false; reason: 'closed' | 'backwards' | 'skips' | 'same' };

export function checkMove(from: IntroductionStatus, to: IntroductionStatus): Move {
  if (isClosed(from)) return { ok: false, reason: 'closed' };
  if (from === to) return { ok: false, reason: 'same' };
  if (nextStatuses(from).includes(to)) return { ok: true };
  return path.indexOf(to) > path.indexOf(from) ? { ok: false, reason: 'skips' } : { ok: false, reason: 'backwards' };
}

/** Requests still `new` after this many days are reminded to the agency's editors. */
export const REMIND_AFTER_DAYS = 7;
/** Requests still `new` after this many days are flagged to operators. */
export const FLAG_AFTER_DAYS = 14;
/** Open requests without a move (a status change) for this many days are closed as `expired`. */
export const EXPIRE_AFTER_DAYS = 60;
/** Both sides are asked how the contact went this many months after a request closed. */
export const FOLLOW_UP_AFTER_MONTHS = 6;
