/** The duplicates review queue: operators merge a doubtful pair or keep it apart, for good. */
import type { AppContext } from '../context';
import { organizationsByIds, programmesByIds } from '../db/entries';
import { listReviews, mergeEntries, retargetOpenReviews, reviewById, setReviewStatus, type ReviewRow } from '../db/matching';
import { writeAudit } from '../db/outbox';
import { conflict, gone, notFound } from '../errors';
import { auditActor, type Actor } from './actor';

type Ctx = Pick<AppContext, 'database'>;

interface Side {
  id: string;
  name: string;
  country: string | null;
  website: string | null;
  networks: string[];
  deleted: boolean;
}

/** The reviews with `status`, each with the two entries side by side. */
export async function listDuplicates(ctx: Ctx, status: 'open' | 'merged' | 'kept-apart', limit: number) {
  const db = ctx.database.db;
  const rows = await listReviews(db, status, limit);
  const ids = (type: string) => [...new Set(rows.filter((r) => r.entityType === type).flatMap((r) => [r.entityId, r.candidateId]))];
  const sides = new Map<string, Side>();
  for (const o of await organizationsByIds(db, ids('organization'))) {
    sides.set(o.id, { id: o.id, name: o.name, country: o.country, website: o.website, networks: o.networks, deleted: !!o.deletedAt });
  }
  for (const p of await programmesByIds(db, ids('programme'))) {
    sides.set(p.id, { id: p.id, name: p.name, country: null, website: p.website, networks: [], deleted: !!p.deletedAt });
  }
  return rows.map((r) => presentReview(r, sides));
}

const presentReview = (r: ReviewRow, sides: Map<string, Side>) => ({
  id: r.id,
  type: r.entityType,
  status: r.status,
  score: Math.round(r.score * 100) / 100,
  reason: r.reason,
  source: r.sourceId,
  externalId: r.externalId,
  /** The entry the record went into, kept apart until an operator decides. */
  entry: sides.get(r.entityId) ?? null,
  /** The entry it may be the same as. */
  candidate: sides.get(r.candidateId) ?? null,
  createdAt: r.createdAt.toISOString(),
  decidedAt: r.decidedAt?.toISOString() ?? null,
});

/**
 * `merge` folds the record's entry into the candidate (provenance, identifiers, lists and
 * links move; the record's entry is deleted); `keep-apart` leaves both. Either way the
 * decision is kept with the record, so later syncs follow it.
 */
export async function decideDuplicate(ctx: Ctx, actor: Actor, id: string, decision: 'merge' | 'keep-apart'): Promise<void> {
  const db = ctx.database.db;
  const review = await reviewById(db, id);
  if (!review) throw notFound('review');
  if (review.status !== 'open') throw conflict(`This pair was already decided: ${review.status}.`);
  const type = review.entityType as 'organization' | 'programme';
  const load = type === 'organization' ? organizationsByIds : programmesByIds;
  const found = await load(db, [review.entityId, review.candidateId]);
  if (found.length < 2 || found.some((e) => e.deletedAt)) throw gone('entry of this pair');
  await db.transaction(async (tx) => {
    if (decision === 'merge') {
      await mergeEntries(tx, type, review.entityId, review.candidateId);
      // Other open reviews that named the merged-away entry now name the one it went into.
      await retargetOpenReviews(tx, review.entityId, review.candidateId);
    }
    await setReviewStatus(tx, review.id, decision === 'merge' ? 'merged' : 'kept-apart', actor.user.id);
    await writeAudit(tx, { ...auditActor(actor), action: decision, entityType: type, entityId: review.candidateId, after: { reviewId: review.id, other: review.entityId } });
  });
}
