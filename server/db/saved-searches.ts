/** Saved searches: each user's own, and the ones whose alert is due with their owner's address. */
import { and, asc, count, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from './client';
import { organizations, programmes, savedSearches, users } from './schema';
import { publicEntry } from './visibility';

export type SavedSearchRow = typeof savedSearches.$inferSelect;
export type NewSavedSearch = Pick<typeof savedSearches.$inferInsert, 'userId' | 'name' | 'query' | 'frequency' | 'lang'>;
export type DueSavedSearch = SavedSearchRow & { email: string };

export async function insertSavedSearch(db: Db, row: NewSavedSearch): Promise<SavedSearchRow> {
  const [saved] = await db.insert(savedSearches).values(row).returning();
  if (!saved) throw new Error('the saved search was not stored');
  return saved;
}

export async function countSavedSearches(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(savedSearches).where(eq(savedSearches.userId, userId));
  return row?.n ?? 0;
}

/** A user's saved searches, oldest first (the order they were made in). */
export function savedSearchesOf(db: Db, userId: string): Promise<SavedSearchRow[]> {
  return db.select().from(savedSearches).where(eq(savedSearches.userId, userId)).orderBy(asc(savedSearches.createdAt), asc(savedSearches.id));
}

/** Deletes one of the user's saved searches; false when it is unknown or someone else's. */
export async function deleteSavedSearch(db: Db, userId: string, id: string): Promise<boolean> {
  const gone = await db.delete(savedSearches).where(and(eq(savedSearches.id, id), eq(savedSearches.userId, userId))).returning({ id: savedSearches.id });
  return gone.length > 0;
}

/** Saved searches whose alert is due at `now` (weekly: 7 days after the last, monthly: 30), of users still enabled. */
export function dueSavedSearches(db: Db, now: Date): Promise<DueSavedSearch[]> {
  const daysBefore = (days: number) => new Date(now.getTime() - days * 24 * 3600 * 1000);
  return db
    .select({ ...savedSearchColumns, email: users.email })
    .from(savedSearches)
    .innerJoin(users, eq(users.id, savedSearches.userId))
    .where(
      and(
        isNull(users.disabledAt),
        or(
          and(eq(savedSearches.frequency, 'weekly'), lte(savedSearches.lastSentAt, daysBefore(7))),
          and(eq(savedSearches.frequency, 'monthly'), lte(savedSearches.lastSentAt, daysBefore(30))),
        ),
      ),
    )
    .orderBy(asc(savedSearches.lastSentAt), asc(savedSearches.id));
}

const savedSearchColumns = {
  id: savedSearches.id,
  userId: savedSearches.userId,
  name: savedSearches.name,
  query: savedSearches.query,
  frequency: savedSearches.frequency,
  lang: savedSearches.lang,
  lastSentAt: savedSearches.lastSentAt,
  createdAt: savedSearches.createdAt,
};

export async function markAlertSent(db: Db, id: string, at: Date): Promise<void> {
  await db.update(savedSearches).set({ lastSentAt: at }).where(eq(savedSearches.id, id));
}

/** Ids of the public organizations or programmes created after `since` and up to `until`. */
export async function entriesCreatedBetween(db: Db, kind: 'organization' | 'programme', since: Date, until: Date): Promise<string[]> {
  const table = kind === 'organization' ? organizations : programmes;
  const rows = await db
    .select({ id: table.id })
    .from(table)
    .where(
      and(
        publicEntry[kind](kind === 'organization' ? 'organizations' : 'programmes'),
        gt(table.createdAt, since),
        lte(table.createdAt, until),
      ),
    )
    .orderBy(sql`${table.createdAt}`);
  return rows.map((r) => r.id);
}

/** Holds the user's row until the transaction ends, so two saves at once cannot both pass the limit. */
export async function lockOwner(db: Db, userId: string): Promise<void> {
  await db.execute(sql`select id from users where id = ${userId} for update`);
}
