/**
 * How well one organization or programme fits a firm's need: a weighted sum of factors, each
 * kept as a reason so the firm reads why an entry fits. The weights add up to 100 (an
 * organization has no firm sizes, so it tops at 95). README.md, "Matchmaking: how
 * recommendations are ranked", explains them with a worked example: keep the two in step.
 */
import type { OrganizationCandidate, ProgrammeCandidate } from '../db/recommendations';
import type { FirmSize, PartnershipType } from '../reference/vocabularies';

/** Points per factor. */
export const weights = {
  /** Based in (organization) or reaching (programme) the firm's own country. */
  firmCountry: 20,
  /** Based in or reaching one of the countries where the firm seeks partners. */
  partnerCountry: 10,
  sector: 15,
  partnershipType: 15,
  /** The services that carry a firm from the search to the deal, each on its own. */
  services: { 'partner-search': 4, 'partnership-readiness-diagnosis': 3, 'follow-up-until-deal': 3 },
  /** The firm is in a least developed country and the entry's programmes target LDCs. */
  ldcFocus: 10,
  language: 10,
  /** A programme open to firms of the firm's size. */
  firmSize: 5,
  /** A running programme, or an organization that runs one. */
  active: 2,
  /** Confirmed or updated within 12 months. */
  recentlyConfirmed: 3,
} as const;

export type UsefulService = keyof typeof weights.services;
const usefulServices = Object.keys(weights.services) as UsefulService[];

/** Why an entry fits, with what it matched; `points` is what the reason adds to the score. */
export type Reason = { points: number } & (
  | { code: 'firm-country'; country: string }
  | { code: 'partner-country'; countries: string[] }
  | { code: 'sector'; sector: string }
  | { code: 'partnership-type'; partnershipType: PartnershipType }
  | { code: 'services'; services: UsefulService[] }
  | { code: 'ldc-focus' }
  | { code: 'language'; languages: string[] }
  | { code: 'firm-size'; firmSize: FirmSize }
  | { code: 'active' }
  | { code: 'recently-confirmed' }
);
export type ReasonCode = Reason['code'];

/** The need as the scorer reads it, with regions already expanded into countries. */
export interface ScoringNeed {
  country: string;
  firmInLdc: boolean;
  partnerCountries: ReadonlySet<string>;
  sector?: string;
  partnershipType?: PartnershipType;
  firmSize?: FirmSize;
  languages: ReadonlySet<string>;
  /** The ISIC section of a sector code (`C` for `C` and for `10`-`33`). */
  sectionOf(code: string): string | undefined;
  isLdc(alpha2: string): boolean;
}

export interface Scored {
  score: number;
  reasons: Reason[];
}

/** Reasons shared by both kinds of entry. */
function common(need: ScoringNeed, e: { sectors: string[]; partnershipTypes: string[]; services: string[]; languages: string[]; ldcTargets: string[] }): Reason[] {
  const out: Reason[] = [];
  if (need.sector && e.sectors.some((s) => need.sectionOf(s) === need.sector)) out.push({ code: 'sector', sector: need.sector, points: weights.sector });
  if (need.partnershipType && e.partnershipTypes.includes(need.partnershipType)) {
    out.push({ code: 'partnership-type', partnershipType: need.partnershipType, points: weights.partnershipType });
  }
  const services = usefulServices.filter((s) => e.services.includes(s));
  if (services.length) out.push({ code: 'services', services, points: services.reduce((sum, s) => sum + weights.services[s], 0) });
  if (need.firmInLdc && e.ldcTargets.some((c) => need.isLdc(c))) out.push({ code: 'ldc-focus', points: weights.ldcFocus });
  const languages = e.languages.filter((l) => need.languages.has(l));
  if (languages.length) out.push({ code: 'language', languages, points: weights.language });
  return out;
}

const total = (reasons: Reason[]): Scored => ({ score: reasons.reduce((sum, r) => sum + r.points, 0), reasons });

export function scoreOrganization(need: ScoringNeed, o: OrganizationCandidate): Scored {
  const reasons: Reason[] = [];
  if (o.country === need.country) reasons.push({ code: 'firm-country', country: o.country, points: weights.firmCountry });
  else if (need.partnerCountries.has(o.country)) reasons.push({ code: 'partner-country', countries: [o.country], points: weights.partnerCountry });
  reasons.push(...common(need, { ...o, ldcTargets: o.programmeTargets }));
  if (o.runsActiveProgramme) reasons.push({ code: 'active', points: weights.active });
  if (o.recentlyConfirmed) reasons.push({ code: 'recently-confirmed', points: weights.recentlyConfirmed });
  return total(reasons);
}

export function scoreProgramme(need: ScoringNeed, p: ProgrammeCandidate): Scored {
  const reasons: Reason[] = [];
  const reached = [...new Set([...p.originCountries, ...p.targetCountries])];
  if (reached.includes(need.country)) reasons.push({ code: 'firm-country', country: need.country, points: weights.firmCountry });
  const partners = reached.filter((c) => c !== need.country && need.partnerCountries.has(c));
  if (partners.length) reasons.push({ code: 'partner-country', countries: partners, points: weights.partnerCountry });
  reasons.push(...common(need, { ...p, ldcTargets: p.targetCountries }));
  if (need.firmSize && p.firmSizes.includes(need.firmSize)) reasons.push({ code: 'firm-size', firmSize: need.firmSize, points: weights.firmSize });
  if (p.status === 'active') reasons.push({ code: 'active', points: weights.active });
  if (p.recentlyConfirmed) reasons.push({ code: 'recently-confirmed', points: weights.recentlyConfirmed });
  return total(reasons);
}
