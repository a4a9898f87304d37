import { Router } from 'express';
import type { AppContext } from '../../context';

const PING_TIMEOUT_MS = 2_000;

/** `/healthz`: 200 when the database answers within two seconds, 503 otherwise. */
export function healthRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('database ping timed out')), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([ctx.database.ping(), timeout]);
      res.json({ status: 'ok', database: ctx.database.kind });
    } catch (err) {
      ctx.logger.warn({ err }, 'health check failed');
      res.status(503).json({ status: 'unavailable', database: ctx.database.kind });
    } finally {
      clearTimeout(timer);
    }
  });
  return router;
}
