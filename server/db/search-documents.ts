/**
 * What the search index (server/search-index/) reads of the store of record: each public
 * entry as a document (its words by weight, its filter and facet values), the position in the
 * changes feed from which to follow writes, and the words of what a firm typed.
 *
 * The words are read with the same text search configuration as the query's words
 * (`to_tsvector('simple', pn_unaccent(...))`, see queryWords): A for names, B for short
 * labels, C for descriptions.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { ChangePosition } from './changes';
import type { Database } from './client';
import { publicCase, publicOrganization, publicProgramme } from './visibility';

export type EntityKind = 'organization' | 'programme' | 'case';

/** The fields read from an entry's row and the rows it names; a document carries the values it has of each. */
export const storedFields = ['country', 'kind', 'network', 'sector', 'service', 'partnershipType', 'direction'] as const;
/** The fields the index derives from the countries (from the reference data). */
export const countryFields = ['region', 'subregion', 'intermediateRegion', 'ldc'] as const;
/** The fields a list filters or counts by. */
export type DocumentField = (typeof storedFields)[number] | (typeof countryFields)[number];

export interface SearchDocument {
  id: string;
  /** lower(unaccent(name)): lists without words are in this order, then by id. */
  sortName: string;
  /** The distinct words of the names (A), the short labels (B) and the descriptions (C). */
  words: { a: string[]; b: string[]; c: string[] };
  /** Values per field; `ldc` is ['true'] or ['false'] for an entry with countries, [] without. */
  values: Record<DocumentField, string[]>;
  /** Milliseconds since the epoch; null for cases, which are not confirmed. */
  confirmedAt: number | null;
}

/**
 * Lists travel as one string each, their items apart by the unit separator: parsing a dozen
 * arrays per row costs more than reading the rows.
 */
const SEPARATOR = '\u001f';
const joined = (list: SQL) => sql`array_to_string(${list}, chr(31))`;
const lexemes = (text: SQL) => joined(sql`tsvector_to_array(to_tsvector('simple', pn_unaccent(${text})))`);
/** The words of an entry's names (a), short labels (b) and descriptions (c). */
const wordsOf = (a: SQL, b: SQL, c: SQL) => sql`${lexemes(a)} as a, ${lexemes(b)} as b, ${lexemes(c)} as c`;
const distinct = (select: SQL) => joined(sql`array(select distinct v from (${select}) x(v) where v is not null)`);

/** The kinds and networks of the organizations an entry names, read through `linked` (a join ending in alias o). */
const organizationValues = (linked: SQL) => sql`
  ${distinct(sql`select o.kind ${linked}`)} as kind,
  ${distinct(sql`select unnest(o.networks) ${linked}`)} as network`;

const liveProgramme = publicProgramme('p');
const liveOrganization = publicOrganization('o');

/** Each kind's public rows as documents, over alias e. Filters that read related entries read them as the SQL lists did. */
const selects: Record<EntityKind, { from: SQL; visible: SQL; columns: SQL }> = {
  organization: {
    from: sql`organizations e`,
    visible: publicOrganization('e'),
    columns: sql`
      ${wordsOf(sql`coalesce(e.name, '') || ' ' || coalesce(e.acronym, '')`, sql`pn_join(e.networks) || ' ' || replace(e.kind, '-', ' ')`, sql`coalesce(e.description, '')`)},
      e.country::text as country,
      e.kind, ${joined(sql`e.networks`)} as network, ${joined(sql`e.sectors`)} as sector, ${joined(sql`e.services`)} as service,
      ${distinct(sql`select unnest(p.partnership_types) from programme_operators po join programmes p on p.id = po.programme_id where po.organization_id = e.id and ${liveProgramme}`)} as "partnershipType",
      ${distinct(sql`select p.direction from programme_operators po join programmes p on p.id = po.programme_id where po.organization_id = e.id and ${liveProgramme}`)} as direction,
      e.confirmed_at as "confirmedAt"`,
  },
  programme: {
    from: sql`programmes e`,
    visible: publicProgramme('e'),
    columns: sql`
      ${wordsOf(sql`coalesce(e.name, '')`, sql`pn_join(e.partnership_types || e.services)`, sql`coalesce(e.description, '')`)},
      ${distinct(sql`select unnest(e.origin_countries || e.target_countries)`)} as country,
      ${organizationValues(sql`from programme_operators po join organizations o on o.id = po.organization_id where po.programme_id = e.id and ${liveOrganization}`)},
      ${joined(sql`e.sectors`)} as sector, ${joined(sql`e.services`)} as service, ${joined(sql`e.partnership_types`)} as "partnershipType",
      coalesce(e.direction, '') as direction,
      e.confirmed_at as "confirmedAt"`,
  },
  case: {
    from: sql`cases e`,
    visible: publicCase('e'),
    columns: sql`
      ${wordsOf(sql`coalesce(e.title, '')`, sql`coalesce(e.partnership_type, '') || ' ' || coalesce(e.summary, '')`, sql`coalesce(e.outcome, '') || ' ' || coalesce(e.lessons, '')`)},
      ${distinct(sql`select unnest(e.countries)`)} as country,
      ${organizationValues(sql`from case_organizations co join organizations o on o.id = co.organization_id where co.case_id = e.id`)},
      ${joined(sql`e.sectors`)} as sector,
      ${distinct(sql`select unnest(p.services) from programmes p where p.id = e.programme_id`)} as service,
      coalesce(e.partnership_type, '') as "partnershipType",
      ${distinct(sql`select p.direction from programmes p where p.id = e.programme_id`)} as direction,
      null::timestamptz as "confirmedAt"`,
  },
};

type DocumentRow = { id: string; sortName: string; a: string; b: string; c: string; confirmedAt: Date | string | null } & Record<(typeof storedFields)[number], string>;

const split = (list: string | null) => (list ? list.split(SEPARATOR) : []);

function toDocument(row: DocumentRow): SearchDocument {
  const values: Record<DocumentField, string[]> = { region: [], subregion: [], intermediateRegion: [], ldc: [], country: [], kind: [], network: [], sector: [], service: [], partnershipType: [], direction: [] };
  for (const field of storedFields) values[field] = split(row[field]);
  return {
    id: row.id,
    sortName: row.sortName,
    words: { a: split(row.a), b: split(row.b), c: split(row.c) },
    values,
    confirmedAt: row.confirmedAt === null ? null : new Date(row.confirmedAt).getTime(),
  };
}

async function read(database: Database, kind: EntityKind, where: SQL, tail: SQL): Promise<SearchDocument[]> {
  const { from, visible, columns } = selects[kind];
  const rows = await database.rows<DocumentRow>(sql`
    select e.id, e.sort_name as "sortName", ${columns} from ${from} where ${visible} and ${where} ${tail}`);
  return rows.map(toDocument);
}

/**
 * The public entries among the next `limit` entries of `kind` after `afterId` (and up to
 * `upTo`, inclusive) in id order, and the last id of those (null when there are no more): the
 * index is built from these pages.
 */
export async function documentsAfter(
  database: Database,
  kind: EntityKind,
  afterId: string,
  upTo: string,
  limit: number,
): Promise<{ documents: SearchDocument[]; last: string | null }> {
  // The page's ids are read first, from the primary key alone: asked with the documents'
  // columns, the planner may read the whole table and sort it for every page of a large directory.
  const { from } = selects[kind];
  const ids = await database.rows<{ id: string }>(
    sql`select e.id from ${from} where e.id > ${afterId}::uuid and e.id <= ${upTo}::uuid order by e.id limit ${limit}`,
  );
  const last = ids.length === limit ? (ids[ids.length - 1]?.id ?? null) : null;
  return { documents: await documentsOf(database, kind, ids.map((r) => r.id)), last };
}

/** The public entries among `ids`; an id missing from the answer is not (or no longer) public. */
export function documentsOf(database: Database, kind: EntityKind, ids: string[]): Promise<SearchDocument[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return read(database, kind, sql`e.id = any(${sql.param(ids)}::uuid[])`, sql``);
}

/**
 * The entries whose documents read `changed` ones: an organization's programmes and cases
 * (their operators' kinds and networks, whether they are held), a programme's operators
 * (the partnership types they offer) and cases (its direction and services).
 */
export async function relatedEntries(database: Database, changed: { organization: string[]; programme: string[] }): Promise<Record<EntityKind, string[]>> {
  const orgs = sql.param(changed.organization);
  const programmes = sql.param(changed.programme);
  const [row] = await database.rows<Record<EntityKind, string[] | null>>(sql`
    select
      array(select distinct po.organization_id from programme_operators po where po.programme_id = any(${programmes}::uuid[])) as organization,
      array(select distinct po.programme_id from programme_operators po where po.organization_id = any(${orgs}::uuid[])) as programme,
      array(select distinct co.case_id from case_organizations co where co.organization_id = any(${orgs}::uuid[])
            union select c.id from cases c where c.programme_id = any(${programmes}::uuid[])) as "case"`);
  return { organization: row?.organization ?? [], programme: row?.programme ?? [], case: row?.case ?? [] };
}

/**
 * Where a follower of the changes feed starts when it has read every entry from now on:
 * just before the oldest transaction that may still be running, so a write that commits while
 * the entries are read is read again from the feed.
 */
export async function followFrom(database: Database): Promise<ChangePosition> {
  const [row] = await database.rows<{ xid: string }>(sql`select (pg_snapshot_xmin(pg_current_snapshot())::text::bigint - 1)::text as xid`);
  return { xid: row?.xid ?? '0', seq: Number.MAX_SAFE_INTEGER };
}

/**
 * Every change committed after `after`, including those the changes feed does not serve yet
 * (a transaction older than them is still running): the index reads them too, so a write is
 * searchable at once though the feed holds it back. At most `limit`, oldest first.
 */
export async function recentChanges(database: Database, after: ChangePosition, limit: number): Promise<{ type: EntityKind; id: string; stamp: string }[]> {
  const tables = [sql`select 'organization' as type, id, change_xid, change_seq from organizations`, sql`select 'programme', id, change_xid, change_seq from programmes`, sql`select 'case', id, change_xid, change_seq from cases`];
  return database.rows(sql`
    select c.type, c.id, c.change_xid::text || ':' || c.change_seq as stamp
    from (${sql.join(
      tables.map((t) => sql`(${t} x where (x.change_xid, x.change_seq) > (${after.xid}::xid8, ${after.seq}::bigint))`),
      sql` union all `,
    )}) c(type, id, change_xid, change_seq)
    order by c.change_xid, c.change_seq limit ${limit}`);
}

/**
 * The database's current snapshot, as text: it is the same as before only if no transaction
 * has started or ended since, so a follower that sees it unchanged has nothing new to read.
 */
export async function currentSnapshot(database: Database): Promise<string> {
  const [row] = await database.rows<{ snapshot: string }>(sql`select pg_current_snapshot()::text as snapshot`);
  return row?.snapshot ?? '';
}

/** The words of what a firm typed, read as the entries' words are, in the order typed. */
export async function queryWords(database: Database, q: string): Promise<{ word: string; pos: number }[]> {
  return database.rows(sql`
    select w.lexeme as word, w.positions[1] as pos from unnest(to_tsvector('simple', pn_unaccent(${q}))) w order by pos`);
}

/** Where a country is: its regions at each level, and whether it is a least developed country. */
export interface CountryPlace {
  region: string | null;
  subregion: string | null;
  intermediateRegion: string | null;
  ldc: boolean;
}

/** Every country of the countries table, by alpha-2 code: the index reads an entry's regions from its countries, as lists always have. */
export async function countryPlaces(database: Database): Promise<Map<string, CountryPlace>> {
  const rows = await database.rows<CountryPlace & { alpha2: string }>(sql`
    select alpha2::text as alpha2, region::text as region, subregion::text as subregion, intermediate_region::text as "intermediateRegion", ldc from countries`);
  return new Map(rows.map(({ alpha2, ...place }) => [alpha2, place]));
}

/**
 * What the documents of this module are read from: the cluster, the database and its
 * organizations table (a database made again gets a new one). A snapshot of the search index
 * taken of another database, or of documents shaped otherwise (DOCUMENTS_VERSION), is not used.
 */
export async function documentSource(database: Database): Promise<string> {
  const [row] = await database.rows<{ source: string }>(sql`
    select concat_ws(':', (select system_identifier::text from pg_control_system()), current_database(), 'organizations'::regclass::oid::text) as source`);
  return `${DOCUMENTS_VERSION}:${row?.source ?? ''}`;
}

/** Bumped whenever the documents read here change shape or content. */
const DOCUMENTS_VERSION = 1;
