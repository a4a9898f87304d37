import type { CaseRow } from '../db/entries';

/** The public JSON of a best-practice case. */
export function presentCase(c: CaseRow) {
  return {
    id: c.id,
    title: c.title,
    summary: c.summary,
    partners: c.partners,
    countries: c.countries,
    partnershipType: c.partnershipType,
    sectors: c.sectors,
    programme: c.programmeId,
    organizations: c.organizations,
    year: c.year,
    outcome: c.outcome,
    lessons: c.lessons,
    demo: c.demo,
    state: c.state,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type CaseJson = ReturnType<typeof presentCase>;
