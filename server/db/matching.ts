/**
 * What matching across sources reads and writes: the candidates a record may be the same as,
 * identifiers with their scheme, and the duplicates review queue with its decisions.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from './client';
import type { ReviewStatus } from './enums';
import { caseOrganizations, identifiers, matchReviews, organizations, programmeInvitations, programmeOperators, programmes, provenance, userOrganizations } from './schema';
import { touched } from './writes';

export type MatchedType = 'organization' | 'programme';
export type ReviewRow = typeof matchReviews.$inferSelect;
export interface Identifier {
  scheme: string;
  value: string;
}

/**
 * Whether `sourceId` brought the entry `id`: one probe of the entry's own provenance rows (a
 * handful), by the (entity_type, entity_id) index. Asked as `not exists (... and source_id = ...)`
 * the planner may instead read every row of the source for each entry, by the
 * (source_id, entity_type, external_id) index: on the embedded database, whose statistics are
 * never gathered, it did, after a killed run had left half a feed in place, and the next run's
 * candidates cost rows × rows (10 minutes for 50,000 records where a clean run took one). Here no
 * condition names the source, so no plan can read the source's rows.
 */
const broughtBy = (entityType: MatchedType, id: SQL, sourceId: string) =>
  sql`(select coalesce(bool_or(p.source_id = ${sourceId}::uuid), false) from provenance p where p.entity_type = ${entityType} and p.entity_id = ${id})`;

/** The query of candidateOrganizations, apart so its plan can be checked. */
export const candidateOrganizationsQuery = (sourceId: string, country: string): SQL =>
  sql`select o.id, o.name, o.website from organizations o
      cross join lateral ${broughtBy('organization', sql`o.id`, sourceId)} as m(mine)
      where o.country = ${country}::char(2) and o.deleted_at is null and not m.mine`;

/** Live or withdrawn (not deleted) organizations of a country that this source has not brought. */
export async function candidateOrganizations(db: Db, sourceId: string, country: string): Promise<{ id: string; name: string; website: string | null }[]> {
  return rowsOf(db, candidateOrganizationsQuery(sourceId, country));
}

/** Programmes (not deleted) this source has not brought, with every country they name. */
export async function candidateProgrammes(db: Db, sourceId: string): Promise<{ id: string; name: string; website: string | null; countries: string[] }[]> {
  return rowsOf(
    db,
    sql`select g.id, g.name, g.website, g.origin_countries || g.target_countries as countries from programmes g
        cross join lateral ${broughtBy('programme', sql`g.id`, sourceId)} as m(mine)
        where g.deleted_at is null and not m.mine`,
  );
}

const key = (i: Identifier) => `${i.scheme}\u0000${i.value}`;

/** The entries (not deleted, not brought by this source) that carry any of these identifiers, by scheme and value. */
export async function entitiesByIdentifiers(db: Db, entityType: MatchedType, sourceId: string, wanted: Identifier[]): Promise<Map<string, { entityId: string; country: string | null }>> {
  if (wanted.length === 0) return new Map();
  const table = entityType === 'organization' ? sql`organizations` : sql`programmes`;
  const country = entityType === 'organization' ? sql`e.country::text` : sql`null::text`;
  const rows = await rowsOf<{ scheme: string; value: string; entity_id: string; country: string | null }>(
    db,
    // An index probe per identifier (lateral), as statistics go stale during a large import.
    sql`select w.scheme, w.value, i.entity_id, ${country} as country
        from jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb) as w(scheme text, value text)
        cross join lateral (select entity_id from identifiers i where i.entity_type = ${entityType} and i.scheme = w.scheme and i.value = w.value offset 0) i
        join ${table} e on e.id = i.entity_id and e.deleted_at is null
        cross join lateral ${broughtBy(entityType, sql`i.entity_id`, sourceId)} as m(mine)
        where not m.mine`,
  );
  return new Map(rows.map((r) => [key(r), { entityId: r.entity_id, country: r.country }]));
}
export const identifierKey = key;

export async function addIdentifiers(db: Db, entityType: MatchedType, rows: { entityId: string; scheme: string; value: string; sourceId: string | null }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into identifiers (entity_type, entity_id, scheme, value, source_id)
    select ${entityType}, "entityId", scheme, value, "sourceId" from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r("entityId" uuid, scheme text, value text, "sourceId" uuid)
    on conflict do nothing`);
}

export async function identifiersOf(db: Db, entityType: MatchedType, ids: string[]): Promise<(Identifier & { entityId: string })[]> {
  if (ids.length === 0) return [];
  return db
    .select({ entityId: identifiers.entityId, scheme: identifiers.scheme, value: identifiers.value })
    .from(identifiers)
    .where(and(eq(identifiers.entityType, entityType), inArray(identifiers.entityId, ids)))
    .orderBy(asc(identifiers.scheme), asc(identifiers.value));
}

/** Operators' decisions (and open reviews) on these records of a source, by external id. */
export async function reviewDecisions(db: Db, sourceId: string, entityType: MatchedType, externalIds: string[]): Promise<Map<string, { mergedInto?: string; apart: Set<string> }>> {
  const out = new Map<string, { mergedInto?: string; apart: Set<string> }>();
  if (externalIds.length === 0) return out;
  const rows = await db
    .select({ externalId: matchReviews.externalId, candidateId: matchReviews.candidateId, status: matchReviews.status })
    .from(matchReviews)
    .where(and(eq(matchReviews.sourceId, sourceId), eq(matchReviews.entityType, entityType), inArray(matchReviews.externalId, externalIds)));
  for (const r of rows) {
    const d = out.get(r.externalId) ?? { apart: new Set<string>() };
    if (r.status === 'merged') d.mergedInto = r.candidateId;
    else d.apart.add(r.candidateId);
    out.set(r.externalId, d);
  }
  return out;
}

/** Queues the doubtful matches of a batch: `matches[i]` was decided for `records[i]`, which went into `entries[i]`. */
export async function queueDoubtful(
  db: Db,
  entityType: MatchedType,
  sourceId: string,
  records: { externalId: string }[],
  matches: ({ kind: string } | { kind: 'doubtful'; candidateId: string; score: number; reason: string })[],
  entries: { entityId: string }[],
): Promise<void> {
  const rows = matches.flatMap((m, i) =>
    'candidateId' in m ? [{ entityType, entityId: entries[i]!.entityId, candidateId: m.candidateId, sourceId, externalId: records[i]!.externalId, score: m.score, reason: m.reason }] : [],
  );
  if (rows.length) await db.insert(matchReviews).values(rows).onConflictDoNothing();
}

export async function listReviews(db: Db, status: ReviewStatus, limit: number): Promise<ReviewRow[]> {
  return db.select().from(matchReviews).where(eq(matchReviews.status, status)).orderBy(status === 'open' ? asc(matchReviews.createdAt) : desc(matchReviews.decidedAt)).limit(limit);
}

export async function reviewById(db: Db, id: string): Promise<ReviewRow | undefined> {
  const [row] = await db.select().from(matchReviews).where(eq(matchReviews.id, id));
  return row;
}

export async function setReviewStatus(db: Db, id: string, status: 'merged' | 'kept-apart', userId: string): Promise<void> {
  await db.update(matchReviews).set({ status, decidedBy: userId, decidedAt: sql`now()` }).where(eq(matchReviews.id, id));
}

/** Open reviews that named `mergedAwayId` as their candidate name `intoId` instead (the entry it was merged into). */
export async function retargetOpenReviews(db: Db, mergedAwayId: string, intoId: string): Promise<void> {
  await db
    .update(matchReviews)
    .set({ candidateId: intoId })
    .where(and(eq(matchReviews.candidateId, mergedAwayId), eq(matchReviews.status, 'open'), sql`${matchReviews.entityId} <> ${intoId}`));
}

/**
 * Folds entry `fromId` into `intoId`: its provenance, identifiers, operators, cases and
 * agency editors move over, list fields are joined, empty fields filled; then `fromId` is
 * deleted, so peers get a tombstone and no sync brings it back.
 */
export async function mergeEntries(db: Db, entityType: MatchedType, fromId: string, intoId: string): Promise<void> {
  await db.update(provenance).set({ entityId: intoId }).where(and(eq(provenance.entityType, entityType), eq(provenance.entityId, fromId)));
  await db.execute(sql`
    insert into identifiers (entity_type, entity_id, scheme, value, source_id)
    select entity_type, ${intoId}, scheme, value, source_id from identifiers where entity_type = ${entityType} and entity_id = ${fromId}
    on conflict do nothing`);
  await db.delete(identifiers).where(and(eq(identifiers.entityType, entityType), eq(identifiers.entityId, fromId)));
  await db.update(matchReviews).set({ entityId: intoId }).where(and(eq(matchReviews.entityType, entityType), eq(matchReviews.entityId, fromId), sql`${matchReviews.status} <> 'open'`));
  const joined = (column: string) => sql.raw(`${column} = (select coalesce(array_agg(distinct v order by v), '{}') from unnest(a.${column} || b.${column}) v)`);
  const filled = (column: string) => sql.raw(`${column} = coalesce(a.${column}, b.${column})`);
  if (entityType === 'organization') {
    await db.execute(sql`
      update organizations a set ${sql.join(['services', 'sectors', 'languages', 'networks'].map(joined), sql`, `)},
        ${sql.join(['acronym', 'website', 'email', 'phone', 'address', 'description'].map(filled), sql`, `)}, withdrawn_at = null
      from organizations b where a.id = ${intoId} and b.id = ${fromId}`);
    await db.update(organizations).set(touched).where(eq(organizations.id, intoId));
    await db.execute(sql`
      insert into programme_operators (programme_id, organization_id, position)
      select programme_id, ${intoId}, position from programme_operators where organization_id = ${fromId} on conflict do nothing`);
    await db.delete(programmeOperators).where(eq(programmeOperators.organizationId, fromId));
    // Open invitations follow the organization, unless the merged entry already runs that programme.
    await db.execute(sql`
      insert into programme_invitations (programme_id, organization_id, position, invited_by, created_at)
      select i.programme_id, ${intoId}, i.position, i.invited_by, i.created_at from programme_invitations i
      where i.organization_id = ${fromId} and not exists (select 1 from programme_operators po where po.programme_id = i.programme_id and po.organization_id = ${intoId})
      on conflict do nothing`);
    await db.delete(programmeInvitations).where(eq(programmeInvitations.organizationId, fromId));
    await db.execute(sql`insert into case_organizations (case_id, organization_id) select case_id, ${intoId} from case_organizations where organization_id = ${fromId} on conflict do nothing`);
    await db.delete(caseOrganizations).where(eq(caseOrganizations.organizationId, fromId));
    await db.execute(sql`insert into user_organizations (user_id, organization_id) select user_id, ${intoId} from user_organizations where organization_id = ${fromId} on conflict do nothing`);
    await db.delete(userOrganizations).where(eq(userOrganizations.organizationId, fromId));
    await db.update(organizations).set({ deletedAt: sql`now()`, ...touched }).where(eq(organizations.id, fromId));
  } else {
    await db.execute(sql`
      update programmes a set ${sql.join(['partnership_types', 'services', 'sectors', 'firm_sizes'].map(joined), sql`, `)},
        ${sql.join(['description', 'website'].map(filled), sql`, `)}, withdrawn_at = null
      from programmes b where a.id = ${intoId} and b.id = ${fromId}`);
    await db.update(programmes).set(touched).where(eq(programmes.id, intoId));
    await db.execute(sql`
      insert into programme_operators (programme_id, organization_id, position)
      select ${intoId}, organization_id, position + 100 from programme_operators where programme_id = ${fromId} on conflict do nothing`);
    await db.execute(sql`
      insert into programme_invitations (programme_id, organization_id, position, invited_by, created_at)
      select ${intoId}, i.organization_id, i.position + 100, i.invited_by, i.created_at from programme_invitations i
      where i.programme_id = ${fromId} and not exists (select 1 from programme_operators po where po.programme_id = ${intoId} and po.organization_id = i.organization_id)
      on conflict do nothing`);
    await db.update(programmes).set({ deletedAt: sql`now()`, ...touched }).where(eq(programmes.id, fromId));
  }
}
