/** Introduction requests, their history and outcomes: plain typed rows, nothing decided here. */
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Language } from '../i18n';
import type { Db } from './client';
import type { IntroductionStatus } from './enums';
import { rowsOf } from './client';
import { maintainedSql } from './introduction-people';
import { introductionEvents, introductionOutcomes, introductions, organizations, programmeOperators, programmes, users } from './schema';
import { programmeHeld } from './visibility';

/** A request with what its readers see of it: the target's name, who asks (the firm's details) and whether an agency maintains the target. */
export type IntroductionRow = typeof introductions.$inferSelect & {
  targetName: string | null;
  firmEmail: string | null;
  firmName: string | null;
  firmCompany: string | null;
  firmCountry: string | null;
  firmLanguage: Language | null;
  /** False when no organization it went to has an editor: the operators answer it, as the network's secretariat. */
  maintained: boolean;
};
export type EventRow = typeof introductionEvents.$inferSelect;
export type OutcomeRow = typeof introductionOutcomes.$inferSelect;
export type NewIntroduction = Pick<typeof introductions.$inferInsert, 'firmId' | 'organizationId' | 'programmeId' | 'recipients' | 'message' | 'partnershipType' | 'partnerCountries'>;

/** An organization or programme as a request's target: whether it may receive one, and who answers it. */
export interface Target {
  name: string;
  state: string;
  withdrawnAt: Date | null;
  deletedAt: Date | null;
  recipients: string[];
}

export async function organizationTarget(db: Db, id: string): Promise<Target | undefined> {
  const [row] = await db
    .select({ name: organizations.name, state: organizations.state, withdrawnAt: organizations.withdrawnAt, deletedAt: organizations.deletedAt })
    .from(organizations)
    .where(eq(organizations.id, id));
  return row && { ...row, recipients: [id] };
}

export async function programmeTarget(db: Db, id: string): Promise<Target | undefined> {
  const [row] = await db
    // A programme held back while its organization awaits approval takes no requests either.
    .select({ name: programmes.name, state: sql<string>`case when ${programmeHeld('programmes')} then 'pending' else ${programmes.state} end`, withdrawnAt: programmes.withdrawnAt, deletedAt: programmes.deletedAt })
    .from(programmes)
    .where(eq(programmes.id, id));
  if (!row) return undefined;
  const operators = await db
    .select({ id: programmeOperators.organizationId })
    .from(programmeOperators)
    .where(eq(programmeOperators.programmeId, id))
    .orderBy(asc(programmeOperators.position));
  return { ...row, recipients: operators.map((o) => o.id) };
}

/**
 * Serialises one firm's requests to one target inside the transaction, so two requests sent
 * at once cannot both pass the one-a-day check.
 */
export async function lockFirmTarget(db: Db, firmId: string, targetId: string): Promise<void> {
  await rowsOf(db, sql`select pg_advisory_xact_lock(hashtext(${`introduction:${firmId}:${targetId}`}))`);
}

export async function sentSince(db: Db, firmId: string, target: { organizationId?: string; programmeId?: string }, since: Date): Promise<boolean> {
  const on = target.organizationId ? eq(introductions.organizationId, target.organizationId) : eq(introductions.programmeId, target.programmeId ?? '');
  const [row] = await db
    .select({ id: introductions.id })
    .from(introductions)
    .where(and(eq(introductions.firmId, firmId), on, gt(introductions.createdAt, since)))
    .limit(1);
  return !!row;
}

export async function insertIntroduction(db: Db, row: NewIntroduction): Promise<string> {
  const [saved] = await db.insert(introductions).values(row).returning({ id: introductions.id });
  if (!saved) throw new Error('the introduction was not saved');
  return saved.id;
}

export async function insertEvent(db: Db, row: typeof introductionEvents.$inferInsert): Promise<void> {
  await db.insert(introductionEvents).values(row);
}

const withNames = {
  targetName: sql<string | null>`coalesce(${organizations.name}, ${programmes.name})`,
  firmEmail: users.email,
  firmName: users.name,
  firmCompany: users.company,
  firmCountry: users.country,
  firmLanguage: users.language,
  maintained: maintainedSql,
};

function selectIntroductions(db: Db) {
  return db
    .select({ ...introductionColumns, ...withNames })
    .from(introductions)
    .leftJoin(organizations, eq(organizations.id, introductions.organizationId))
    .leftJoin(programmes, eq(programmes.id, introductions.programmeId))
    .leftJoin(users, eq(users.id, introductions.firmId));
}

const introductionColumns = {
  id: introductions.id,
  firmId: introductions.firmId,
  organizationId: introductions.organizationId,
  programmeId: introductions.programmeId,
  recipients: introductions.recipients,
  message: introductions.message,
  partnershipType: introductions.partnershipType,
  partnerCountries: introductions.partnerCountries,
  status: introductions.status,
  followUpOn: introductions.followUpOn,
  flaggedAt: introductions.flaggedAt,
  agencyRemindedAt: introductions.agencyRemindedAt,
  followUpAskedAt: introductions.followUpAskedAt,
  closedAt: introductions.closedAt,
  createdAt: introductions.createdAt,
  updatedAt: introductions.updatedAt,
};

export async function introductionById(db: Db, id: string, lock = false): Promise<IntroductionRow | undefined> {
  const query = selectIntroductions(db).where(eq(introductions.id, id));
  const [row] = lock ? await query.for('update', { of: introductions }) : await query;
  return row;
}

/** Whose requests a reader sees: a firm's own, an agency's inbox, or all (staff). */
export type Scope = { kind: 'all' } | { kind: 'firm'; firmId: string } | { kind: 'inbox'; firmId: string; organizations: string[] };

export interface ListFilter {
  status?: IntroductionStatus;
  flagged?: boolean;
  limit: number;
}

/** Flagged requests first (staff read those first), then newest first. */
export function listIntroductions(db: Db, scope: Scope, filter: ListFilter): Promise<IntroductionRow[]> {
  const where: (SQL | undefined)[] = [];
  if (scope.kind === 'firm') where.push(eq(introductions.firmId, scope.firmId));
  if (scope.kind === 'inbox') {
    const mine = scope.organizations.length ? sql`${introductions.recipients} && ${sql.param(scope.organizations)}::text[]` : sql`false`;
    where.push(sql`(${introductions.firmId} = ${scope.firmId} or ${mine})`);
  }
  if (filter.status) where.push(eq(introductions.status, filter.status));
  if (filter.flagged !== undefined) where.push(filter.flagged ? isNotNull(introductions.flaggedAt) : isNull(introductions.flaggedAt));
  return selectIntroductions(db)
    .where(and(...where))
    .orderBy(sql`${introductions.flaggedAt} is null`, desc(introductions.createdAt), desc(introductions.id))
    .limit(filter.limit);
}

export function eventsOf(db: Db, id: string): Promise<EventRow[]> {
  return db.select().from(introductionEvents).where(eq(introductionEvents.introductionId, id)).orderBy(asc(introductionEvents.at), asc(introductionEvents.id));
}

export function outcomesOf(db: Db, id: string): Promise<OutcomeRow[]> {
  return db.select().from(introductionOutcomes).where(eq(introductionOutcomes.introductionId, id)).orderBy(asc(introductionOutcomes.createdAt));
}

export async function setStatus(db: Db, id: string, fields: { status: IntroductionStatus; followUpOn: string | null; closedAt: Date | null }): Promise<void> {
  await db
    .update(introductions)
    // A request that moves is being answered: it no longer needs the operators' attention.
    .set({ ...fields, flaggedAt: null, updatedAt: new Date() })
    .where(eq(introductions.id, id));
}

/** Records one side's outcome; false when that side already answered. */
export async function insertOutcome(db: Db, row: typeof introductionOutcomes.$inferInsert): Promise<boolean> {
  const saved = await db.insert(introductionOutcomes).values(row).onConflictDoNothing().returning({ id: introductionOutcomes.introductionId });
  return saved.length > 0;
}

/** Flags requests still `new` since before `before`; returns those just flagged, with their target's name. */
export async function flagStale(db: Db, before: Date, now = new Date()): Promise<{ id: string; createdAt: Date; targetName: string | null }[]> {
  const flagged = await db
    .update(introductions)
    .set({ flaggedAt: now })
    .where(and(eq(introductions.status, 'new'), isNull(introductions.flaggedAt), lt(introductions.createdAt, before)))
    .returning({ id: introductions.id, createdAt: introductions.createdAt });
  if (!flagged.length) return [];
  const names = await selectIntroductions(db).where(inArray(introductions.id, flagged.map((f) => f.id)));
  const nameOf = new Map(names.map((n) => [n.id, n.targetName]));
  return flagged.map((f) => ({ id: f.id, createdAt: f.createdAt, targetName: nameOf.get(f.id) ?? null }));
}

/** Raw counts behind the public introduction statistics (suppressed by the presenter, not here). */
export interface IntroductionCounts {
  byStatus: { value: string; count: number }[];
  conclusion: { medianDays: number | null; count: number };
  concludedByDirection: { value: string; count: number }[];
  concludedByRegion: { value: string; count: number }[];
  outcomes: { value: string; count: number }[];
}

type CountRow = { value: string; count: string | number };
const counted = (rows: CountRow[]) => rows.map((r) => ({ value: r.value, count: Number(r.count) }));

export async function introductionCounts(db: Db): Promise<IntroductionCounts> {
  const [byStatus, conclusion, byDirection, byRegion, outcomes] = await Promise.all([
    rowsOf<CountRow>(db, sql`select status as value, count(*) as count from introductions group by 1 order by 2 desc, 1`),
    rowsOf<{ median: string | number | null; count: string | number }>(
      db,
      sql`select percentile_cont(0.5) within group (order by extract(epoch from closed_at - created_at) / 86400) as median, count(*) as count
          from introductions where status = 'partnership-concluded' and closed_at is not null`,
    ),
    rowsOf<CountRow>(
      db,
      sql`select coalesce(p.direction, 'undetermined') as value, count(*) as count
          from introductions i join programmes p on p.id = i.programme_id
          where i.status = 'partnership-concluded' group by 1 order by 2 desc, 1`,
    ),
    // A request counts once in each region it reached: the programme's target regions, or the organization's own.
    rowsOf<CountRow>(
      db,
      sql`select c.region::text as value, count(distinct i.id) as count
          from introductions i
          left join programmes p on p.id = i.programme_id
          left join organizations o on o.id = i.organization_id
          cross join lateral unnest(case when p.id is not null then p.target_countries else array[o.country::text] end) t(alpha2)
          join countries c on c.alpha2 = t.alpha2
          where i.status = 'partnership-concluded' and c.region is not null group by c.region order by 2 desc, 1`,
    ),
    rowsOf<CountRow>(db, sql`select outcome as value, count(*) as count from introduction_outcomes group by 1 order by 2 desc, 1`),
  ]);
  const c = conclusion[0];
  return {
    byStatus: counted(byStatus),
    conclusion: { medianDays: c?.median === null || c?.median === undefined ? null : Number(c.median), count: Number(c?.count ?? 0) },
    concludedByDirection: counted(byDirection),
    concludedByRegion: counted(byRegion),
    outcomes: counted(outcomes),
  };
}
