/**
 * The search index counts facets with bitmaps; these counts must be the ones SQL gives over
 * the same entries. A seeded directory of varied entries (some not public) is listed through
 * the API with words and filters, and every facet is compared with a count written in SQL.
 */
import { sql } from 'drizzle-orm';
import request from 'supertest';
import { makeOrganization, makeProgramme } from '../factories';
import { bodyOf, testApp, type TestApp } from '../support';

let t: TestApp;

const COUNTRIES = ['KE', 'SN', 'BR', 'IN', 'DE', 'ET', 'GH', 'KH', 'UG', 'FR', 'BD', 'MX'];
const KINDS = ['investment-promotion-agency', 'entrepreneurship-centre', 'chamber-of-commerce', 'incubator'] as const;
const SECTORS = ['A', 'C10', 'C13', 'J62', 'M72'];
const SERVICES = ['training', 'partner-search', 'legal-advice', 'study-tours'];
const NETWORKS = ['empretec', 'waipa', 'een'];
const WORDS = ['investment', 'promotion', 'export', 'trade', 'textile', 'agriculture', 'software', 'training', 'women', 'finance'];
const TYPES = ['joint-venture', 'subcontracting', 'technology-licensing', 'franchising'];

// The same directory on every run.
let seed = 7;
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const some = <T>(xs: readonly T[]): T[] => xs.filter(() => rand() < 0.35);

beforeAll(async () => {
  t = await testApp();
  // A country of the countries table the reference files do not know (one they dropped, say):
  // lists read its region and LDC status from the table, as they always have.
  await t.ctx.database.rows(sql`
    insert into countries (alpha2, alpha3, m49, region, subregion, intermediate_region, name_en, name_fr, name_es, status, ldc)
    values ('ZZ', 'ZZZ', '999', '002', '202', '014', 'Testland', 'Testland', 'Testland', 'developing', true)`);
  const orgs: string[] = [await makeOrganization(t.ctx, { name: 'Testland Export Board', country: 'ZZ', description: 'export' })];
  for (let i = 0; i < 80; i += 1) {
    const state = i % 11 === 0 ? 'pending' : 'published';
    orgs.push(
      await makeOrganization(t.ctx, {
        name: `${pick(WORDS)} ${pick(['Agency', 'Centre', 'Chamber', 'Board'])} ${i}`,
        kind: pick(KINDS),
        country: pick(COUNTRIES),
        sectors: some(SECTORS),
        services: some(SERVICES),
        networks: some(NETWORKS),
        description: `${pick(WORDS)} and ${pick(WORDS)} for firms.`,
        state,
        withdrawnAt: i % 13 === 0 ? new Date() : null,
      }),
    );
  }
  for (let i = 0; i < 30; i += 1) {
    await makeProgramme(
      t.ctx,
      { name: `${pick(WORDS)} partnership ${i}`, originCountries: [pick(COUNTRIES)], targetCountries: some(COUNTRIES).slice(0, 3), partnershipTypes: some(TYPES), services: some(SERVICES), sectors: some(SECTORS), description: `${pick(WORDS)} programme` },
      [pick(orgs), pick(orgs)].filter((id, j, all) => all.indexOf(id) === j),
    );
  }
});
afterAll(() => t.close());

type Facets = Record<string, { value: string | boolean; count: number }[]>;

/** The facets of the entries SQL selects with `where` (over organizations o), counted in SQL as the lists did before the index. */
async function organizationFacetsInSql(where: ReturnType<typeof sql>): Promise<{ total: number; facets: Facets }> {
  const liveProgramme = sql`p.state = 'published' and p.deleted_at is null and p.withdrawn_at is null and not exists (
    select 1 from programme_operators hp join organizations ho on ho.id = hp.organization_id where hp.programme_id = p.id and ho.state <> 'published')`;
  const grouped = (select: ReturnType<typeof sql>) =>
    sql`(select coalesce(json_agg(json_build_object('value', f.value, 'count', f.n) order by f.n desc, f.value), '[]'::json) from (${select}) f)`;
  const [row] = await t.ctx.database.rows<{ total: number; facets: Facets }>(sql`
    with base as materialized (
      select o.* from organizations o
      where o.state = 'published' and o.deleted_at is null and o.withdrawn_at is null and ${where})
    select (select count(*)::int from base) as total, json_build_object(
      'country', ${grouped(sql`select b.country::text as value, count(*)::int as n from base b group by b.country`)},
      'region', ${grouped(sql`select c.region::text as value, count(*)::int as n from base b join countries c on c.alpha2 = b.country where c.region is not null group by c.region`)},
      'subregion', ${grouped(sql`select c.subregion::text as value, count(*)::int as n from base b join countries c on c.alpha2 = b.country where c.subregion is not null group by c.subregion`)},
      'ldc', ${grouped(sql`select c.ldc as value, count(*)::int as n from base b join countries c on c.alpha2 = b.country group by c.ldc`)},
      'kind', ${grouped(sql`select b.kind as value, count(*)::int as n from base b group by b.kind`)},
      'network', ${grouped(sql`select v as value, count(*)::int as n from base b, unnest(b.networks) v group by v`)},
      'sector', ${grouped(sql`select v as value, count(*)::int as n from base b, unnest(b.sectors) v group by v`)},
      'service', ${grouped(sql`select v as value, count(*)::int as n from base b, unnest(b.services) v group by v`)},
      'partnershipType', ${grouped(sql`select v as value, count(distinct b.id)::int as n from base b join programme_operators po on po.organization_id = b.id join programmes p on p.id = po.programme_id and ${liveProgramme}, unnest(p.partnership_types) v group by v`)},
      'direction', ${grouped(sql`select p.direction as value, count(distinct b.id)::int as n from base b join programme_operators po on po.organization_id = b.id join programmes p on p.id = po.programme_id and ${liveProgramme} where p.direction is not null group by p.direction`)}
    ) as facets`);
  if (!row) throw new Error('no row');
  return row;
}

/** The words of an organization, as the index reads them, matched against a tsquery in SQL. */
const holds = (tsquery: string) =>
  sql`to_tsvector('simple', pn_unaccent(coalesce(o.name, '') || ' ' || coalesce(o.acronym, '') || ' ' || pn_join(o.networks) || ' ' || replace(o.kind, '-', ' ') || ' ' || coalesce(o.description, ''))) @@ to_tsquery('simple', ${tsquery})`;

const cases: { title: string; query: Record<string, string>; where: ReturnType<typeof sql> }[] = [
  { title: 'no words, no filters', query: {}, where: sql`true` },
  { title: 'a country', query: { country: 'KE' }, where: sql`o.country = 'KE'` },
  { title: 'a region (Africa, at any level)', query: { region: '002' }, where: sql`exists (select 1 from countries c where c.alpha2 = o.country and '002' in (c.region, c.subregion, c.intermediate_region))` },
  { title: 'two services and a kind', query: { service: 'training,legal-advice', kind: 'incubator' }, where: sql`o.services && array['training','legal-advice'] and o.kind = 'incubator'` },
  { title: 'least developed countries', query: { ldc: 'true' }, where: sql`exists (select 1 from countries c where c.alpha2 = o.country and c.ldc)` },
  { title: 'not least developed countries', query: { ldc: 'false' }, where: sql`not exists (select 1 from countries c where c.alpha2 = o.country and c.ldc)` },
  { title: 'a word', query: { q: 'investment ', places: 'none' }, where: holds('investment') },
  { title: 'a prefix', query: { q: 'tra', places: 'none' }, where: holds('tra:*') },
  { title: 'two words and a network', query: { q: 'agency export', places: 'none', network: 'empretec' }, where: sql`${holds('agency & export:*')} and o.networks && array['empretec']` },
  {
    title: 'a partnership type offered through live programmes',
    query: { partnershipType: 'joint-venture' },
    where: sql`exists (select 1 from programme_operators po join programmes p on p.id = po.programme_id where po.organization_id = o.id and p.state = 'published' and p.deleted_at is null and p.withdrawn_at is null and 'joint-venture' = any(p.partnership_types)
      and not exists (select 1 from programme_operators hp join organizations ho on ho.id = hp.organization_id where hp.programme_id = p.id and ho.state <> 'published'))`,
  },
];

describe('When a firm lists organizations with words and filters', () => {
  it.each(cases)('then the total and every facet count of "$title" are the counts SQL gives', async ({ query, where }) => {
    const res = await request(t.app).get('/api/v1/organizations').query({ ...query, limit: '100' });
    expect(res.status).toBe(200);
    const expected = await organizationFacetsInSql(where);
    expect(expected.total).toBeGreaterThan(0);
    const body = bodyOf<{ total: number; facets: Facets }>(res);
    expect(body.total).toBe(expected.total);
    expect(body.facets).toEqual(expected.facets);
  });
});

describe('When a programme names a country both as an origin and as a target', () => {
  it('then the country facet counts the programme once', async () => {
    const operator = await makeOrganization(t.ctx, { name: 'Nairobi Cassava Cooperative', country: 'KE' });
    await makeProgramme(t.ctx, { name: 'Cassava flour twinning', originCountries: ['KE'], targetCountries: ['KE', 'TZ'], partnershipTypes: ['joint-venture'] }, [operator]);
    const res = await request(t.app).get('/api/v1/programmes').query({ q: 'cassava twinning', places: 'none' });
    expect(res.status).toBe(200);
    const body = bodyOf<{ total: number; facets: Facets }>(res);
    expect(body.total).toBe(1);
    expect(body.facets.country).toEqual([
      { value: 'KE', count: 1 },
      { value: 'TZ', count: 1 },
    ]);
  });
});
