import { Router } from 'express';
import type { AppContext } from '../../context';
import { withDeadline } from '../../deadline';

const PING_TIMEOUT_MS = 2_000;

/** `/healthz`: 200 when the database answers within two seconds, 503 problem+json otherwise. */
export function healthRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/healthz', async (req, res) => {
    try {
      await withDeadline(ctx.database.ping(), PING_TIMEOUT_MS, 'database ping');
      res.json({ status: 'ok', database: ctx.database.kind });
    } catch (err) {
      ctx.logger.warn({ err }, 'health check failed');
      res
        .status(503)
        .set('Retry-After', '5')
        .type('application/problem+json')
        .json({ type: '/problems/service-unavailable', title: 'Service unavailable', status: 503, detail: 'The database does not answer.', instance: req.originalUrl, database: ctx.database.kind });
    }
  });
  return router;
}
