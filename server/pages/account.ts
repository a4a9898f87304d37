/** Agencies' pages: sign up, sign in, their organizations, programmes, cases and claims. */
import { Router } from 'express';
import type { AppContext } from '../context';
import { casesRouter } from './account/cases';
import { confirmRouter } from './account/confirm';
import { detailsRouter } from './account/details';
import { homeRouter } from './account/home';
import { invitationsRouter } from './account/invitations';
import { organizationsRouter } from './account/organizations';
import { programmesRouter } from './account/programmes';
import { signInRouter } from './account/sign-in';

export function accountRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(signInRouter(ctx));
  router.use(homeRouter(ctx));
  router.use(detailsRouter(ctx));
  router.use(confirmRouter(ctx));
  router.use(organizationsRouter(ctx));
  router.use(programmesRouter(ctx));
  router.use(invitationsRouter(ctx));
  router.use(casesRouter(ctx));
  return router;
}
