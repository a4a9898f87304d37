/** The mail outbox and the audit log. */
import { and, desc, eq, gte, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { auditLog, mailOutbox } from './schema';

export type MailRow = typeof mailOutbox.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;

export async function queueMail(db: Db, mail: { to: string; subject: string; text: string; kind: string }): Promise<string> {
  const [row] = await db.insert(mailOutbox).values(mail).returning({ id: mailOutbox.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function markMail(db: Db, id: string, result: { sentAt: Date } | { error: string }): Promise<void> {
  await db.update(mailOutbox).set(result).where(eq(mailOutbox.id, id));
}

export async function listMail(db: Db, filter: { to?: string; kind?: string }, limit: number): Promise<MailRow[]> {
  const where: SQL[] = [];
  if (filter.to) where.push(eq(mailOutbox.to, filter.to.toLowerCase()));
  if (filter.kind) where.push(eq(mailOutbox.kind, filter.kind));
  return db.select().from(mailOutbox).where(and(...where)).orderBy(desc(mailOutbox.createdAt)).limit(limit);
}

export interface AuditEntry {
  actorId: string | null;
  tokenId?: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({ ...entry, before: entry.before ?? null, after: entry.after ?? null });
}

export async function listAudit(db: Db, filter: { entityType?: string; entityId?: string; actorId?: string; since?: Date }, limit: number): Promise<AuditRow[]> {
  const where: SQL[] = [];
  if (filter.entityType) where.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) where.push(eq(auditLog.entityId, filter.entityId));
  if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId));
  if (filter.since) where.push(gte(auditLog.at, filter.since));
  return db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.id)).limit(limit);
}

