/** The duplicates review queue (operators and admins). */
import { z } from 'zod';
import { defineRoute, json, ok, problem, type Route } from '../api/route';
import { idParams } from '../api/params';
import { decideDuplicate, listDuplicates } from '../commands/duplicates';
import { duplicateDecision, duplicatesQuery } from '../schemas/duplicates';

const side = z.object({ id: z.uuid(), name: z.string(), country: z.string().nullable(), website: z.string().nullable(), networks: z.array(z.string()), deleted: z.boolean() });
const review = z
  .object({
    id: z.uuid(),
    type: z.string().meta({ description: 'organization or programme' }),
    status: z.string().meta({ description: 'open, merged or kept-apart' }),
    score: z.number(),
    reason: z.string().nullable(),
    source: z.uuid().nullable(),
    externalId: z.string().nullable(),
    entry: side.nullable().meta({ description: 'The entry the record went into, kept apart until an operator decides' }),
    candidate: side.nullable().meta({ description: 'The entry it may be the same as' }),
    createdAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'DuplicateReview' });

export const duplicateRoutes: Route[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/duplicates',
    auth: 'staff',
    operationId: 'listDuplicates',
    summary: 'The duplicates review queue: doubtful matches across sources',
    tags: ['Administration'],
    query: duplicatesQuery,
    responses: { 200: json('Pairs', z.object({ items: z.array(review) })) },
    handler: async ({ ctx, query }) => ok({ items: await listDuplicates(ctx, query.status, query.limit) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/duplicates/{id}/decision',
    auth: 'staff',
    operationId: 'decideDuplicate',
    summary: 'Merge a doubtful pair or keep it apart, for every later sync',
    tags: ['Administration'],
    params: idParams,
    body: duplicateDecision,
    responses: { 200: json('Decided', z.object({ id: z.uuid(), status: z.enum(['merged', 'kept-apart']) })), 404: problem('No such pair'), 409: problem('Already decided') },
    handler: async ({ ctx, actor, params: { id }, body: { decision } }) => {
      await decideDuplicate(ctx, actor, id, decision);
      return ok({ id, status: decision === 'merge' ? ('merged' as const) : ('kept-apart' as const) });
    },
  }),
];
