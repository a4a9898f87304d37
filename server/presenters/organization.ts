import { z } from 'zod';
import type { OrganizationRow, ProvenanceRow } from '../db/entries';
import type { Identifier } from '../db/matching';
import { websiteKey } from '../db/sync';
import { countryCode, networkLabel, sectorCode } from '../schemas/codes';
import { feedEntryFields, notConfirmedSince, presentProvenance } from './provenance';

/** The public JSON of an organization: what leaves the server, and nothing else. */
export const organizationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    acronym: z.string().nullable(),
    kind: z.string().meta({ description: 'One of the organization kinds (see the `kind` filter of GET /api/v1/organizations)' }),
    country: countryCode,
    website: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z
      .object({
        street: z.string().optional(),
        city: z.string().optional(),
        postalCode: z.string().optional(),
        region: z.string().optional(),
        country: z.string().optional(),
        text: z.string().optional().meta({ description: 'The whole address as one text, when a feed gives it so' }),
      })
      .nullable(),
    description: z.string().nullable(),
    services: z.array(z.string()),
    sectors: z.array(sectorCode),
    languages: z.array(z.string()),
    networks: z.array(networkLabel),
    identifiers: z
      .array(z.object({ scheme: z.string(), value: z.string() }))
      .meta({ description: "What identifies it outside this directory: website, a network's id (scheme = the network), registry (value <alpha-2>:<number>)" }),
    ...feedEntryFields,
  })
  .meta({ id: 'Organization' });
export type OrganizationJson = z.infer<typeof organizationSchema>;

export function presentOrganization(o: OrganizationRow, provenance: ProvenanceRow[], identifiers: Identifier[] = []): OrganizationJson {
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
    identifiers: [...(website ? [{ scheme: 'website', value: website }] : []), ...identifiers.map(({ scheme, value }) => ({ scheme, value }))],
    demo: o.demo,
    provenance: provenance.map(presentProvenance),
    withdrawnAt: o.withdrawnAt?.toISOString() ?? null,
    state: o.state,
    localFields: o.localFields,
    confirmedAt: o.confirmedAt.toISOString(),
    notConfirmedSince: notConfirmedSince(o.confirmedAt),
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}
