/** Password checks reserved per key (an e-mail, an address) within a sliding window, for rate limiting across instances. */
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { rowsOf, type Db } from './client';
import { signInAttempts } from './schema';

/** `before`: the most attempts any key already had in the window. */
export type Reservation = { reserved: true; ids: number[]; before: number } | { reserved: false; oldest: Date };

/**
 * Takes one attempt for every key unless one of them already has `max` within the window.
 * The keys are locked (advisory, in a fixed order) for the count and the insert, so attempts
 * sent at once are counted one after another and never pass the limit together.
 */
export async function reserveAttempt(db: Db, keys: string[], max: number, windowMinutes: number): Promise<Reservation> {
  return db.transaction(async (tx) => {
    for (const key of [...keys].sort()) await rowsOf(tx, sql`select pg_advisory_xact_lock(hashtextextended(${`sign-in:${key}`}, 0))`);
    const rows = await tx
      .select({ n: sql<number>`count(*)::int`, oldest: sql<string>`min(${signInAttempts.at})` })
      .from(signInAttempts)
      .where(and(inArray(signInAttempts.key, keys), gt(signInAttempts.at, sql`now() - make_interval(mins => ${windowMinutes})`)))
      .groupBy(signInAttempts.key);
    const full = rows.filter((r) => r.n >= max).map((r) => new Date(r.oldest));
    if (full.length > 0) return { reserved: false, oldest: new Date(Math.max(...full.map((d) => d.getTime()))) };
    const ids = await tx.insert(signInAttempts).values(keys.map((key) => ({ key }))).returning({ id: signInAttempts.id });
    return { reserved: true, ids: ids.map((r) => r.id), before: Math.max(0, ...rows.map((r) => r.n)) };
  });
}

/** After a right password: the e-mail's failures are forgiven, and this attempt counts against no key. */
export async function forgiveAttempts(db: Db, emailKey: string, ids: number[]): Promise<void> {
  await db.delete(signInAttempts).where(eq(signInAttempts.key, emailKey));
  if (ids.length > 0) await db.delete(signInAttempts).where(inArray(signInAttempts.id, ids));
}

/** Drops attempts older than the window: they no longer count, and a stream of guesses at many e-mails must not grow the table for ever. */
export async function pruneAttempts(db: Db, windowMinutes: number): Promise<number> {
  const gone = await db.delete(signInAttempts).where(lt(signInAttempts.at, sql`now() - make_interval(mins => ${windowMinutes})`)).returning({ id: signInAttempts.id });
  return gone.length;
}
