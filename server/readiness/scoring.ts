/** Scores a readiness check: per criterion and overall on 0-100, and the criteria that are gaps. */
import { criteria, criterionOf, GAP_BELOW, MAX_ANSWER, QUESTIONS_PER_CRITERION, questionIds, type Criterion, type QuestionId } from './questions';

export type Answers = Record<QuestionId, number>;
export type Scores = Record<Criterion, number>;

export interface Scored {
  scores: Scores;
  overall: number;
  /** Criteria under GAP_BELOW, weakest first (ties in questionnaire order). */
  gaps: Criterion[];
}

const percent = (sum: number, questions: number) => Math.round((100 * sum) / (questions * MAX_ANSWER));

export function score(answers: Answers): Scored {
  const sums = Object.fromEntries(criteria.map((c) => [c, 0])) as Scores;
  for (const q of questionIds) sums[criterionOf(q)] += answers[q];
  const scores = Object.fromEntries(criteria.map((c) => [c, percent(sums[c], QUESTIONS_PER_CRITERION)])) as Scores;
  const total = questionIds.reduce((s, q) => s + answers[q], 0);
  const gaps = criteria.filter((c) => scores[c] < GAP_BELOW).sort((a, b) => scores[a] - scores[b] || criteria.indexOf(a) - criteria.indexOf(b));
  return { scores, overall: percent(total, questionIds.length), gaps };
}

/** How each criterion moved from one result to the next. */
export type Trend = 'up' | 'down' | 'same';

export interface Change {
  criterion: Criterion;
  before: number;
  after: number;
  change: number;
  trend: Trend;
}

const trendOf = (change: number): Trend => (change > 0 ? 'up' : change < 0 ? 'down' : 'same');

/** A result as saved: scores keyed by criterion id (a saved one may predate a criterion). */
export type Saved = { scores: Partial<Record<string, number>>; overall: number };

/** Compares an earlier result with a later one, per criterion and overall. */
export function compare(before: Saved, after: Saved): { criteria: Change[]; overall: Omit<Change, 'criterion'> } {
  const change = (b: number, a: number) => ({ before: b, after: a, change: a - b, trend: trendOf(a - b) });
  return {
    criteria: criteria.map((c) => ({ criterion: c, ...change(before.scores[c] ?? 0, after.scores[c] ?? 0) })),
    overall: change(before.overall, after.overall),
  };
}
