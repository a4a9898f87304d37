/**
 * The vocabularies of stored records that no reference data set owns. The schema types its
 * text columns with them (`$type`), and the input schemas build their enums from the same
 * arrays, so a value the API accepts is a value the column's type names. The vocabularies of
 * DESIGN.md (kinds, directions, statuses of programmes, publication states) live with the
 * reference data in `reference/vocabularies.ts`.
 */

/** The kinds of directory entry: provenance, identifiers and the duplicates queue name them. */
export const entityTypes = ['organization', 'programme', 'case'] as const;
export type EntityType = (typeof entityTypes)[number];

/** Roles a user may hold; an agency editor's organizations are listed apart. */
export const roles = ['admin', 'operator', 'agency-editor', 'firm'] as const;
export type Role = (typeof roles)[number];

/**
 * An introduction request's statuses: its path from `new` to `partnership-concluded` (in that
 * order), `closed-no-deal` (from any open status) and `expired` (set by the daily job alone).
 * Which moves are allowed is decided in `introductions/statuses.ts`.
 */
export const introductionStatuses = ['new', 'acknowledged', 'diagnosis', 'partner-proposed', 'negotiating', 'partnership-concluded', 'closed-no-deal', 'expired'] as const;
export type IntroductionStatus = (typeof introductionStatuses)[number];

/** How a closed request went, as each side tells it. */
export const outcomes = ['did-not-take-place', 'not-enough-interest', 'useful-no-cooperation', 'cooperation-likely', 'partnership-concluded'] as const;
export type Outcome = (typeof outcomes)[number];

/** The six-month question's answers, from least to most. */
export const followUpAnswers = ['no-further-contact', 'useful-contact', 'negotiation-started', 'agreement-reached'] as const;
export type FollowUpAnswer = (typeof followUpAnswers)[number];

/** Which side of a request a user speaks for: the firm that sent it, or the agency it went to. */
export const sides = ['firm', 'agency'] as const;
export type Side = (typeof sides)[number];

/** An agency's claim of an entry a feed brought: waiting for an operator, then decided. */
export const claimStatuses = ['pending', 'verified', 'rejected'] as const;
export type ClaimStatus = (typeof claimStatuses)[number];

/** A pair in the duplicates queue: waiting for an operator, or decided one way or the other. */
export const reviewStatuses = ['open', 'merged', 'kept-apart'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** When operators are mailed about a source's runs. */
export const notifyChoices = ['on-error', 'every-run', 'never'] as const;
export type NotifyChoice = (typeof notifyChoices)[number];

/** What an operator decided about the withdrawals a run's safety stop held back. */
export const withdrawalsDecisions = ['confirmed', 'dismissed'] as const;
export type WithdrawalsDecision = (typeof withdrawalsDecisions)[number];

/** How often a saved search's alert is mailed. */
export const frequencies = ['weekly', 'monthly'] as const;
export type Frequency = (typeof frequencies)[number];

/** A sync run's statuses. Which moves between them are allowed, and who makes them, is decided in `jobs/run-state.ts`. */
export const runStatuses = ['queued', 'running', 'succeeded', 'partial', 'failed', 'skipped'] as const;
export type RunStatus = (typeof runStatuses)[number];

/** What started a run: an operator (console, API or CLI) or the scheduler. */
export const runTriggers = ['manual', 'schedule'] as const;
export type RunTrigger = (typeof runTriggers)[number];
