/**
 * Introduction requests: a firm sends one, the agency it went to moves it along, each side
 * says how it went. A request is visible only to its firm, its agency and staff: anyone else
 * gets 404, as if it did not exist.
 */
import { z } from 'zod';
import { defineRoute, json, ok, problem, reply, type Route } from '../api/route';
import { idParams } from '../api/params';
import { introductionScope } from '../auth/permissions';
import { moveIntroduction, readIntroduction, recordOutcome, sendIntroduction } from '../commands/introductions';
import { listIntroductions } from '../db/introductions';
import { introductionSchema, presentDetail, presentIntroduction } from '../introductions/present';
import { introductionBody, listQuery, outcomeBody, statusBody } from '../schemas/introductions';

const notYours = problem('Unknown, or not yours');

export const introductionRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/introductions',
    auth: 'user',
    operationId: 'sendIntroduction',
    summary: 'Ask an organization or a programme (its operators) for an introduction',
    tags: ['Introductions'],
    body: introductionBody,
    responses: {
      201: json('Sent; Location names the new request', introductionSchema),
      404: problem('Unknown organization or programme'),
      409: problem('Withdrawn or pending entry, or the same request within 24 hours'),
      410: problem('Deleted entry'),
    },
    handler: async ({ ctx, user, actor, body }) => {
      const id = await sendIntroduction(ctx, actor, body);
      return reply(201, presentDetail(await readIntroduction(ctx, user, id)), { Location: `${ctx.env.basePath}/api/v1/introductions/${id}` });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/introductions',
    auth: 'user',
    operationId: 'listIntroductions',
    summary: 'Introduction requests: a firm its own, an agency editor its inbox, staff all (flagged first)',
    tags: ['Introductions'],
    query: listQuery,
    responses: { 200: json('Requests', z.object({ items: z.array(introductionSchema), total: z.number().int() })) },
    handler: async ({ ctx, user, query }) => {
      const rows = await listIntroductions(ctx.database.db, introductionScope(user), query);
      return ok({ items: rows.map(presentIntroduction), total: rows.length });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/introductions/{id}',
    auth: 'user',
    operationId: 'getIntroduction',
    summary: 'One introduction request with its history and outcomes',
    description: 'Read by its firm, its agency and staff; anyone else gets 404.',
    tags: ['Introductions'],
    params: idParams,
    responses: { 200: json('Request', introductionSchema), 404: notYours },
    handler: async ({ ctx, user, params }) => ok(presentDetail(await readIntroduction(ctx, user, params.id))),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/introductions/{id}/status',
    auth: 'user',
    operationId: 'moveIntroduction',
    summary: 'Move a request to its next status, one step at a time, or to closed-no-deal',
    description: 'By its agency or staff; the firm is mailed.',
    tags: ['Introductions'],
    params: idParams,
    body: statusBody,
    responses: {
      200: json('Moved', introductionSchema),
      403: problem('The firm that sent it (only its agency or staff move it), or the X-CSRF-Token header is missing on a write signed in by cookie'),
      404: notYours,
      409: problem('A skipped step, backwards, the same status, or out of a closed status (errors name status)'),
    },
    handler: async ({ ctx, user, actor, params, body }) => {
      await moveIntroduction(ctx, actor, params.id, body);
      return ok(presentDetail(await readIntroduction(ctx, user, params.id)));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/introductions/{id}/outcome',
    auth: 'user',
    operationId: 'recordIntroductionOutcome',
    summary: 'Say how a closed request went, once per side (firm, agency)',
    tags: ['Introductions'],
    params: idParams,
    body: outcomeBody,
    responses: { 201: json('Recorded', introductionSchema), 404: notYours, 409: problem('Not closed yet, or this side already answered') },
    handler: async ({ ctx, user, actor, params, body }) => {
      await recordOutcome(ctx, actor, params.id, body);
      return reply(201, presentDetail(await readIntroduction(ctx, user, params.id)));
    },
  }),
];
