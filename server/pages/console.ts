/** The operators' console: sources, mapping previews, runs, moderation and duplicates. */
import { Router } from 'express';
import type { AppContext } from '../context';

export function consoleRouter(_ctx: AppContext): Router {
  const router = Router();
  return router;
}
