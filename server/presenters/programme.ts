import type { ProgrammeRow, ProvenanceRow } from '../db/entries';
import { notConfirmedSince, presentProvenance } from './provenance';

/** The public JSON of a programme; `operators` are organization ids. */
export function presentProgramme(p: ProgrammeRow, provenance: ProvenanceRow[]) {
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
    /** Fields edited in this directory: no sync overwrites them. */
    localFields: p.localFields,
    confirmedAt: p.confirmedAt.toISOString(),
    notConfirmedSince: notConfirmedSince(p.confirmedAt),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
export type ProgrammeJson = ReturnType<typeof presentProgramme>;
