/** Updates of directory entries: every write moves updatedAt and takes a new change number. */
import { and, eq, sql } from 'drizzle-orm';
import type { Database, Db } from './client';
import type { ClaimStatus } from './enums';
import type { Recipient } from './users';
import { caseOrganizations, cases, claims, organizations, programmeOperators, programmes } from './schema';

/** What every write to an entry sets: it changed now, in this transaction, with the next change number. */
export const touched = { updatedAt: sql`now()`, changeSeq: sql`nextval('change_seq')`, changeXid: sql`pg_current_xact_id()` };

export type OrganizationChanges = Partial<typeof organizations.$inferInsert>;
export type ProgrammeChanges = Partial<typeof programmes.$inferInsert>;
export type CaseChanges = Partial<typeof cases.$inferInsert>;

export async function updateOrganization(db: Db, id: string, set: OrganizationChanges): Promise<void> {
  await db.update(organizations).set({ ...set, ...touched }).where(eq(organizations.id, id));
}

export async function updateProgramme(db: Db, id: string, set: ProgrammeChanges, operators?: string[]): Promise<void> {
  await db.update(programmes).set({ ...set, ...touched }).where(eq(programmes.id, id));
  if (operators) {
    // An operator that leaves changes too: the search index lists it by the programmes it runs,
    // and once its link is gone, only its own change number tells the index to read it again.
    await db
      .update(organizations)
      .set(touched)
      .where(
        sql`${organizations.id} in (select organization_id from programme_operators where programme_id = ${id}) and not (${organizations.id} = any(${sql.param(operators)}::uuid[]))`,
      );
    await db.delete(programmeOperators).where(eq(programmeOperators.programmeId, id));
    if (operators.length) await db.insert(programmeOperators).values(operators.map((organizationId, position) => ({ programmeId: id, organizationId, position })));
  }
}

export async function updateCase(db: Db, id: string, set: CaseChanges, organizationIds?: string[]): Promise<void> {
  await db.update(cases).set({ ...set, ...touched }).where(eq(cases.id, id));
  if (organizationIds) {
    await db.delete(caseOrganizations).where(eq(caseOrganizations.caseId, id));
    if (organizationIds.length) await db.insert(caseOrganizations).values(organizationIds.map((organizationId) => ({ caseId: id, organizationId })));
  }
}

/**
 * Gives the live programmes an organization runs and the live cases that name it a new change
 * number: when its approval shows or hides them, the changes feed carries them then, so peers
 * receive them (or their tombstones) and cached lists go stale.
 */
export async function touchEntriesOf(db: Db, organizationId: string): Promise<void> {
  await db
    .update(programmes)
    .set(touched)
    .where(sql`${programmes.deletedAt} is null and ${programmes.id} in (select programme_id from programme_operators where organization_id = ${organizationId})`);
  await db
    .update(cases)
    .set(touched)
    .where(sql`${cases.deletedAt} is null and ${cases.id} in (select case_id from case_organizations where organization_id = ${organizationId})`);
}

export type ClaimRow = typeof claims.$inferSelect;

export async function insertClaim(db: Db, organizationId: string, userId: string, message: string | null): Promise<ClaimRow> {
  const [row] = await db.insert(claims).values({ organizationId, userId, message }).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function claimById(db: Db, id: string): Promise<ClaimRow | undefined> {
  const [row] = await db.select().from(claims).where(eq(claims.id, id));
  return row;
}

export async function pendingClaim(db: Db, organizationId: string, userId: string): Promise<ClaimRow | undefined> {
  const [row] = await db
    .select()
    .from(claims)
    .where(and(eq(claims.organizationId, organizationId), eq(claims.userId, userId), eq(claims.status, 'pending')));
  return row;
}

export async function listClaims(db: Db, status: ClaimStatus | undefined): Promise<ClaimRow[]> {
  return db.select().from(claims).where(status ? eq(claims.status, status) : undefined).orderBy(claims.createdAt);
}

export async function decideClaim(db: Db, id: string, status: Exclude<ClaimStatus, 'pending'>, decidedBy: string, reason: string | null): Promise<void> {
  await db.update(claims).set({ status, decidedBy, reason, decidedAt: sql`now()` }).where(eq(claims.id, id));
}

export interface StaleEntry {
  id: string;
  name: string;
  confirmedAt: Date;
  /** Its editors, each with the language their mail is written in. */
  editors: Recipient[];
}

/** Published organizations not confirmed for `months`, not reminded since their last confirmation or for a month, with their editors' e-mails. */
export async function organizationsToRemind(database: Database, months: number): Promise<StaleEntry[]> {
  const rows = await database.rows<{ id: string; name: string; confirmedAt: string | Date; editors: Recipient[] }>(sql`
    select o.id, o.name, o.confirmed_at as "confirmedAt",
      coalesce(json_agg(json_build_object('email', u.email, 'language', u.language) order by u.email) filter (where u.email is not null), '[]') as editors
    from organizations o
    left join user_organizations uo on uo.organization_id = o.id
    left join users u on u.id = uo.user_id and u.disabled_at is null
    where o.state = 'published' and o.deleted_at is null
      and o.confirmed_at < now() - make_interval(months => ${months})
      and (o.reminded_at is null or o.reminded_at < greatest(o.confirmed_at, now() - interval '1 month'))
    group by o.id`);
  return rows.map((r) => ({ ...r, confirmedAt: new Date(r.confirmedAt) }));
}

/** Marks reminders sent without touching updatedAt or the change number: nothing public changed. */
export async function markReminded(db: Db, ids: string[]): Promise<void> {
  if (ids.length) await db.update(organizations).set({ remindedAt: sql`now()` }).where(sql`${organizations.id} = any(${`{${ids.join(',')}}`}::uuid[])`);
}
