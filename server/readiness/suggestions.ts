/**
 * For each gap, the services that close it and up to three published programmes or
 * organizations offering any of them: those working in the firm's country first, then others.
 */
import type { AppContext } from '../context';
import { listDirectory } from '../directory/read';
import { listQuery } from '../schemas/lists';
import type { Service } from '../reference/vocabularies';
import { servicesFor, type Criterion } from './questions';

export const SUGGESTIONS_PER_GAP = 3;

export interface Offer {
  type: 'programme' | 'organization';
  id: string;
  name: string;
  /** Where it works: an organization's country, a programme's origin and target countries. */
  countries: string[];
  services: string[];
}

export interface GapHelp {
  criterion: Criterion;
  services: Service[];
  offers: Offer[];
}

/** Programmes first (they are the partnering schemes themselves), then the intermediaries. */
async function offersOf(ctx: AppContext, services: Service[], country: string[], limit: number): Promise<Offer[]> {
  const query = listQuery.parse({ service: services, country, limit });
  const [programmes, organizations] = await Promise.all([listDirectory(ctx, 'programme', query), listDirectory(ctx, 'organization', query)]);
  return [
    ...programmes.items.map((p): Offer => ({ type: 'programme', id: p.id, name: p.name, countries: [...new Set([...p.originCountries, ...p.targetCountries])], services: p.services })),
    ...organizations.items.map((o): Offer => ({ type: 'organization', id: o.id, name: o.name, countries: [o.country], services: o.services })),
  ].slice(0, limit);
}

async function helpFor(ctx: AppContext, criterion: Criterion, country: string | undefined): Promise<GapHelp> {
  const services = servicesFor[criterion];
  const near = country ? await offersOf(ctx, services, [country], SUGGESTIONS_PER_GAP) : [];
  const seen = new Set(near.map((o) => o.id));
  const far = near.length < SUGGESTIONS_PER_GAP ? (await offersOf(ctx, services, [], SUGGESTIONS_PER_GAP * 2)).filter((o) => !seen.has(o.id)) : [];
  return { criterion, services, offers: [...near, ...far].slice(0, SUGGESTIONS_PER_GAP) };
}

export function helpForGaps(ctx: AppContext, gaps: Criterion[], country: string | undefined): Promise<GapHelp[]> {
  return Promise.all(gaps.map((c) => helpFor(ctx, c, country)));
}
