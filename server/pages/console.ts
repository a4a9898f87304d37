/** The operators' console: sources, mapping previews, runs, moderation and duplicates. */
import { Router } from 'express';
import type { AppContext } from '../context';
import { staffOnly } from './console/common';
import { queuePages } from './console/queues';
import { runsPages } from './console/runs';
import { sourcesPages } from './console/sources';

export function consoleRouter(ctx: AppContext): Router {
  const router = Router();
  // Operators and admins only; a signed-out reader is sent to sign in, anyone else gets the 403 page.
  router.use('/console', staffOnly);
  router.use(sourcesPages(ctx));
  router.use(runsPages(ctx));
  router.use(queuePages(ctx));
  return router;
}
