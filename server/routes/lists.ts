/** Search and read organizations, programmes and cases. */
import { z } from 'zod';
import { defineRoute, json, ok, problem, type Route } from '../api/route';
import { idParams } from '../api/params';
import type { EntityType } from '../db/entries';
import { listDirectory, readEntry } from '../directory/read';
import { caseSchema, type CaseJson } from '../presenters/case';
import { organizationSchema, type OrganizationJson } from '../presenters/organization';
import { programmeSchema, type ProgrammeJson } from '../presenters/programme';
import { listQuery } from '../schemas/lists';

const facetValue = z.object({ value: z.union([z.string(), z.boolean()]), count: z.number().int() });

const understood = z
  .object({
    places: z
      .array(z.object({ type: z.enum(['country', 'region']), code: z.string().meta({ description: 'ISO 3166-1 alpha-2 for a country, UN M49 for a region' }) }))
      .meta({ description: 'The countries and regions q named, read as places (send places=none to read them as words)' }),
    corrected: z.string().nullable().meta({ description: 'The words as the search read them, when it corrected a misspelt word or place' }),
    match: z.enum(['all', 'some']).meta({ description: 'some: no entry held every word and place of q, so words were left out, the last typed first, until entries held the rest' }),
    leftOut: z.array(z.string()).meta({ description: 'The words left out (places are never left out)' }),
  })
  .nullable()
  .meta({ id: 'Understood', description: 'How the search read q; null without q' });

/** A list route and an item route for one kind of entry. */
function collection(path: string, kind: EntityType, item: z.ZodType<OrganizationJson | ProgrammeJson | CaseJson>): Route[] {
  const capitalized = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
  return [
    defineRoute({
      method: 'get',
      path: `/api/v1/${path}`,
      auth: 'public',
      operationId: `list${capitalized(path)}`,
      summary: `Search and filter ${path}, with facet counts`,
      description: 'Filters of one parameter match any of their values; filters of different parameters all match. Follow `nextCursor` with `cursor` for the next page.',
      tags: ['Directory'],
      query: listQuery,
      responses: {
        200: json(`A page of ${path}`, z.object({ items: z.array(item), total: z.number().int(), facets: z.record(z.string(), z.array(facetValue)), nextCursor: z.string().nullable(), understood })),
        400: problem('A query parameter is not valid, or the cursor was changed; `errors` names each one'),
      },
      handler: async ({ ctx, query }) => ok(await listDirectory(ctx, kind, query)),
    }),
    defineRoute({
      method: 'get',
      path: `/api/v1/${path}/{id}`,
      auth: 'public',
      operationId: `get${capitalized(kind)}`,
      summary: `One ${kind}`,
      description: 'A draft or pending entry, or one held while its organization awaits approval, is shown only to those who may edit it (others get 404).',
      tags: ['Directory'],
      params: idParams,
      responses: {
        200: json(`The ${kind}`, item),
        404: problem('No published entry has this id'),
        410: problem('The entry was deleted'),
      },
      handler: async ({ ctx, params, user }) => ok(await readEntry(ctx, kind, params.id, user)),
    }),
  ];
}

export const listRoutes: Route[] = [
  ...collection('organizations', 'organization', organizationSchema),
  ...collection('programmes', 'programme', programmeSchema),
  ...collection('cases', 'case', caseSchema),
];
