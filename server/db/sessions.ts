/** Rows of express-session's store. */
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { sessions } from './schema';

export async function readSession(db: Db, sid: string): Promise<unknown> {
  const [row] = await db.select({ data: sessions.data }).from(sessions).where(and(eq(sessions.sid, sid), gt(sessions.expiresAt, sql`now()`)));
  return row?.data;
}

export async function writeSession(db: Db, sid: string, data: unknown, userId: string | null, expiresAt: Date): Promise<void> {
  await db
    .insert(sessions)
    .values({ sid, data, userId, expiresAt })
    .onConflictDoUpdate({ target: sessions.sid, set: { data, userId, expiresAt } });
}

export async function touchSession(db: Db, sid: string, expiresAt: Date): Promise<void> {
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.sid, sid));
}

export async function destroySession(db: Db, sid: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.sid, sid));
}

export async function pruneSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
}
