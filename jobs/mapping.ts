/** The mapping format of CONTRACT.md: where each field of an entry comes from in a feed's records. */
import { z } from 'zod';

export const organizationTargets = ['externalId', 'name', 'acronym', 'kind', 'country', 'website', 'email', 'phone', 'address', 'city', 'description', 'services', 'sectors', 'languages', 'networks', 'registryNumber', 'identifiers'] as const;
export const programmeTargets = ['externalId', 'name', 'description', 'website', 'operators', 'originCountries', 'targetCountries', 'funderCountries', 'partnershipTypes', 'services', 'sectors', 'firmSizes', 'status'] as const;

export const mappingSchema = z
  .strictObject({
    type: z.enum(['organization', 'programme']),
    records: z.string().min(1).max(500).optional(),
    next: z.string().min(1).max(500).optional(),
    fields: z.record(z.string(), z.string().min(1).max(500)),
    defaults: z.record(z.string(), z.unknown()).default({}),
  })
  .superRefine((m, ctx) => {
    const targets: readonly string[] = m.type === 'organization' ? organizationTargets : programmeTargets;
    for (const key of [...Object.keys(m.fields), ...Object.keys(m.defaults)]) {
      if (!targets.includes(key)) ctx.addIssue({ code: 'custom', path: [key in m.fields ? 'fields' : 'defaults', key], message: `not a ${m.type} field; fields are ${targets.join(', ')}` });
    }
    if (!m.fields.name) ctx.addIssue({ code: 'custom', path: ['fields', 'name'], message: 'the mapping must say where the name comes from' });
    if (m.type === 'organization' && !m.fields.country && m.defaults.country === undefined) {
      ctx.addIssue({ code: 'custom', path: ['fields', 'country'], message: 'the mapping must say where the country comes from (or give it in defaults)' });
    }
  })
  .meta({ id: 'Mapping' });

export type Mapping = z.infer<typeof mappingSchema>;

/** Presets for the partner networks' own directories, as their exports are laid out. */
export const presets: Record<string, Mapping> = {
  empretec: {
    type: 'organization',
    records: 'data.items',
    next: 'links.next',
    fields: { externalId: 'id', name: 'title', country: 'country', website: 'url', email: 'email', phone: 'phone', services: 'offers', description: 'description' },
    defaults: { kind: 'entrepreneurship-centre', networks: ['empretec'] },
  },
  waipa: {
    type: 'organization',
    fields: {
      externalId: 'Member ID',
      name: 'Agency',
      acronym: 'Acronym',
      country: 'Country',
      website: 'Website',
      email: 'E-mail',
      address: 'Address',
      sectors: 'Sectors',
      services: 'Services',
    },
    defaults: { kind: 'investment-promotion-agency', networks: ['waipa'] },
  },
};

/** The mapping a source reads with: its own, else its network's preset, else an empty one (which names no fields). */
export function mappingOf(source: { mapping: unknown; network: string }): Mapping {
  return source.mapping ? mappingSchema.parse(source.mapping) : (presets[source.network] ?? mappingSchema.parse({}));
}
