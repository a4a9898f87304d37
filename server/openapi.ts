/** The OpenAPI 3.1 document, built from the same zod schemas that validate requests. */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { collections } from './routes/lists/router';
import { directions, organizationKinds, partnershipTypes, services } from './reference/vocabularies';

const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

const facetValue = z.object({ value: z.union([z.string(), z.boolean()]), count: z.number().int() });
const provenance = z.object({ source: z.uuid(), externalId: z.string(), firstSeen: z.iso.datetime(), lastSeen: z.iso.datetime(), withdrawnAt: z.iso.datetime().nullable() });
const list = z.array(z.string());

const organization = z
  .object({
    id: z.uuid(),
    name: z.string(),
    acronym: z.string().nullable(),
    kind: z.enum(organizationKinds),
    country: z.string().length(2),
    website: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.record(z.string(), z.string()).nullable(),
    description: z.string().nullable(),
    services: list,
    sectors: list,
    languages: list,
    networks: list,
    demo: z.boolean(),
    provenance: z.array(provenance),
    withdrawnAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Organization' });

const programme = z
  .object({
    id: z.uuid(),
    name: z.string(),
    operators: z.array(z.uuid()),
    originCountries: list,
    targetCountries: list,
    funderCountries: list,
    direction: z.enum(directions).nullable(),
    partnershipTypes: list,
    services: list,
    sectors: list,
    firmSizes: list,
    status: z.string(),
    description: z.string().nullable(),
    website: z.string().nullable(),
    demo: z.boolean(),
    provenance: z.array(provenance),
    withdrawnAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Programme' });

const bestPracticeCase = z
  .object({
    id: z.uuid(),
    title: z.string(),
    summary: z.string().nullable(),
    partners: z.array(z.object({ name: z.string(), country: z.string().optional() })),
    countries: list,
    partnershipType: z.string().nullable(),
    sectors: list,
    programme: z.uuid().nullable(),
    organizations: z.array(z.uuid()),
    year: z.number().int().nullable(),
    outcome: z.string().nullable(),
    lessons: z.string().nullable(),
    demo: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Case' });

const repeatable = (values?: readonly string[]) => (values ? z.array(z.enum(values as [string, ...string[]])) : z.array(z.string())).optional();

/** The documented form of the list query (the validating schema also coerces and checks reference data). */
const listParams = z.object({
  q: z.string().max(200).optional().meta({ description: 'Full text, accent- and case-insensitive, en/fr/es; the last word matches as a prefix; misspellings are corrected.' }),
  country: repeatable().meta({ description: 'ISO 3166-1 alpha-2 code; repeat for several (any of them).' }),
  region: repeatable().meta({ description: 'UN M49 region, sub-region or intermediate region code, e.g. 002.' }),
  sector: repeatable().meta({ description: 'ISIC Rev.4 section (A-U) or division (01-99).' }),
  service: repeatable(services),
  partnershipType: repeatable(partnershipTypes),
  kind: repeatable(organizationKinds),
  network: repeatable().meta({ description: 'Network label, e.g. empretec, waipa.' }),
  direction: repeatable(directions),
  ldc: z.enum(['true', 'false']).optional(),
  limit: z.number().int().min(1).max(100).default(20).optional(),
  cursor: z.string().optional().meta({ description: 'The nextCursor of the previous page; opaque and signed.' }),
});

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: problem } } });

/** Builds the OpenAPI document for the server at `basePath`. */
export function openApiDocument(basePath: string) {
  const registry = new OpenAPIRegistry();
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    summary: 'Whether the service and its database answer',
    responses: {
      200: { description: 'Healthy', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } },
      503: { description: 'The database does not answer' },
    },
  });
  const schemas = { organization, programme, case: bestPracticeCase };
  for (const [path, kind] of Object.entries(collections)) {
    const item = schemas[kind];
    registry.registerPath({
      method: 'get',
      path: `/api/v1/${path}`,
      summary: `Search and filter ${path}, with facet counts`,
      request: { query: listParams },
      responses: {
        200: {
          description: `A page of ${path}`,
          content: {
            'application/json': {
              schema: z.object({ items: z.array(item), total: z.number().int(), facets: z.record(z.string(), z.array(facetValue)), nextCursor: z.string().nullable() }),
            },
          },
        },
        400: problemResponse('A query parameter is not valid; `errors` names each one'),
        503: problemResponse('The database does not answer'),
      },
    });
    registry.registerPath({
      method: 'get',
      path: `/api/v1/${path}/{id}`,
      summary: `One ${kind}`,
      request: { params: z.object({ id: z.uuid() }) },
      responses: {
        200: { description: `The ${kind}`, content: { 'application/json': { schema: item } } },
        400: problemResponse('The id is not a UUID'),
        404: problemResponse('No published entry has this id'),
        410: problemResponse('The entry was deleted'),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Partnering Network API',
      version: '1.0.0',
      description: 'Directory of North-South and South-South inter-firm partnering programmes and the intermediaries that run them.',
    },
    servers: [{ url: basePath || '/' }],
  });
}
