/** What the sync pipeline reads and writes: provenance, feed entries, runs. */
import { and, desc, eq, getTableColumns, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { rowsOf, type Db } from './client';
import type { RunStatus, RunTrigger } from './enums';
import { organizations, programmes, provenance, sources, syncRuns } from './schema';
import { touched } from './writes';

export type SourceRow = typeof sources.$inferSelect;
export type RunRow = typeof syncRuns.$inferSelect;

export interface Known {
  provenanceId: string;
  seq: number;
  entityId: string;
  contentHash: string | null;
  withdrawn: boolean;
  deleted: boolean;
  localFields: string[];
}

/** This source's earlier records of one kind by external id, with the state of the entries they feed. */
export async function knownRecords(db: Db, sourceId: string, externalIds: string[], entityType: 'organization' | 'programme' = 'organization'): Promise<Map<string, Known>> {
  if (externalIds.length === 0) return new Map();
  const table = entityType === 'organization' ? sql`organizations` : sql`programmes`;
  // One unique-index probe per id, whatever the statistics say (`offset 0` keeps the planner from
  // flattening the lateral): during a large import they are stale, and the planner would rather
  // read every record of the source and hash them.
  const rows = await rowsOf<{
    external_id: string;
    id: string;
    seq: string | number;
    entity_id: string;
    content_hash: string | null;
    withdrawn_at: Date | null;
    deleted_at: Date | null;
    local_fields: string[];
  }>(
    db,
    sql`select p.external_id, p.id, p.seq, p.entity_id, p.content_hash, p.withdrawn_at, e.deleted_at, e.local_fields
        from unnest(${sql.param(externalIds)}::text[]) as x(external_id)
        cross join lateral (
          select * from provenance v where v.source_id = ${sourceId} and v.entity_type = ${entityType} and v.external_id = x.external_id offset 0
        ) p
        join ${table} e on e.id = p.entity_id`,
  );
  return new Map(
    rows.map((r) => [
      r.external_id,
      { provenanceId: r.id, seq: Number(r.seq), entityId: r.entity_id, contentHash: r.content_hash, withdrawn: !!r.withdrawn_at, deleted: !!r.deleted_at, localFields: r.local_fields },
    ]),
  );
}

/** Hosts many bodies share: for these the first path segment tells them apart. */
const SHARED_HOSTS = new Set(['gov.uk', 'europa.eu', 'un.org', 'sites.google.com', 'facebook.com', 'linkedin.com', 'wordpress.com', 'blogspot.com']);

/** The part of a website that identifies an organization: host without www., plus the first path segment on shared hosts. */
export function websiteKey(website: string | null): string | null {
  if (!website) return null;
  try {
    const u = new URL(website);
    const host = u.hostname.toLowerCase().replace(/^www\./, '');
    const shared = [...SHARED_HOSTS].some((h) => host === h || host.endsWith(`.${h}`));
    return shared ? `${host}/${u.pathname.split('/').filter(Boolean)[0] ?? ''}` : host;
  } catch {
    return null;
  }
}

/** Records new to a source; returns their row numbers, in order. */
export async function addProvenance(db: Db, rows: { sourceId: string; entityType: string; entityId: string; externalId: string; contentHash: string }[]): Promise<number[]> {
  if (rows.length === 0) return [];
  // One JSON parameter for the whole batch: cheaper to build than thousands of bound values.
  const out = await rowsOf<{ seq: string | number; external_id: string }>(
    db,
    sql`insert into provenance (source_id, entity_type, entity_id, external_id, content_hash)
        select "sourceId", "entityType", "entityId", "externalId", "contentHash"
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r("sourceId" uuid, "entityType" text, "entityId" uuid, "externalId" text, "contentHash" text)
        returning seq, external_id`,
  );
  const seqOf = new Map(out.map((r) => [r.external_id, Number(r.seq)]));
  return rows.map((r) => seqOf.get(r.externalId)!);
}

/** Records seen again with new content: their hash, seen now, no longer withdrawn; one statement for them all. */
export async function seenAgain(db: Db, rows: { provenanceId: string; contentHash: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    update provenance p set content_hash = r."contentHash", last_seen = now(), withdrawn_at = null
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r("provenanceId" uuid, "contentHash" text)
    where p.id = r."provenanceId"`);
}

/** The row numbers of a source's live records, a page at a time (keyset on seq). */
export async function* liveSeqs(db: Db, sourceId: string, page = 50_000): AsyncGenerator<number[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select({ seq: provenance.seq })
      .from(provenance)
      .where(and(eq(provenance.sourceId, sourceId), isNull(provenance.withdrawnAt), sql`${provenance.seq} > ${after}`))
      .orderBy(provenance.seq)
      .limit(page);
    if (rows.length === 0) return;
    yield rows.map((r) => r.seq);
    after = rows[rows.length - 1]!.seq;
  }
}

/**
 * Withdraws these records of a source. They were last seen when the source was last read
 * in full (`lastComplete`), if that is later than their own last change.
 */
export async function withdrawSeqs(db: Db, sourceId: string, seqs: number[], lastComplete: Date | null): Promise<number> {
  let n = 0;
  for (let i = 0; i < seqs.length; i += 10_000) {
    const chunk = seqs.slice(i, i + 10_000);
    const rows = await db
      .update(provenance)
      .set({ withdrawnAt: sql`now()`, lastSeen: lastComplete ? sql`greatest(${provenance.lastSeen}, ${lastComplete.toISOString()}::timestamptz)` : provenance.lastSeen })
      .where(and(eq(provenance.sourceId, sourceId), isNull(provenance.withdrawnAt), sql`${provenance.seq} = any(${`{${chunk.join(',')}}`}::bigint[])`))
      .returning({ id: provenance.id });
    n += rows.length;
  }
  return n;
}

/** The values a feed writes into an entry of each kind. */
export interface FeedValues {
  organization: Partial<typeof organizations.$inferInsert>;
  programme: Partial<typeof programmes.$inferInsert>;
}

/** Writes feed values into an entry, leaving alone the fields edited locally; the entry shows again if it was withdrawn. */
export async function updateFromFeed<T extends keyof FeedValues>(db: Db, type: T, id: string, values: FeedValues[T], localFields: string[]): Promise<void> {
  await updateAllFromFeed(db, type, [{ id, values, localFields }]);
}

/**
 * Writes feed values into entries, in one statement for them all: each column from the feed
 * unless the entry's own editors changed it (its `local_fields`), or the record left it out.
 * The entries show again if they were withdrawn. An entry named twice takes its last values,
 * as if they were written one after the other.
 */
export async function updateAllFromFeed<T extends keyof FeedValues>(db: Db, type: T, rows: { id: string; values: FeedValues[T]; localFields: string[] }[]): Promise<void> {
  if (rows.length === 0) return;
  const table = type === 'organization' ? organizations : programmes;
  const columns: Record<string, AnyPgColumn> = getTableColumns(table);
  const last = [...new Map(rows.map((r) => [r.id, r])).values()];
  const keys = [...new Set(last.flatMap((r) => Object.keys(r.values)))].filter((key) => key in columns);
  const payload = last.map((r) => ({
    id: r.id,
    // A key given as undefined is not written, as drizzle's .set() leaves it alone.
    given: Object.entries(r.values).flatMap(([key, value]) => (value === undefined || r.localFields.includes(key) ? [] : [key])),
    ...r.values,
  }));
  const recordType = sql.raw(['id uuid', 'given text[]', ...keys.map((key) => `"${key}" ${(columns[key] as AnyPgColumn).getSQLType()}`)].join(', '));
  const assignments = keys.map((key) => {
    const column = sql.identifier((columns[key] as AnyPgColumn).name);
    return sql`${column} = case when ${key} = any(r.given) then r.${sql.identifier(key)} else e.${column} end`;
  });
  await db.execute(sql`
    update ${table} e set ${sql.join(assignments, sql`, `)}, withdrawn_at = null, confirmed_at = now(),
      updated_at = now(), change_seq = nextval('change_seq'), change_xid = pg_current_xact_id()
    from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as r(${recordType})
    where e.id = r.id`);
}

/** Adds networks to an entry another source brought, so a filter on either network finds it. */
export async function joinNetworks(db: Db, id: string, networks: string[]): Promise<void> {
  await db
    .update(organizations)
    .set({ networks: sql`(select coalesce(array_agg(distinct n), '{}') from unnest(${organizations.networks} || ${`{${networks.join(',')}}`}::text[]) n)`, withdrawnAt: null, ...touched })
    .where(eq(organizations.id, id));
}

/** Entries every source has withdrawn and no agency maintains stop showing. */
export async function withdrawOrphans(db: Db): Promise<void> {
  await db.execute(sql`
    update organizations o set withdrawn_at = now(), updated_at = now(), change_seq = nextval('change_seq'), change_xid = pg_current_xact_id()
    where o.withdrawn_at is null and o.deleted_at is null
      and exists (select 1 from provenance p where p.entity_type = 'organization' and p.entity_id = o.id)
      and not exists (select 1 from provenance p where p.entity_type = 'organization' and p.entity_id = o.id and p.withdrawn_at is null)
      and not exists (select 1 from user_organizations uo where uo.organization_id = o.id)
      and cardinality(o.local_fields) = 0`);
  await db.execute(sql`
    update programmes p set withdrawn_at = now(), updated_at = now(), change_seq = nextval('change_seq'), change_xid = pg_current_xact_id()
    where p.withdrawn_at is null and p.deleted_at is null and cardinality(p.local_fields) = 0
      and exists (select 1 from provenance v where v.entity_type = 'programme' and v.entity_id = p.id)
      and not exists (select 1 from provenance v where v.entity_type = 'programme' and v.entity_id = p.id and v.withdrawn_at is null)`);
}

// Sources and runs

export async function sourceById(db: Db, id: string): Promise<SourceRow | undefined> {
  const [row] = await db.select().from(sources).where(eq(sources.id, id));
  return row;
}

export async function listSources(db: Db): Promise<SourceRow[]> {
  return db.select().from(sources).orderBy(sources.name);
}

export async function insertSource(db: Db, row: typeof sources.$inferInsert): Promise<SourceRow> {
  const [out] = await db.insert(sources).values(row).returning();
  if (!out) throw new Error('insert returned no row');
  return out;
}

export async function updateSource(db: Db, id: string, set: Partial<typeof sources.$inferInsert>): Promise<void> {
  await db.update(sources).set({ ...set, updatedAt: sql`now()` }).where(eq(sources.id, id));
}

export async function deleteSource(db: Db, id: string): Promise<void> {
  await db.delete(sources).where(eq(sources.id, id));
}

export async function insertRun(db: Db, sourceId: string, trigger: RunTrigger, set: Partial<typeof syncRuns.$inferInsert> = {}): Promise<RunRow> {
  const [out] = await db.insert(syncRuns).values({ ...set, sourceId, trigger }).returning();
  if (!out) throw new Error('insert returned no row');
  return out;
}

/** Whether a run of the source was recorded for the scheduler's tick `dueAt` (by any instance). */
export async function scheduledRunAt(db: Db, sourceId: string, dueAt: Date): Promise<boolean> {
  const rows = await db
    .select({ id: syncRuns.id })
    .from(syncRuns)
    .where(and(eq(syncRuns.sourceId, sourceId), eq(syncRuns.trigger, 'schedule'), eq(syncRuns.createdAt, dueAt)))
    .limit(1);
  return rows.length > 0;
}

export async function updateRun(db: Db, id: string, set: Partial<typeof syncRuns.$inferInsert>): Promise<void> {
  await db.update(syncRuns).set(set).where(eq(syncRuns.id, id));
}

/** Changes a run only while its status is one of `from`; returns whether it did. */
export async function updateRunFrom(db: Db, id: string, from: readonly RunStatus[], set: Partial<typeof syncRuns.$inferInsert>): Promise<boolean> {
  const rows = await db
    .update(syncRuns)
    .set(set)
    .where(and(eq(syncRuns.id, id), inArray(syncRuns.status, [...from])))
    .returning({ id: syncRuns.id });
  return rows.length > 0;
}

/** Runs of every source in one of these statuses, oldest first. */
export async function runsIn(db: Db, statuses: readonly RunStatus[]): Promise<RunRow[]> {
  return db.select().from(syncRuns).where(inArray(syncRuns.status, [...statuses])).orderBy(syncRuns.createdAt);
}

/** The source's newest run that counts as its status: a skipped run never does. */
export async function lastRunOf(db: Db, sourceId: string): Promise<RunRow | undefined> {
  const [row] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.sourceId, sourceId), ne(syncRuns.status, 'skipped')))
    .orderBy(desc(syncRuns.createdAt))
    .limit(1);
  return row;
}

export async function runsOf(db: Db, sourceId: string, limit = 50): Promise<RunRow[]> {
  return db.select().from(syncRuns).where(eq(syncRuns.sourceId, sourceId)).orderBy(desc(syncRuns.createdAt)).limit(limit);
}

export async function runById(db: Db, sourceId: string, id: string): Promise<RunRow | undefined> {
  const [row] = await db.select().from(syncRuns).where(and(eq(syncRuns.sourceId, sourceId), eq(syncRuns.id, id)));
  return row;
}

/** The record count of the source's last good run (or one whose held withdrawals an operator confirmed), for the safety check. */
export async function lastGoodFetched(db: Db, sourceId: string): Promise<number | undefined> {
  const [row] = await db
    .select({ counts: syncRuns.counts })
    .from(syncRuns)
    .where(
      and(
        eq(syncRuns.sourceId, sourceId),
        or(eq(syncRuns.status, 'succeeded'), eq(syncRuns.withdrawalsDecision, 'confirmed')),
        sql`(${syncRuns.counts}->>'fetched')::int > 0`,
      ),
    )
    .orderBy(desc(syncRuns.createdAt))
    .limit(1);
  return (row?.counts as { fetched?: number } | undefined)?.fetched;
}

/** The source's newest run that has ended (a skipped one never read the feed: it does not count). */
export async function lastFinishedRun(db: Db, sourceId: string): Promise<RunRow | undefined> {
  const [row] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.sourceId, sourceId), sql`${syncRuns.finishedAt} is not null`, ne(syncRuns.status, 'skipped')))
    .orderBy(desc(syncRuns.createdAt))
    .limit(1);
  return row;
}

/** Forgets every record of a source: its provenance goes, so the next run reads the feed as new. */
export async function dropProvenanceOf(db: Db, sourceId: string): Promise<number> {
  const rows = await db.delete(provenance).where(eq(provenance.sourceId, sourceId)).returning({ id: provenance.id });
  return rows.length;
}

/** Withdraws every record of a source (before it is cleared or deleted). */
export async function withdrawAllOf(db: Db, sourceId: string): Promise<void> {
  await db.update(provenance).set({ withdrawnAt: sql`now()` }).where(and(eq(provenance.sourceId, sourceId), isNull(provenance.withdrawnAt)));
}

/** Withdraws one record of a source (a peer's tombstone); returns whether anything changed. */
export async function withdrawRecord(db: Db, sourceId: string, entityType: 'organization' | 'programme', externalId: string): Promise<boolean> {
  const rows = await db
    .update(provenance)
    .set({ withdrawnAt: sql`now()` })
    .where(and(eq(provenance.sourceId, sourceId), eq(provenance.entityType, entityType), eq(provenance.externalId, externalId), isNull(provenance.withdrawnAt)))
    .returning({ id: provenance.id });
  return rows.length > 0;
}

/** Drops runs older than `days`, keeping each source's newest `keep` whatever their age; returns how many went. */
export async function pruneRuns(db: Db, days: number, keep: number): Promise<number> {
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`delete from sync_runs r using (
          select id, row_number() over (partition by source_id order by created_at desc) as n from sync_runs
        ) ranked
        where r.id = ranked.id and ranked.n > ${keep} and r.created_at < now() - make_interval(days => ${days})
        returning r.id`,
  );
  return rows.length;
}
