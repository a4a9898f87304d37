import { z } from 'zod';
import type { CaseRow } from '../db/entries';
import { partnershipTypes } from '../reference/vocabularies';
import { countryCode, documentedEnum, sectorCode } from '../schemas/codes';

/** The public JSON of a best-practice case. */
export const caseSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    summary: z.string().nullable(),
    partners: z.array(z.object({ name: z.string(), country: z.string().optional() })),
    countries: z.array(countryCode),
    partnershipType: documentedEnum(partnershipTypes).nullable(),
    sectors: z.array(sectorCode),
    programme: z.uuid().nullable(),
    organizations: z.array(z.uuid()),
    year: z.number().int().nullable(),
    outcome: z.string().nullable(),
    lessons: z.string().nullable(),
    demo: z.boolean(),
    state: z.string().meta({ description: 'draft or published; only published cases are public' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Case' });
export type CaseJson = z.infer<typeof caseSchema>;

export function presentCase(c: CaseRow): CaseJson {
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
