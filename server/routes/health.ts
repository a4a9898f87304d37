/** `/healthz`: 200 when the database answers within two seconds, 503 problem+json otherwise. */
import { z } from 'zod';
import { defineRoute, json, ok, problem, sent, type Route } from '../api/route';
import { withDeadline } from '../deadline';

const PING_TIMEOUT_MS = 2_000;

export const healthRoutes: Route[] = [
  defineRoute({
    method: 'get',
    path: '/healthz',
    auth: 'public',
    operationId: 'health',
    summary: 'Whether the service and its database answer',
    description: 'Load balancers probe it at the root of the host, whatever the base path.',
    tags: ['Service'],
    responses: {
      200: json('Healthy', z.object({ status: z.literal('ok'), database: z.enum(['embedded', 'server']).meta({ description: 'embedded: PGlite in the process; server: PostgreSQL' }) })),
      503: problem('The database does not answer within two seconds; see Retry-After'),
    },
    handler: async ({ ctx, req, res }) => {
      try {
        await withDeadline(ctx.database.ping(), PING_TIMEOUT_MS, 'database ping');
        return ok({ status: 'ok' as const, database: ctx.database.kind });
      } catch (err) {
        ctx.logger.warn({ err }, 'health check failed');
        res
          .status(503)
          .set('Retry-After', '5')
          .type('application/problem+json')
          .json({ type: '/problems/service-unavailable', title: 'Service unavailable', status: 503, detail: 'The database does not answer.', instance: req.originalUrl, database: ctx.database.kind });
        return sent;
      }
    },
  }),
];
