/**
 * The progress statistics' queries: exact counts of public entries (published, not deleted,
 * not withdrawn) by direction, country, M49 region and LDC status, and each source's sync health.
 * Regions come from the countries table, which is loaded from the reference data files.
 */
import { sql } from 'drizzle-orm';
import type { Database } from './client';
import type { RunStatus } from './enums';
import { publicOrganization, publicProgramme } from './visibility';

/** One bar of a chart: a value (a direction, an alpha-2 code, an M49 code, `ldc`/`other`) and how many entries have it. */
export interface Cell {
  value: string;
  count: number;
}

export interface PublicCounts {
  programmesByDirection: Cell[];
  programmesByRegion: Cell[];
  organizationsByCountry: Cell[];
  organizationsByRegion: Cell[];
  organizationsByLdc: Cell[];
}

const liveProgramme = publicProgramme('p');
const liveOrganization = publicOrganization('o');

// count(*) is a bigint: a string from node-postgres, a number from PGlite.
const cells = (rows: { value: string; count: string | number }[]): Cell[] => rows.map((r) => ({ value: r.value, count: Number(r.count) }));

/** Counts of public entries; largest first, then by value, so equal counts keep a stable order. */
export async function publicCounts(database: Database): Promise<PublicCounts> {
  type Row = { value: string; count: string | number };
  const [byDirection, programmesByRegion, organizationsByCountry, organizationsByRegion, byLdc] = await Promise.all([
    database.rows<Row>(sql`
      select coalesce(p.direction, 'undetermined') as value, count(*) as count
      from programmes p where ${liveProgramme} group by 1 order by 2 desc, 1`),
    // A programme counts once in each region one of its target countries lies in.
    database.rows<Row>(sql`
      select c.region::text as value, count(distinct p.id) as count
      from programmes p cross join lateral unnest(p.target_countries) t(alpha2) join countries c on c.alpha2 = t.alpha2
      where ${liveProgramme} and c.region is not null group by c.region order by 2 desc, 1`),
    database.rows<Row>(sql`
      select o.country::text as value, count(*) as count
      from organizations o where ${liveOrganization} group by o.country order by 2 desc, 1`),
    database.rows<Row>(sql`
      select c.region::text as value, count(*) as count
      from organizations o join countries c on c.alpha2 = o.country
      where ${liveOrganization} and c.region is not null group by c.region order by 2 desc, 1`),
    database.rows<Row>(sql`
      select case when c.ldc then 'ldc' else 'other' end as value, count(*) as count
      from organizations o join countries c on c.alpha2 = o.country
      where ${liveOrganization} group by 1`),
  ]);
  const ldc = new Map(cells(byLdc).map((c) => [c.value, c.count]));
  return {
    programmesByDirection: cells(byDirection),
    programmesByRegion: cells(programmesByRegion),
    organizationsByCountry: cells(organizationsByCountry),
    organizationsByRegion: cells(organizationsByRegion),
    // Both groups always, so a reader can tell "none" from "not counted".
    organizationsByLdc: (['ldc', 'other'] as const).map((value) => ({ value, count: ldc.get(value) ?? 0 })),
  };
}

/** A source's sync health: its latest run (whatever its state) and its runs of the last 30 days. */
export interface SourceHealth {
  id: string;
  name: string;
  network: string;
  connector: string;
  enabled: boolean;
  lastRun: { status: RunStatus; startedAt: string | null; finishedAt: string | null; counts: Record<string, number> } | null;
  runsLast30Days: number;
  failedLast30Days: number;
}

const iso = (v: string | Date | null): string | null => (v === null ? null : new Date(v).toISOString());

export async function sourcesHealth(database: Database): Promise<SourceHealth[]> {
  const rows = await database.rows<{
    id: string;
    name: string;
    network: string;
    connector: string;
    enabled: boolean;
    status: RunStatus | null;
    started_at: string | Date | null;
    finished_at: string | Date | null;
    counts: Record<string, number> | string | null;
    runs: string | number;
    failed: string | number;
  }>(sql`
    select s.id, s.name, s.network, s.connector, s.enabled, l.status, l.started_at, l.finished_at, l.counts,
           (select count(*) from sync_runs r where r.source_id = s.id and r.created_at > now() - interval '30 days') as runs,
           (select count(*) from sync_runs r where r.source_id = s.id and r.created_at > now() - interval '30 days' and r.status = 'failed') as failed
    from sources s
    left join lateral (select status, started_at, finished_at, counts from sync_runs r where r.source_id = s.id and r.status <> 'skipped' order by r.created_at desc, r.id limit 1) l on true
    order by lower(s.name), s.id`);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    network: r.network,
    connector: r.connector,
    enabled: r.enabled,
    lastRun:
      r.status === null
        ? null
        : { status: r.status, startedAt: iso(r.started_at), finishedAt: iso(r.finished_at), counts: typeof r.counts === 'string' ? (JSON.parse(r.counts) as Record<string, number>) : (r.counts ?? {}) },
    runsLast30Days: Number(r.runs),
    failedLast30Days: Number(r.failed),
  }));
}
