/**
 * Takes a readiness check: scores the answers, finds help for each gap, and keeps the result
 * for a signed-in user (an anonymous visitor gets it computed, not saved).
 */
import type { AppContext } from '../context';
import { assessmentById, assessmentsOf, insertAssessment, type AssessmentRow } from '../db/readiness';
import { readsAssessment } from '../auth/permissions';
import type { CurrentUser } from '../auth/roles';
import { compare, score, type Answers, type Scores } from './scoring';
import { helpForGaps, type GapHelp } from './suggestions';
import { criteria, GAP_BELOW, type Criterion } from './questions';

export interface Assessment {
  /** null when the check was taken without signing in, and so not saved. */
  id: string | null;
  createdAt: Date;
  country: string | null;
  answers: Answers;
  scores: Scores;
  overall: number;
  help: GapHelp[];
}

export interface AssessProps {
  answers: Answers;
  /** The firm's country (alpha-2): offers working there come first. */
  country?: string;
  user?: CurrentUser;
}

export async function assess(ctx: AppContext, { answers, country, user }: AssessProps): Promise<Assessment> {
  const { scores, overall, gaps } = score(answers);
  const help = await helpForGaps(ctx, gaps, country);
  if (!user) return { id: null, createdAt: new Date(), country: country ?? null, answers, scores, overall, help };
  const row = await insertAssessment(ctx.database.db, { userId: user.id, answers, scores, overall, country: country ?? null });
  return { id: row.id, createdAt: row.createdAt, country: row.country, answers, scores, overall, help };
}

/** The gaps of saved scores, weakest first (as `score` orders them). */
const gapsOf = (scores: Scores): Criterion[] =>
  criteria.filter((c) => (scores[c] ?? 0) < GAP_BELOW).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0) || criteria.indexOf(a) - criteria.indexOf(b));

/** A saved assessment with today's offers for its gaps; undefined for someone else's (unless staff). */
export async function savedAssessment(ctx: AppContext, user: CurrentUser, id: string): Promise<Assessment | undefined> {
  const row = await assessmentById(ctx.database.db, id);
  if (!row || !readsAssessment(user, row.userId)) return undefined;
  const scores = row.scores as Scores;
  const help = await helpForGaps(ctx, gapsOf(scores), row.country ?? undefined);
  return { id: row.id, createdAt: row.createdAt, country: row.country, answers: row.answers as Answers, scores, overall: row.overall, help };
}

export interface History {
  items: AssessmentRow[];
  /** The latest result against the one before it; null with fewer than two. */
  comparison: (ReturnType<typeof compare> & { from: string; to: string }) | null;
}

export async function historyOf(ctx: AppContext, user: CurrentUser): Promise<History> {
  const items = await assessmentsOf(ctx.database.db, user.id);
  const [latest, previous] = items;
  const comparison = latest && previous ? { from: previous.id, to: latest.id, ...compare(previous, latest) } : null;
  return { items, comparison };
}
