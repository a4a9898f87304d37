/** Users, their organizations, API tokens and password resets. */
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import type { Language } from '../i18n';
import { apiTokens, passwordResets, sessions, userOrganizations, users } from './schema';

/** Someone a mail goes to, in the language they read. */
export interface Recipient {
  email: string;
  language: Language;
}

export type UserRow = typeof users.$inferSelect;
export type UserWithOrganizations = UserRow & { organizations: string[] };

async function withOrganizations(db: Db, rows: UserRow[]): Promise<UserWithOrganizations[]> {
  if (rows.length === 0) return [];
  const links = await db.select().from(userOrganizations).where(inArray(userOrganizations.userId, rows.map((r) => r.id)));
  return rows.map((r) => ({ ...r, organizations: links.filter((l) => l.userId === r.id).map((l) => l.organizationId) }));
}

export async function userByEmail(db: Db, email: string): Promise<UserWithOrganizations | undefined> {
  const rows = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return (await withOrganizations(db, rows))[0];
}

export async function userById(db: Db, id: string): Promise<UserWithOrganizations | undefined> {
  const rows = await db.select().from(users).where(eq(users.id, id));
  return (await withOrganizations(db, rows))[0];
}

export async function listUsers(db: Db): Promise<UserWithOrganizations[]> {
  return withOrganizations(db, await db.select().from(users).orderBy(asc(users.email)));
}

export async function countAdmins(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(sql`'admin' = any(${users.roles})`);
  return row?.n ?? 0;
}

export async function insertUser(db: Db, row: typeof users.$inferInsert): Promise<UserRow> {
  const [out] = await db.insert(users).values({ ...row, email: row.email.toLowerCase() }).returning();
  if (!out) throw new Error('insert returned no row');
  return out;
}

export async function updateUser(db: Db, id: string, set: Partial<typeof users.$inferInsert>): Promise<void> {
  await db.update(users).set({ ...set, updatedAt: sql`now()` }).where(eq(users.id, id));
}

export async function addUserOrganization(db: Db, userId: string, organizationId: string): Promise<void> {
  await db.insert(userOrganizations).values({ userId, organizationId }).onConflictDoNothing();
}

export async function setUserOrganizations(db: Db, userId: string, organizationIds: string[]): Promise<void> {
  await db.delete(userOrganizations).where(eq(userOrganizations.userId, userId));
  // An id named twice is one link (the pair is the table's key).
  const distinct = [...new Set(organizationIds)];
  if (distinct.length > 0) await db.insert(userOrganizations).values(distinct.map((organizationId) => ({ userId, organizationId })));
}

export async function deleteSessionsOf(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

// API tokens

export async function insertToken(db: Db, userId: string, name: string | null, tokenHash: string): Promise<string> {
  const [out] = await db.insert(apiTokens).values({ userId, name, tokenHash }).returning({ id: apiTokens.id });
  if (!out) throw new Error('insert returned no row');
  return out.id;
}

export async function tokensOf(db: Db, userId: string) {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(asc(apiTokens.createdAt));
}

export async function tokenById(db: Db, id: string) {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return row;
}

/** The live token with this hash, touched as used now. */
export async function useToken(db: Db, tokenHash: string) {
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .returning();
  return row;
}

export async function revokeToken(db: Db, id: string): Promise<void> {
  await db.update(apiTokens).set({ revokedAt: sql`now()` }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
}

// Password resets

export async function insertPasswordReset(db: Db, userId: string, tokenHash: string, ttlMinutes: number): Promise<void> {
  await db.insert(passwordResets).values({ userId, tokenHash, expiresAt: sql`now() + make_interval(mins => ${ttlMinutes})` });
}

/** The account a reset token was made for, live or not. */
export async function passwordResetOwner(db: Db, tokenHash: string): Promise<string | undefined> {
  const [row] = await db.select({ userId: passwordResets.userId }).from(passwordResets).where(eq(passwordResets.tokenHash, tokenHash));
  return row?.userId;
}

/** Marks the live reset with this hash used and returns its user id (once only). */
export async function consumePasswordReset(db: Db, tokenHash: string): Promise<string | undefined> {
  const [row] = await db
    .update(passwordResets)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
    .returning({ userId: passwordResets.userId });
  return row?.userId;
}

/** Locks the account's row until the transaction ends, so changes of its password happen one at a time. */
export async function lockUser(db: Db, userId: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, userId)).for('update');
  return row;
}

/** Ends every way into the account: its sessions, its API tokens and its reset links not yet used. Call it with the account locked. */
export async function endAccessOf(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
  await db.update(apiTokens).set({ revokedAt: sql`now()` }).where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
  await db.update(passwordResets).set({ usedAt: sql`now()` }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}

/** The live accounts among these ids, as mail recipients (disabled accounts get no mail). */
export async function recipientsByIds(db: Db, ids: string[]): Promise<Recipient[]> {
  if (ids.length === 0) return [];
  return db
    .select({ email: users.email, language: users.language })
    .from(users)
    .where(and(inArray(users.id, ids), isNull(users.disabledAt)));
}

/** One live account as a mail recipient. */
export async function recipientById(db: Db, id: string): Promise<Recipient | undefined> {
  return (await recipientsByIds(db, [id]))[0];
}

/** The editors of an organization, as mail recipients. */
export async function editorRecipientsOf(db: Db, organizationId: string): Promise<Recipient[]> {
  return db
    .select({ email: users.email, language: users.language })
    .from(userOrganizations)
    .innerJoin(users, eq(users.id, userOrganizations.userId))
    .where(and(eq(userOrganizations.organizationId, organizationId), isNull(users.disabledAt)))
    .orderBy(asc(users.email));
}

/** The operators and admins, as mail recipients: the network's secretariat. */
export async function staffRecipients(db: Db): Promise<Recipient[]> {
  return db
    .select({ email: users.email, language: users.language })
    .from(users)
    .where(and(isNull(users.disabledAt), sql`${users.roles} && array['operator', 'admin']::text[]`))
    .orderBy(asc(users.email));
}
