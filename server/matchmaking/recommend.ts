/**
 * Recommends organizations and programmes for a firm's need: reads the plausible candidates
 * from the database (at most `CANDIDATE_CAP` of each kind), scores them, and keeps the best.
 */
import type { AppContext } from '../context';
import { organizationCandidates, programmeCandidates } from '../db/recommendations';
import type { FirmNeed } from '../schemas/recommendations';
import { scoreOrganization, scoreProgramme, type Reason, type ScoringNeed } from './score';

/**
 * How many candidates of each kind are scored. The SQL orders them by the country and sector
 * points (45 of the 100) before cutting, so what is left out could gain at most the other 55.
 */
export const CANDIDATE_CAP = 500;

export interface Recommendation {
  kind: 'organization' | 'programme';
  id: string;
  name: string;
  /** An organization's country; null for a programme. */
  country: string | null;
  score: number;
  reasons: Reason[];
}

export interface Recommendations {
  organizations: Recommendation[];
  programmes: Recommendation[];
}

/** The countries of the given M49 regions, sub-regions or intermediate regions. */
function countriesOfRegions(ctx: AppContext, regions: string[]): string[] {
  if (!regions.length) return [];
  const wanted = new Set(regions);
  return ctx.reference.countries.filter((c) => [c.region, c.subregion, c.intermediateRegion].some((r) => r !== null && wanted.has(r))).map((c) => c.alpha2);
}

function scoringNeed(ctx: AppContext, need: FirmNeed): ScoringNeed {
  const ref = ctx.reference;
  return {
    country: need.country,
    firmInLdc: ref.countryByAlpha2.get(need.country)?.ldc ?? false,
    partnerCountries: new Set([...need.partnerCountries, ...countriesOfRegions(ctx, need.partnerRegions)]),
    sector: need.sector,
    partnershipType: need.partnershipType,
    firmSize: need.firmSize,
    languages: new Set(need.languages),
    sectionOf: (code) => ref.sectorByCode.get(code)?.section,
    isLdc: (alpha2) => ref.countryByAlpha2.get(alpha2)?.ldc ?? false,
  };
}

/** Best first; equal scores by name, then id, so the order is stable. */
const byFit = (a: Recommendation, b: Recommendation) => b.score - a.score || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

export async function recommend(ctx: AppContext, need: FirmNeed): Promise<Recommendations> {
  const scoring = scoringNeed(ctx, need);
  const sectorCodes = need.sector ? ctx.reference.sectors.filter((s) => s.section === need.sector).map((s) => s.code) : [];
  const filter = { country: need.country, partnerCountries: [...scoring.partnerCountries], sectorCodes, cap: CANDIDATE_CAP };
  const [orgs, progs] = await Promise.all([organizationCandidates(ctx.database, filter), programmeCandidates(ctx.database, filter)]);
  const organizations = orgs.map((o): Recommendation => ({ kind: 'organization', id: o.id, name: o.name, country: o.country, ...scoreOrganization(scoring, o) }));
  const programmes = progs.map((p): Recommendation => ({ kind: 'programme', id: p.id, name: p.name, country: null, ...scoreProgramme(scoring, p) }));
  return { organizations: organizations.sort(byFit).slice(0, need.limit), programmes: programmes.sort(byFit).slice(0, need.limit) };
}
