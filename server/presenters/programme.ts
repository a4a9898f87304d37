import { z } from 'zod';
import type { ProgrammeRow, ProvenanceRow } from '../db/entries';
import { directions, firmSizes, partnershipTypes, programmeStatuses, services } from '../reference/vocabularies';
import { countryCode, documentedEnum, sectorCode } from '../schemas/codes';
import { feedEntryFields, notConfirmedSince, presentProvenance } from './provenance';

/** The public JSON of a programme; `operators` are organization ids. */
export const programmeSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    operators: z.array(z.uuid()).meta({ description: 'The organizations that run it (ids); an invited co-operator is listed once it accepts' }),
    originCountries: z.array(countryCode),
    targetCountries: z.array(countryCode),
    funderCountries: z.array(countryCode),
    direction: documentedEnum(directions).nullable(),
    partnershipTypes: z.array(documentedEnum(partnershipTypes)),
    services: z.array(documentedEnum(services)),
    sectors: z.array(sectorCode),
    firmSizes: z.array(documentedEnum(firmSizes)),
    status: documentedEnum(programmeStatuses),
    description: z.string().nullable(),
    website: z.string().nullable(),
    ...feedEntryFields,
  })
  .meta({ id: 'Programme' });
export type ProgrammeJson = z.infer<typeof programmeSchema>;

export function presentProgramme(p: ProgrammeRow, provenance: ProvenanceRow[]): ProgrammeJson {
  return {
    id: p.id,
    name: p.name,
    operators: p.operators,
    originCountries: p.originCountries,
    targetCountries: p.targetCountries,
    funderCountries: p.funderCountries,
    direction: p.direction,
    partnershipTypes: p.partnershipTypes,
    services: p.services,
    sectors: p.sectors,
    firmSizes: p.firmSizes,
    status: p.status,
    description: p.description,
    website: p.website,
    demo: p.demo,
    provenance: provenance.map(presentProvenance),
    withdrawnAt: p.withdrawnAt?.toISOString() ?? null,
    state: p.state,
    localFields: p.localFields,
    confirmedAt: p.confirmedAt.toISOString(),
    notConfirmedSince: notConfirmedSince(p.confirmedAt),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
