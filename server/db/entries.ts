/** Reads and inserts organizations, programmes and cases as plain typed rows. */
import crypto from 'node:crypto';
import { and, asc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import type { Direction } from '../reference/vocabularies';
import { caseOrganizations, cases, organizations, programmeOperators, programmes, provenance, sources } from './schema';
import { caseHeld, programmeHeld, publicCase, publicProgramme } from './visibility';
import { touched } from './writes';

export type OrganizationRow = typeof organizations.$inferSelect;
/** `held`: an organization it names awaits approval or was rejected, so the public does not see it. */
export type ProgrammeRow = typeof programmes.$inferSelect & { operators: string[]; held: boolean };
export type CaseRow = typeof cases.$inferSelect & { organizations: string[]; held: boolean };
export type ProvenanceRow = typeof provenance.$inferSelect;
export type NewOrganization = typeof organizations.$inferInsert;
export type NewProgramme = typeof programmes.$inferInsert;
export type NewCase = typeof cases.$inferInsert;
export type EntityType = 'organization' | 'programme' | 'case';

export async function organizationsByIds(db: Db, ids: string[]): Promise<OrganizationRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(organizations).where(inArray(organizations.id, ids));
}

export async function programmesByIds(db: Db, ids: string[]): Promise<ProgrammeRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ ...getTableColumns(programmes), held: sql<boolean>`${programmeHeld('programmes')}` })
    .from(programmes)
    .where(inArray(programmes.id, ids));
  const ops = await db
    .select()
    .from(programmeOperators)
    .where(inArray(programmeOperators.programmeId, ids))
    .orderBy(asc(programmeOperators.position));
  return rows.map((r) => ({ ...r, operators: ops.filter((o) => o.programmeId === r.id).map((o) => o.organizationId) }));
}

export async function casesByIds(db: Db, ids: string[]): Promise<CaseRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ ...getTableColumns(cases), held: sql<boolean>`${caseHeld('cases')}` })
    .from(cases)
    .where(inArray(cases.id, ids));
  const orgs = await db.select().from(caseOrganizations).where(inArray(caseOrganizations.caseId, ids));
  return rows.map((r) => ({ ...r, organizations: orgs.filter((o) => o.caseId === r.id).map((o) => o.organizationId) }));
}

/**
 * The public programmes an organization operates and the public cases it took part in, by
 * name: what its page lists. Withdrawn programmes stay out, as they do from lists.
 */
export async function entriesOfOrganization(db: Db, organizationId: string): Promise<{ programmes: string[]; cases: string[] }> {
  const progs = await db
    .select({ id: programmes.id })
    .from(programmes)
    .innerJoin(programmeOperators, eq(programmeOperators.programmeId, programmes.id))
    .where(and(eq(programmeOperators.organizationId, organizationId), publicProgramme('programmes')))
    .orderBy(asc(programmes.name));
  const caseRows = await db
    .select({ id: cases.id })
    .from(cases)
    .innerJoin(caseOrganizations, eq(caseOrganizations.caseId, cases.id))
    .where(and(eq(caseOrganizations.organizationId, organizationId), publicCase('cases')))
    .orderBy(asc(cases.title));
  return { programmes: progs.map((r) => r.id), cases: caseRows.map((r) => r.id) };
}

/**
 * The provenance of entries. A run writes nothing to the records it finds unchanged, so a live
 * record was last seen when its source was last read in full, if that is later than its own
 * last change.
 */
export async function provenanceOf(db: Db, entityType: EntityType, ids: string[]): Promise<ProvenanceRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ row: provenance, lastComplete: sources.lastCompleteAt })
    .from(provenance)
    .innerJoin(sources, eq(sources.id, provenance.sourceId))
    .where(and(eq(provenance.entityType, entityType), inArray(provenance.entityId, ids)))
    .orderBy(asc(provenance.firstSeen));
  return rows.map(({ row, lastComplete }) => ({
    ...row,
    lastSeen: !row.withdrawnAt && lastComplete && lastComplete > row.lastSeen ? lastComplete : row.lastSeen,
  }));
}

export async function insertOrganizations(db: Db, rows: NewOrganization[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const out = await db.insert(organizations).values(rows).returning({ id: organizations.id });
  return out.map((r) => r.id);
}

/** The fields of an organization a feed fills. */
export type FeedOrganization = Pick<NewOrganization, 'name' | 'acronym' | 'kind' | 'country' | 'website' | 'email' | 'phone' | 'address' | 'description' | 'services' | 'sectors' | 'languages' | 'networks'>;

/**
 * Inserts many feed organizations in one statement whose rows travel as a single JSON
 * parameter: a query builder spends longer composing a thousand rows' parameters than
 * PostgreSQL spends storing them. Returns the new ids in order.
 */
export async function insertFeedOrganizations(db: Db, rows: FeedOrganization[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const withIds = rows.map((r) => ({ ...r, id: crypto.randomUUID() }));
  await db.execute(
    sql`insert into organizations (id, name, acronym, kind, country, website, email, phone, address, description, services, sectors, languages, networks)
        select id, name, acronym, kind, country, website, email, phone, address, description, services, sectors, languages, networks
        from jsonb_to_recordset(${JSON.stringify(withIds)}::jsonb) as r(id uuid, name text, acronym text, kind text, country char(2), website text, email text, phone text,
          address jsonb, description text, services text[], sectors text[], languages text[], networks text[])`,
  );
  return withIds.map((r) => r.id);
}

export async function insertProgramme(db: Db, row: NewProgramme, operatorIds: string[]): Promise<string> {
  const [out] = await db.insert(programmes).values(row).returning({ id: programmes.id });
  if (!out) throw new Error('insert returned no row');
  if (operatorIds.length > 0) {
    await db.insert(programmeOperators).values(operatorIds.map((organizationId, position) => ({ programmeId: out.id, organizationId, position })));
  }
  return out.id;
}

export async function insertCase(db: Db, row: NewCase, organizationIds: string[]): Promise<string> {
  const [out] = await db.insert(cases).values(row).returning({ id: cases.id });
  if (!out) throw new Error('insert returned no row');
  if (organizationIds.length > 0) {
    await db.insert(caseOrganizations).values(organizationIds.map((organizationId) => ({ caseId: out.id, organizationId })));
  }
  return out.id;
}

/** Ids of the programmes that any of these organizations operates, deleted ones left out. */
export async function programmeIdsOperatedBy(db: Db, organizationIds: string[]): Promise<string[]> {
  if (organizationIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: programmes.id, name: programmes.name })
    .from(programmes)
    .innerJoin(programmeOperators, eq(programmeOperators.programmeId, programmes.id))
    .where(and(inArray(programmeOperators.organizationId, organizationIds), isNull(programmes.deletedAt)))
    .orderBy(asc(programmes.name));
  return rows.map((r) => r.id);
}

/** Ids of the cases that name any of these organizations, deleted ones left out. */
export async function caseIdsOf(db: Db, organizationIds: string[]): Promise<string[]> {
  if (organizationIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: cases.id, title: cases.title })
    .from(cases)
    .innerJoin(caseOrganizations, eq(caseOrganizations.caseId, cases.id))
    .where(and(inArray(caseOrganizations.organizationId, organizationIds), isNull(cases.deletedAt)))
    .orderBy(asc(cases.title));
  return rows.map((r) => r.id);
}

export async function countDemoEntries(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(organizations).where(eq(organizations.demo, true));
  return row?.n ?? 0;
}

export interface DirectionRow {
  id: string;
  direction: string | null;
  origin: string[];
  target: string[];
  supporters: string[];
}

/** Each live programme's countries and its funders' and operators' countries. */
export async function programmeDirectionInputs(db: Db): Promise<DirectionRow[]> {
  return db
    .select({
      id: programmes.id,
      direction: programmes.direction,
      origin: programmes.originCountries,
      target: programmes.targetCountries,
      supporters: sql<string[]>`${programmes.funderCountries} || coalesce((
        select array_agg(o.country::text) from programme_operators po join organizations o on o.id = po.organization_id
        where po.programme_id = ${programmes.id}), '{}')`,
    })
    .from(programmes)
    .where(isNull(programmes.deletedAt));
}

/** Writes new directions; each changed programme gets a new change number and updatedAt. */
export async function setProgrammeDirections(db: Db, changes: { id: string; direction: Direction | null }[]): Promise<void> {
  for (const c of changes) {
    await db
      .update(programmes)
      .set({ direction: c.direction, ...touched })
      .where(eq(programmes.id, c.id));
  }
}
