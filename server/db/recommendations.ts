/**
 * Candidates for a firm's recommendations: public entries that plausibly fit (they reach one of
 * the firm's countries or work in its sector), pre-ordered by those two heaviest factors and
 * capped, so the scoring in TypeScript never reads more than `cap` rows of each kind however
 * large the directory is. Country filters use the country index and the GIN indexes on
 * programmes' countries; the sector filter the GIN index on sectors.
 */
import { sql } from 'drizzle-orm';
import type { Database } from './client';
import { publicOrganization, publicProgramme } from './visibility';

/** What the SQL narrows on: the firm's country, the partner countries (regions expanded), and the sector with its divisions. */
export interface CandidateFilter {
  country: string;
  partnerCountries: string[];
  sectorCodes: string[];
  cap: number;
}

export interface OrganizationCandidate {
  id: string;
  name: string;
  country: string;
  sectors: string[];
  services: string[];
  languages: string[];
  /** Partnership types of the live programmes it operates. */
  partnershipTypes: string[];
  /** Target countries of the live programmes it operates. */
  programmeTargets: string[];
  runsActiveProgramme: boolean;
  recentlyConfirmed: boolean;
}

export interface ProgrammeCandidate {
  id: string;
  name: string;
  originCountries: string[];
  targetCountries: string[];
  partnershipTypes: string[];
  services: string[];
  sectors: string[];
  firmSizes: string[];
  status: string;
  /** Languages of its live operators. */
  languages: string[];
  recentlyConfirmed: boolean;
}

const arr = (values: string[]) => sql`${`{${values.map((v) => `"${v.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`}::text[]`;
const liveProgramme = publicProgramme('p');
const recent = (alias: string) => sql.raw(`greatest(${alias}.confirmed_at, ${alias}.updated_at) > now() - interval '12 months'`);

export async function organizationCandidates(database: Database, f: CandidateFilter): Promise<OrganizationCandidate[]> {
  const partners = arr(f.partnerCountries);
  const sectors = arr(f.sectorCodes);
  return database.rows<OrganizationCandidate>(sql`
    with c as (
      select e.id, e.name, e.country::text as country, e.sectors, e.services, e.languages, ${recent('e')} as recent
      from organizations e
      where ${publicOrganization('e')}
        and (e.country = ${f.country} or e.country = any(${partners}::char(2)[]) or e.sectors && ${sectors})
      order by (case when e.country = ${f.country} then 20 when e.country = any(${partners}::char(2)[]) then 10 else 0 end)
             + (case when e.sectors && ${sectors} then 15 else 0 end) desc,
             greatest(e.confirmed_at, e.updated_at) desc, e.id
      limit ${f.cap})
    select c.id, c.name, c.country, c.sectors, c.services, c.languages, c.recent as "recentlyConfirmed",
      array(select distinct v from programme_operators po join programmes p on p.id = po.programme_id, unnest(p.partnership_types) v
            where po.organization_id = c.id and ${liveProgramme}) as "partnershipTypes",
      array(select distinct v from programme_operators po join programmes p on p.id = po.programme_id, unnest(p.target_countries) v
            where po.organization_id = c.id and ${liveProgramme}) as "programmeTargets",
      exists (select 1 from programme_operators po join programmes p on p.id = po.programme_id
              where po.organization_id = c.id and ${liveProgramme} and p.status = 'active') as "runsActiveProgramme"
    from c`);
}

export async function programmeCandidates(database: Database, f: CandidateFilter): Promise<ProgrammeCandidate[]> {
  const partners = arr(f.partnerCountries);
  const sectors = arr(f.sectorCodes);
  const own = arr([f.country]);
  return database.rows<ProgrammeCandidate>(sql`
    with c as (
      select p.id, p.name, p.origin_countries, p.target_countries, p.partnership_types, p.services, p.sectors, p.firm_sizes, p.status, ${recent('p')} as recent
      from programmes p
      where ${liveProgramme} and p.status <> 'closed'
        and (p.origin_countries && ${own} or p.target_countries && ${own} or p.origin_countries && ${partners} or p.target_countries && ${partners} or p.sectors && ${sectors})
      order by (case when p.origin_countries && ${own} or p.target_countries && ${own} then 20 else 0 end)
             + (case when p.origin_countries && ${partners} or p.target_countries && ${partners} then 10 else 0 end)
             + (case when p.sectors && ${sectors} then 15 else 0 end) desc,
             greatest(p.confirmed_at, p.updated_at) desc, p.id
      limit ${f.cap})
    select c.id, c.name, c.origin_countries as "originCountries", c.target_countries as "targetCountries", c.partnership_types as "partnershipTypes",
      c.services, c.sectors, c.firm_sizes as "firmSizes", c.status, c.recent as "recentlyConfirmed",
      array(select distinct l from programme_operators po join organizations o on o.id = po.organization_id, unnest(o.languages) l
            where po.programme_id = c.id and ${publicOrganization('o')}) as languages
    from c`);
}
