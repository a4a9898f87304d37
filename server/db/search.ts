/**
 * Lists of organizations, programmes and cases: full-text search, filters, exact facet
 * counts over the whole filtered result, and keyset pagination (rank or name, then id),
 * all in one statement so a page costs one round trip after the text query is planned.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from './client';
import { planSearch, type PlannedPlace, type SearchPlan } from './text-query';
import { publicCase, publicOrganization, publicProgramme } from './visibility';

export type EntityKind = 'organization' | 'programme' | 'case';

export interface ListFilters {
  q?: string;
  country: string[];
  region: string[];
  sector: string[];
  service: string[];
  partnershipType: string[];
  kind: string[];
  network: string[];
  direction: string[];
  ldc?: boolean;
  /** Only entries confirmed within the last 12 months. */
  confirmed?: 'recent';
  /** `none`: read every word of `q` as a word, not the names of places among them as places. */
  places?: 'auto' | 'none';
}

/** Where the previous page stopped: by relevance when searching text, by name otherwise. */
export type SortKey = { by: 'rank'; rank: number; id: string } | { by: 'name'; name: string; id: string };

export type FacetValue = { value: string | boolean; count: number };

/** How the search read `q`: the places it named, the words it corrected, and whether entries hold all of them. */
export interface Understood {
  places: { type: PlannedPlace['type']; code: string }[];
  corrected: string | null;
  /** `some`: no entry held every word and place, so words were left out (the last typed first). */
  match: 'all' | 'some';
  /** The words left out, as read. */
  leftOut: string[];
}

export interface ListResult {
  ids: string[];
  total: number;
  facets: Record<string, FacetValue[]>;
  next: SortKey | null;
  understood: Understood | null;
}

const arr = (values: string[]) => sql`${`{${values.map((v) => `"${v.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`}::text[]`;

/** How one entity kind is stored: its table, what the public sees, and how each filter and facet reads it. */
interface Spec {
  from: SQL;
  visible: SQL;
  /** Columns carried into the filtered set, besides id, sort_name and rank. */
  columns: SQL;
  /** The countries an entry reaches, as a text[] over alias e. */
  countries: SQL;
  /** How each filter reads; every kind filters by country, which places named in `q` use too. */
  filters: Partial<Record<keyof ListFilters, (values: string[]) => SQL>> & { country: (values: string[]) => SQL };
  facets: Record<string, SQL>;
  /** Further CTEs over `base` that several facets share. */
  ctes?: SQL;
  /**
   * Whether the other filters already narrow the rows so much that testing each row's
   * text beats the full-text index (whose posting lists for common words are long).
   */
  narrow?: (filters: ListFilters) => boolean;
}

const countriesIn = (countries: SQL, where: SQL) => sql`exists (select 1 from countries c where c.alpha2 = any(${countries}) and ${where})`;
const regionMatch = (values: string[]) => sql`(c.region = any(${arr(values)}) or c.subregion = any(${arr(values)}) or c.intermediate_region = any(${arr(values)}))`;

/** value/count rows of a grouped select, as a JSON array ordered by count then value. */
const facet = (select: SQL) =>
  sql`(select coalesce(json_agg(json_build_object('value', f.value, 'count', f.n) order by f.n desc, f.value), '[]'::json) from (${select}) f)`;

/** Facets over b.countries (a text[] of the entries in the filtered set). */
const countryFacets = {
  country: facet(sql`select v as value, count(distinct b.id)::int as n from base b, unnest(b.countries) v group by v`),
  region: facet(
    sql`select c.region::text as value, count(distinct b.id)::int as n from base b, unnest(b.countries) v join countries c on c.alpha2 = v where c.region is not null group by c.region`,
  ),
  subregion: facet(
    sql`select c.subregion::text as value, count(distinct b.id)::int as n from base b, unnest(b.countries) v join countries c on c.alpha2 = v where c.subregion is not null group by c.subregion`,
  ),
  ldc: facet(
    sql`select x.ldc as value, count(*)::int as n from (select bool_or(c.ldc) as ldc from base b, unnest(b.countries) v join countries c on c.alpha2 = v group by b.id) x group by x.ldc`,
  ),
};
/** For entries in one country each: count once per country, then roll the few rows up into regions. */
const countryRollups = {
  country: facet(sql`select cc.country as value, cc.n from cc`),
  region: facet(sql`select c.region::text as value, sum(cc.n)::int as n from cc join countries c on c.alpha2 = cc.country where c.region is not null group by c.region`),
  subregion: facet(sql`select c.subregion::text as value, sum(cc.n)::int as n from cc join countries c on c.alpha2 = cc.country where c.subregion is not null group by c.subregion`),
  ldc: facet(sql`select c.ldc as value, sum(cc.n)::int as n from cc join countries c on c.alpha2 = cc.country group by c.ldc`),
};

const arrayFacet = (column: string) => facet(sql`select v as value, count(*)::int as n from base b, unnest(b.${sql.raw(column)}) v group by v`);

const liveProgramme = publicProgramme('p');
const liveOrganization = publicOrganization('o');

const specs: Record<EntityKind, Spec> = {
  organization: {
    from: sql`organizations e`,
    visible: publicOrganization('e'),
    columns: sql`e.kind, e.networks, e.sectors, e.services, e.country::text as country`,
    countries: sql`array[e.country::text]`,
    filters: {
      country: (v) => sql`e.country = any(${arr(v)}::char(2)[])`,
      sector: (v) => sql`e.sectors && ${arr(v)}`,
      service: (v) => sql`e.services && ${arr(v)}`,
      kind: (v) => sql`e.kind = any(${arr(v)})`,
      network: (v) => sql`e.networks && ${arr(v)}`,
      partnershipType: (v) =>
        sql`exists (select 1 from programme_operators po join programmes p on p.id = po.programme_id where po.organization_id = e.id and ${liveProgramme} and p.partnership_types && ${arr(v)})`,
      direction: (v) =>
        sql`exists (select 1 from programme_operators po join programmes p on p.id = po.programme_id where po.organization_id = e.id and ${liveProgramme} and p.direction = any(${arr(v)}))`,
    },
    // A handful of countries is a small slice of the directory: read it by the country index.
    narrow: (f) => f.country.length > 0 && f.country.length <= 5,
    ctes: sql`, cc as materialized (select b.country, count(*)::int as n from base b group by b.country)`,
    facets: {
      ...countryRollups,
      kind: facet(sql`select b.kind as value, count(*)::int as n from base b group by b.kind`),
      network: arrayFacet('networks'),
      sector: arrayFacet('sectors'),
      service: arrayFacet('services'),
      partnershipType: facet(
        sql`select v as value, count(distinct b.id)::int as n from base b join programme_operators po on po.organization_id = b.id join programmes p on p.id = po.programme_id and ${liveProgramme}, unnest(p.partnership_types) v group by v`,
      ),
      direction: facet(
        sql`select p.direction as value, count(distinct b.id)::int as n from base b join programme_operators po on po.organization_id = b.id join programmes p on p.id = po.programme_id and ${liveProgramme} where p.direction is not null group by p.direction`,
      ),
    },
  },
  programme: {
    from: sql`programmes e`,
    visible: publicProgramme('e'),
    columns: sql`e.direction, e.sectors, e.services, e.partnership_types, (e.origin_countries || e.target_countries) as countries`,
    countries: sql`(e.origin_countries || e.target_countries)`,
    filters: {
      country: (v) => sql`(e.origin_countries && ${arr(v)} or e.target_countries && ${arr(v)})`,
      sector: (v) => sql`e.sectors && ${arr(v)}`,
      service: (v) => sql`e.services && ${arr(v)}`,
      partnershipType: (v) => sql`e.partnership_types && ${arr(v)}`,
      direction: (v) => sql`e.direction = any(${arr(v)})`,
      kind: (v) =>
        sql`exists (select 1 from programme_operators po join organizations o on o.id = po.organization_id where po.programme_id = e.id and ${liveOrganization} and o.kind = any(${arr(v)}))`,
      network: (v) =>
        sql`exists (select 1 from programme_operators po join organizations o on o.id = po.organization_id where po.programme_id = e.id and ${liveOrganization} and o.networks && ${arr(v)})`,
    },
    facets: {
      ...countryFacets,
      direction: facet(sql`select b.direction as value, count(*)::int as n from base b where b.direction is not null group by b.direction`),
      sector: arrayFacet('sectors'),
      service: arrayFacet('services'),
      partnershipType: arrayFacet('partnership_types'),
      kind: facet(
        sql`select o.kind as value, count(distinct b.id)::int as n from base b join programme_operators po on po.programme_id = b.id join organizations o on o.id = po.organization_id and ${liveOrganization} group by o.kind`,
      ),
      network: facet(
        sql`select v as value, count(distinct b.id)::int as n from base b join programme_operators po on po.programme_id = b.id join organizations o on o.id = po.organization_id and ${liveOrganization}, unnest(o.networks) v group by v`,
      ),
    },
  },
  case: {
    from: sql`cases e`,
    visible: publicCase('e'),
    columns: sql`e.sectors, e.partnership_type, e.programme_id, e.countries`,
    countries: sql`e.countries`,
    filters: {
      country: (v) => sql`e.countries && ${arr(v)}`,
      sector: (v) => sql`e.sectors && ${arr(v)}`,
      partnershipType: (v) => sql`e.partnership_type = any(${arr(v)})`,
      direction: (v) => sql`exists (select 1 from programmes p where p.id = e.programme_id and p.direction = any(${arr(v)}))`,
      service: (v) => sql`exists (select 1 from programmes p where p.id = e.programme_id and p.services && ${arr(v)})`,
      kind: (v) =>
        sql`exists (select 1 from case_organizations co join organizations o on o.id = co.organization_id where co.case_id = e.id and o.kind = any(${arr(v)}))`,
      network: (v) =>
        sql`exists (select 1 from case_organizations co join organizations o on o.id = co.organization_id where co.case_id = e.id and o.networks && ${arr(v)})`,
    },
    facets: {
      ...countryFacets,
      sector: arrayFacet('sectors'),
      partnershipType: facet(
        sql`select b.partnership_type as value, count(*)::int as n from base b where b.partnership_type is not null group by b.partnership_type`,
      ),
      direction: facet(
        sql`select p.direction as value, count(*)::int as n from base b join programmes p on p.id = b.programme_id where p.direction is not null group by p.direction`,
      ),
    },
  },
};

interface PageRow {
  total: number;
  page: { id: string; rank: number | null; name: string }[] | null;
  facets: Record<string, FacetValue[]>;
}

/**
 * What `q` asks of an entry, and how well an entry answers it. Every word must be in its text
 * (with `leftOut`, every word but the last `leftOut` typed), and every place named must be
 * where it is based or works, or be mentioned in its text. Entries where the places are come
 * first, then by the rank of their text (ts_rank_cd scaled to 0-1) against every word and place,
 * so an entry holding a word left out still comes before one that does not.
 */
function textMatch(spec: Spec, plan: SearchPlan, narrow: boolean, leftOut: number): { where: SQL; rank: SQL } {
  const located = plan.places.map((p) => spec.filters.country(p.countries));
  // ts_match_vq is @@ spelt so that the planner cannot pick the full-text index.
  const holds = (tsquery: string) => (narrow ? sql`ts_match_vq(e.search, ${tsquery}::tsquery)` : sql`e.search @@ ${tsquery}::tsquery`);
  const kept = plan.words.slice(0, plan.words.length - leftOut);
  const where = sql.join(
    [...(kept.length ? [holds(kept.map((w) => w.tsquery).join(' & '))] : []), ...plan.places.map((p, i) => sql`(${located[i]} or ${holds(p.mentions)})`)],
    sql` and `,
  );
  const anyQuery = [...plan.words.map((w) => w.tsquery), ...plan.places.map((p) => p.mentions)].map((x) => `(${x})`).join(' | ');
  const placesThere = located.length ? sql.join(located.map((l) => sql`(${l})::int`), sql` + `) : sql`0`;
  return { where, rank: sql`(${placesThere} + ts_rank_cd(e.search, ${anyQuery}::tsquery, 32))::real` };
}

/**
 * One page of `kind` entries matching `filters`, after `after` when given. When no entry holds
 * every word and place of `q`, words are left out from the last typed until some entry holds the
 * rest (places are kept: a firm that names a country means it).
 */
export async function listEntries(
  database: Database,
  kind: EntityKind,
  filters: ListFilters,
  limit: number,
  after: SortKey | undefined,
  /** facets false: no facet counts (an empty object), for lists that show only the entries. */
  options: { facets: boolean } = { facets: true },
): Promise<ListResult> {
  const plan = filters.q ? await planSearch(database, filters.q, { places: filters.places !== 'none' }) : null;
  const understood = (leftOut: number): Understood | null =>
    plan && {
      places: plan.places.map(({ type, code }) => ({ type, code })),
      corrected: plan.corrected,
      match: leftOut ? 'some' : 'all',
      leftOut: plan.words.slice(plan.words.length - leftOut).map((w) => w.word),
    };
  // Something must be left to look for: a word, or a place.
  const mostLeftOut = plan ? (plan.places.length ? plan.words.length : Math.max(0, plan.words.length - 1)) : 0;
  let result = await listPlanned(database, kind, filters, plan, 0, limit, after, options.facets);
  let leftOut = 0;
  while (result.total === 0 && leftOut < mostLeftOut) {
    leftOut += 1;
    result = await listPlanned(database, kind, filters, plan, leftOut, limit, after, options.facets);
  }
  return { ...result, understood: understood(leftOut) };
}

async function listPlanned(
  database: Database,
  kind: EntityKind,
  filters: ListFilters,
  plan: SearchPlan | null,
  leftOut: number,
  limit: number,
  after: SortKey | undefined,
  counted: boolean,
): Promise<Omit<ListResult, 'understood'>> {
  const spec = specs[kind];
  const where: SQL[] = [spec.visible];
  const text = plan && textMatch(spec, plan, spec.narrow?.(filters) ?? false, leftOut);
  if (text) where.push(text.where);
  for (const [name, build] of Object.entries(spec.filters) as [keyof ListFilters, (v: string[]) => SQL][]) {
    const values = filters[name];
    if (Array.isArray(values) && values.length > 0) where.push(build(values));
  }
  if (filters.region.length > 0) where.push(countriesIn(spec.countries, regionMatch(filters.region)));
  if (filters.confirmed === 'recent' && kind !== 'case') where.push(sql`e.confirmed_at > now() - interval '12 months'`);
  if (filters.ldc !== undefined) {
    const anyLdc = countriesIn(spec.countries, sql`c.ldc`);
    where.push(filters.ldc ? anyLdc : sql`not ${anyLdc}`);
  }

  const rank = text ? text.rank : sql`null::real`;
  const order = text ? sql`b.rank desc, b.id` : sql`b.sort_name, b.id`;
  let keyset = sql`true`;
  if (after?.by === 'rank') keyset = sql`(b.rank < ${after.rank}::real or (b.rank = ${after.rank}::real and b.id > ${after.id}::uuid))`;
  if (after?.by === 'name') keyset = sql`(b.sort_name, b.id) > (${after.name}, ${after.id}::uuid)`;

  const facets = counted
    ? sql`json_build_object(${sql.join(
        Object.entries(spec.facets).map(([name, expr]) => sql`${sql.raw(`'${name}'`)}, ${expr}`),
        sql`, `,
      )})`
    : sql`'{}'::json`;
  const [row] = await database.rows<PageRow>(sql`
    with base as materialized (
      select e.id, e.sort_name, ${rank} as rank, ${spec.columns}
      from ${spec.from}
      where ${sql.join(where, sql` and `)}
    )${counted ? (spec.ctes ?? sql``) : sql``}
    select
      (select count(*)::int from base) as total,
      (select json_agg(json_build_object('id', b.id, 'rank', b.rank, 'name', b.sort_name) order by ${order}) from (
        select b.id, b.rank, b.sort_name from base b where ${keyset} order by ${order} limit ${limit + 1}
      ) b) as page,
      ${facets} as facets`);
  if (!row) throw new Error('list query returned no row');
  const page = row.page ?? [];
  const shown = page.slice(0, limit);
  const last = shown[shown.length - 1];
  let next: SortKey | null = null;
  if (page.length > limit && last) {
    next = text ? { by: 'rank', rank: last.rank ?? 0, id: last.id } : { by: 'name', name: last.name, id: last.id };
  }
  return { ids: shown.map((p) => p.id), total: row.total, facets: row.facets, next };
}
