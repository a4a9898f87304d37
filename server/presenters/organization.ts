import type { OrganizationRow, ProvenanceRow } from '../db/entries';
import type { Identifier } from '../db/matching';
import { websiteKey } from '../db/sync';
import { notConfirmedSince, presentProvenance } from './provenance';

/** The public JSON of an organization: what leaves the server, and nothing else. */
export function presentOrganization(o: OrganizationRow, provenance: ProvenanceRow[], identifiers: Identifier[] = []) {
  const website = websiteKey(o.website);
  return {
    id: o.id,
    name: o.name,
    acronym: o.acronym,
    kind: o.kind,
    country: o.country,
    website: o.website,
    email: o.email,
    phone: o.phone,
    address: o.address,
    description: o.description,
    services: o.services,
    sectors: o.sectors,
    languages: o.languages,
    networks: o.networks,
    /** What identifies it outside this directory, with the scheme: the website, network ids, registry numbers. */
    identifiers: [...(website ? [{ scheme: 'website', value: website }] : []), ...identifiers.map(({ scheme, value }) => ({ scheme, value }))],
    demo: o.demo,
    provenance: provenance.map(presentProvenance),
    withdrawnAt: o.withdrawnAt?.toISOString() ?? null,
    state: o.state,
    /** Fields edited in this directory: no sync overwrites them. */
    localFields: o.localFields,
    confirmedAt: o.confirmedAt.toISOString(),
    notConfirmedSince: notConfirmedSince(o.confirmedAt),
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}
export type OrganizationJson = ReturnType<typeof presentOrganization>;
