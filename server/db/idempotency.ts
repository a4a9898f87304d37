/** Reserved and answered POSTs (API Idempotency-Key, page form tokens): see `idempotencyKeys` in the schema. */
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { idempotencyKeys } from './schema';

/** How long an answer is kept and replayed. */
export const LIFETIME_HOURS = 24;
/** A reservation whose request never answered (the process died) is taken over after this. */
const STALE_MINUTES = 5;

export interface KeyClaim {
  scope: string;
  key: string;
  userId: string | null;
  route: string;
  bodyHash: string;
}

export interface KeyRow {
  route: string;
  bodyHash: string;
  /** Null while the first request runs. */
  status: number | null;
  response: unknown;
}

/**
 * Reserves the key for this request in one statement: a new key, or one whose answer expired
 * or whose request died, is taken (true); otherwise the row as it stands is returned, or
 * undefined when it vanished in between (its request failed and let it go: try again).
 */
export async function reserveKey(db: Db, c: KeyClaim): Promise<true | KeyRow | undefined> {
  const t = idempotencyKeys;
  const taken = await db
    .insert(t)
    .values({ scope: c.scope, key: c.key, userId: c.userId, route: c.route, bodyHash: c.bodyHash })
    .onConflictDoUpdate({
      target: [t.scope, t.key],
      set: { userId: c.userId, route: c.route, bodyHash: c.bodyHash, status: null, response: null, createdAt: sql`now()` },
      setWhere: sql`${t.createdAt} < now() - make_interval(hours => ${LIFETIME_HOURS}) or (${t.status} is null and ${t.createdAt} < now() - make_interval(mins => ${STALE_MINUTES}))`,
    })
    .returning({ key: t.key });
  if (taken.length > 0) return true;
  const [row] = await db.select({ route: t.route, bodyHash: t.bodyHash, status: t.status, response: t.response }).from(t).where(and(eq(t.scope, c.scope), eq(t.key, c.key)));
  return row;
}

/** Keeps the first request's answer for the repeats. */
export async function answerKey(db: Db, scope: string, key: string, status: number, response: unknown): Promise<void> {
  await db.update(idempotencyKeys).set({ status, response }).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
}

/** Lets the key go while unanswered (the request failed or stored nothing): a repeat runs again. */
export async function releaseKey(db: Db, scope: string, key: string): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), isNull(idempotencyKeys.status)));
}

/** Forgets answers older than their lifetime (the scheduler's hourly prune). */
export async function pruneKeys(db: Db): Promise<number> {
  const gone = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${LIFETIME_HOURS})`)).returning({ key: idempotencyKeys.key });
  return gone.length;
}
