/** Agencies' pages: sign up, sign in, their organizations, programmes, cases and claims. */
import { Router } from 'express';
import type { AppContext } from '../context';

export function accountRouter(_ctx: AppContext): Router {
  const router = Router();
  return router;
}
