/** The Express side of the route definitions: auth, then validated input, then the handler's reply. */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { AppContext } from '../context';
import { requireSession, requireStaff, requireUser } from '../auth/middleware';
import { parse } from '../schemas/validate';
import { sent, type AnyInput, type Auth, type Route } from './route';

const guards: Record<Auth, RequestHandler[]> = { public: [], session: [requireSession], user: [requireUser], staff: [requireStaff] };

/** `/api/v1/organizations/{id}` as Express writes it: `/api/v1/organizations/:id`. */
export const expressPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** A router serving each route at its full path, in the order given (the first match answers). */
export function apiRouter(ctx: AppContext, routes: readonly Route[]): Router {
  const router = Router();
  for (const route of routes) router[route.method](expressPath(route.path), ...guards[route.auth], (req, res) => serve(ctx, route, req, res));
  return router;
}

/** Parameters, then query, then body: the first that is not valid answers 400 naming its fields. */
function inputOf(ctx: AppContext, route: Route, req: Request, res: Response): AnyInput {
  const user = req.user;
  return {
    ctx,
    req,
    res,
    params: route.params ? parse(route.params, req.params) : undefined,
    query: route.query ? parse(route.query, req.query) : undefined,
    // A request without a JSON body reads as an empty object, so each missing field is named.
    body: route.body ? parse(route.body, req.body ?? {}) : undefined,
    user,
    actor: user ? { user, requestId: String(req.id) } : undefined,
  };
}

async function serve(ctx: AppContext, route: Route, req: Request, res: Response): Promise<void> {
  const reply = await route.handler(inputOf(ctx, route, req, res));
  if ('sent' in reply) return;
  res.status(reply.status);
  if (reply.headers) res.set(reply.headers);
  if ('body' in reply) res.json(reply.body);
  else res.end();
}
