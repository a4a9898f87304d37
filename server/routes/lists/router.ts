/** GET list and item routes of organizations, programmes and cases. */
import { Router } from 'express';
import type { AppContext } from '../../context';
import type { EntityType } from '../../db/entries';
import { listDirectory, readEntry } from '../../directory/read';
import { idParam, parse } from '../../schemas/validate';
import { listQuery } from '../../schemas/lists';

export const collections: Record<string, EntityType> = { organizations: 'organization', programmes: 'programme', cases: 'case' };

export function listsRouter(ctx: AppContext): Router {
  const router = Router();
  for (const [path, kind] of Object.entries(collections)) {
    router.get(`/${path}`, async (req, res) => {
      res.json(await listDirectory(ctx, kind, parse(listQuery, req.query)));
    });
    router.get(`/${path}/:id`, async (req, res) => {
      res.json(await readEntry(ctx, kind, idParam(req.params.id), req.user));
    });
  }
  return router;
}
