/**
 * The introduction loop's clock: requests reminded, expired and asked about six months on. Each
 * marker is set by one atomic update that returns the rows it changed, so a second instance or
 * a re-run finds nothing left to do and mails nobody twice.
 */
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import type { FollowUpAnswer, IntroductionStatus, Side } from './enums';
import { rowsOf } from './client';
import { introductionFollowUps, introductions } from './schema';

/** Marks the requests still `new` since before `before` whose agency was not reminded yet; returns them. */
export async function markAgencyReminded(db: Db, before: Date, now: Date): Promise<{ id: string }[]> {
  return db
    .update(introductions)
    .set({ agencyRemindedAt: now })
    .where(and(eq(introductions.status, 'new'), isNull(introductions.agencyRemindedAt), lt(introductions.createdAt, before)))
    .returning({ id: introductions.id });
}

/**
 * Open requests with no move (no status change, the first `new` included) since before `before`,
 * locked for the caller's transaction; rows another transaction holds are left for the next run.
 */
export async function lockExpirable(db: Db, open: readonly IntroductionStatus[], before: Date): Promise<{ id: string; status: IntroductionStatus }[]> {
  return rowsOf<{ id: string; status: IntroductionStatus }>(
    db,
    sql`select i.id, i.status from introductions i
        where i.status in (${sql.join(
          open.map((s) => sql`${s}`),
          sql`, `,
        )}) and i.created_at < ${before.toISOString()}
          and not exists (select 1 from introduction_events e where e.introduction_id = i.id and e.at >= ${before.toISOString()})
        order by i.created_at
        for update of i skip locked`,
  );
}

/** Marks the requests closed before `before` that were not asked yet; returns them. */
export async function markFollowUpAsked(db: Db, before: Date, now: Date): Promise<{ id: string }[]> {
  return db
    .update(introductions)
    .set({ followUpAskedAt: now })
    .where(and(isNull(introductions.followUpAskedAt), lt(introductions.closedAt, before)))
    .returning({ id: introductions.id });
}

export async function insertFollowUp(db: Db, row: { introductionId: string; side: Side; tokenHash: string }): Promise<void> {
  await db.insert(introductionFollowUps).values(row).onConflictDoNothing();
}

export type FollowUpRow = typeof introductionFollowUps.$inferSelect;

export async function followUpByToken(db: Db, tokenHash: string): Promise<FollowUpRow | undefined> {
  const [row] = await db.select().from(introductionFollowUps).where(eq(introductionFollowUps.tokenHash, tokenHash));
  return row;
}

/** Records (or changes) one side's answer; false when the token is unknown. */
export async function answerFollowUp(db: Db, tokenHash: string, introductionId: string, answer: FollowUpAnswer, now: Date): Promise<boolean> {
  const saved = await db
    .update(introductionFollowUps)
    .set({ answer, answeredAt: now })
    .where(and(eq(introductionFollowUps.tokenHash, tokenHash), eq(introductionFollowUps.introductionId, introductionId)))
    .returning({ side: introductionFollowUps.side });
  return saved.length > 0;
}

/** How many answers each value got six months on, one per side of a request. */
export async function followUpCounts(db: Db, answers: readonly FollowUpAnswer[]): Promise<{ value: string; count: number }[]> {
  const rows = await db
    .select({ value: introductionFollowUps.answer, count: sql<string | number>`count(*)` })
    .from(introductionFollowUps)
    .where(inArray(introductionFollowUps.answer, [...answers]))
    .groupBy(introductionFollowUps.answer);
  return rows.map((r) => ({ value: String(r.value), count: Number(r.count) }));
}
