/**
 * Matching a record new to a source with the entries other sources (or agencies) brought.
 * The same website, or an identifier of the same scheme, is the same body; a name at least
 * 0.6 similar is too, unless the two websites disagree. A doubtful pair (websites that
 * disagree, or a name between 0.5 and 0.6 similar) is kept apart and sent to the review
 * queue; an operator's decision on a record, merge or keep apart, is followed from then on.
 */
import { similarity, trigrams, type Trigrams } from './similarity';

/** Names at least this similar are the same body (CONTRACT.md). */
export const SAME_NAME = 0.6;
/** Names at least this similar, but under SAME_NAME, are worth an operator's look. */
export const DOUBTFUL_NAME = 0.5;

export interface Candidate {
  id: string;
  name: Trigrams;
  websiteKey: string | null;
}

export interface Decisions {
  /** The entry an operator merged this record into. */
  mergedInto?: string;
  /** Entries an operator kept apart from this record, or whose review is still open. */
  apart: Set<string>;
}

export type Match =
  | { kind: 'same'; entityId: string; reason: string }
  | { kind: 'doubtful'; candidateId: string; score: number; reason: string }
  | { kind: 'none' };

const pct = (score: number) => score.toFixed(2);

/** Decides for one record among the candidates of its country (or countries). */
export function decide(record: { name: string; websiteKey: string | null }, candidates: Iterable<Candidate>, apart: Set<string>): Match {
  const name = trigrams(record.name);
  let best: Candidate | undefined;
  let bestScore = 0;
  for (const c of candidates) {
    if (apart.has(c.id)) continue;
    if (record.websiteKey && c.websiteKey === record.websiteKey) return { kind: 'same', entityId: c.id, reason: `same website ${record.websiteKey}` };
    const score = similarity(name, c.name);
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  if (!best || bestScore < DOUBTFUL_NAME) return { kind: 'none' };
  const websitesDisagree = !!record.websiteKey && !!best.websiteKey && best.websiteKey !== record.websiteKey;
  if (bestScore >= SAME_NAME && !websitesDisagree) return { kind: 'same', entityId: best.id, reason: `names ${pct(bestScore)} similar` };
  const reason = websitesDisagree
    ? `names ${pct(bestScore)} similar, but the websites differ (${record.websiteKey}, ${best.websiteKey})`
    : `names ${pct(bestScore)} similar, under the ${SAME_NAME} that merges by itself`;
  return { kind: 'doubtful', candidateId: best.id, score: bestScore, reason };
}

export const candidate = (id: string, name: string, websiteKey: string | null): Candidate => ({ id, name: trigrams(name), websiteKey });
