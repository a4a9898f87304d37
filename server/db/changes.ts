/**
 * The changes feed's rows: every entry in the order of the transaction that last wrote it
 * (then its change number). Only transactions older than every transaction still running
 * are served, so no later commit can land behind a cursor already handed out.
 */
import { sql } from 'drizzle-orm';
import type { Database } from './client';
import type { EntityType } from './entries';
import { publicCase, publicOrganization, publicProgramme } from './visibility';

/** Where a reader of the feed stands: the last transaction and change number it has seen. */
export interface ChangePosition {
  xid: string;
  seq: number;
}

export interface ChangeRow {
  type: EntityType;
  id: string;
  xid: string;
  seq: number;
  deleted: boolean;
  updatedAt: string;
}

export async function readChanges(database: Database, after: ChangePosition | undefined, limit: number): Promise<ChangeRow[]> {
  const from = after ?? { xid: '0', seq: 0 };
  // bigint comes back as a string from node-postgres and as a number from PGlite.
  const rows = await database.rows<Omit<ChangeRow, 'seq'> & { seq: string | number }>(sql`
    with h as (select pg_snapshot_xmin(pg_current_snapshot()) as xmin)
    select c.type, c.id, c.xid::text as xid, c.seq, c.deleted, c.updated_at as "updatedAt"
    from (
      select 'organization' as type, o.id, o.change_xid as xid, o.change_seq as seq, o.updated_at, not (${publicOrganization('o')}) as deleted
      from organizations o
      union all
      select 'programme', p.id, p.change_xid, p.change_seq, p.updated_at, not (${publicProgramme('p')})
      from programmes p
      union all
      select 'case', c.id, c.change_xid, c.change_seq, c.updated_at, not (${publicCase('c')})
      from cases c
    ) c, h
    where c.xid < h.xmin and (c.xid, c.seq) > (${from.xid}::xid8, ${from.seq}::bigint)
    order by c.xid, c.seq
    limit ${limit}`);
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

const publicEntries = {
  organization: sql`organizations o where ${publicOrganization('o')}`,
  programme: sql`programmes p where ${publicProgramme('p')}`,
  case: sql`cases c where ${publicCase('c')}`,
};

/** Ids of published, live entries of a kind after `afterId` in id order, for exports in batches. */
export async function publishedIds(database: Database, kind: 'organization' | 'programme', afterId: string | null, limit: number): Promise<string[]> {
  const rows = await database.rows<{ id: string }>(sql`
    select id from ${publicEntries[kind]} and id > ${afterId ?? '00000000-0000-0000-0000-000000000000'}::uuid
    order by id limit ${limit}`);
  return rows.map((r) => r.id);
}

/** The most recently changed published entries, newest first, for the Atom feed. */
export async function recentlyChanged(database: Database, limit: number): Promise<{ type: 'organization' | 'programme'; id: string }[]> {
  return database.rows(sql`
    select type, id from (
      select 'organization' as type, o.id, o.updated_at from organizations o where ${publicOrganization('o')}
      union all
      select 'programme', p.id, p.updated_at from programmes p where ${publicProgramme('p')}
    ) c order by updated_at desc, id limit ${limit}`);
}

/** How many entries of each kind the public directory shows, for the sitemap index. */
export async function publicCounts(database: Database): Promise<Record<EntityType, number>> {
  const [row] = await database.rows<{ organization: string | number; programme: string | number; case: string | number }>(sql`
    select (select count(*) from ${publicEntries.organization}) as organization,
           (select count(*) from ${publicEntries.programme}) as programme,
           (select count(*) from ${publicEntries.case}) as "case"`);
  return { organization: Number(row?.organization ?? 0), programme: Number(row?.programme ?? 0), case: Number(row?.case ?? 0) };
}

/** One slice of a kind's public entries in id order, with when each last changed: a sitemap's rows. */
export async function publicEntrySlice(database: Database, kind: EntityType, offset: number, limit: number): Promise<{ id: string; updatedAt: string | Date }[]> {
  return database.rows(sql`select id, updated_at as "updatedAt" from ${publicEntries[kind]} order by id offset ${offset} limit ${limit}`);
}
