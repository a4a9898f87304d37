/**
 * An introduction request's statuses and the moves the agency may make: to the next status of
 * the path (no step skipped), or to `closed-no-deal` from any open status; never back, never out
 * of a closed status. One function decides, so no route or page can disagree. `expired` is set
 * by the daily job alone (60 days without a move), never by a person.
 */
export const path = ['new', 'acknowledged', 'diagnosis', 'partner-proposed', 'negotiating', 'partnership-concluded'] as const;
/** The statuses a person may move a request to (the API's and the form's choices). */
export const movableStatuses = [...path, 'closed-no-deal'] as const;
export const statuses = [...movableStatuses, 'expired'] as const;
export type Status = (typeof statuses)[number];

export const closedStatuses: readonly Status[] = ['partnership-concluded', 'closed-no-deal', 'expired'];
export const openStatuses: readonly Status[] = statuses.filter((s) => !closedStatuses.includes(s));
export const isClosed = (s: Status) => closedStatuses.includes(s);

/** The statuses a request in `from` may move to, in order. */
export function nextStatuses(from: Status): Status[] {
  if (isClosed(from)) return [];
  const at = path.indexOf(from as (typeof path)[number]);
  const next = path[at + 1];
  return next ? [next, 'closed-no-deal'] : ['closed-no-deal'];
}

export type Move = { ok: true } | { ok: false; reason: 'closed' | 'backwards' | 'skips' | 'same' };

export function checkMove(from: Status, to: Status): Move {
  if (isClosed(from)) return { ok: false, reason: 'closed' };
  if (from === to) return { ok: false, reason: 'same' };
  if (nextStatuses(from).includes(to)) return { ok: true };
  return path.indexOf(to as (typeof path)[number]) > path.indexOf(from as (typeof path)[number]) ? { ok: false, reason: 'skips' } : { ok: false, reason: 'backwards' };
}

export const outcomes = ['did-not-take-place', 'not-enough-interest', 'useful-no-cooperation', 'cooperation-likely', 'partnership-concluded'] as const;
export type Outcome = (typeof outcomes)[number];

/** Which side of a request a user speaks for: the firm that sent it, or the agency it went to. */
export type Side = 'firm' | 'agency';

/** Requests still `new` after this many days are reminded to the agency's editors. */
export const REMIND_AFTER_DAYS = 7;
/** Requests still `new` after this many days are flagged to operators. */
export const FLAG_AFTER_DAYS = 14;
/** Open requests without a move (a status change) for this many days are closed as `expired`. */
export const EXPIRE_AFTER_DAYS = 60;
/** Both sides are asked how the contact went this many months after a request closed. */
export const FOLLOW_UP_AFTER_MONTHS = 6;

/** The six-month question's answers, from least to most. */
export const followUpAnswers = ['no-further-contact', 'useful-contact', 'negotiation-started', 'agreement-reached'] as const;
export type FollowUpAnswer = (typeof followUpAnswers)[number];
