/** Every route definition of the API, in the order the router tries them. */
import type { PassportStatic } from 'passport';
import type { Route } from '../api/route';
import { adminRoutes } from './admin';
import { authRoutes } from './auth';
import { duplicateRoutes } from './duplicates';
import { entryRoutes } from './entries';
import { federationRoutes } from './federation';
import { healthRoutes } from './health';
import { introductionRoutes } from './introductions';
import { listRoutes } from './lists';
import { readinessRoutes } from './readiness';
import { recommendationRoutes } from './recommendations';
import { savedSearchRoutes } from './saved-searches';
import { sourceRoutes } from './sources';
import { statsRoutes } from './stats';
import { tokenRoutes } from './tokens';

export { healthRoutes };

/** The routes after sign-in state is known; sign-in itself needs the app's passport. */
export const apiRoutes = (authenticator: PassportStatic): Route[] => [
  ...authRoutes(authenticator),
  ...tokenRoutes,
  ...federationRoutes,
  ...statsRoutes,
  ...duplicateRoutes,
  ...sourceRoutes,
  ...listRoutes,
  ...adminRoutes,
  ...readinessRoutes,
  ...recommendationRoutes,
  ...introductionRoutes,
  ...savedSearchRoutes,
  ...entryRoutes,
];
