/** The duplicates review queue (operators and admins). */
import { Router } from 'express';
import type { AppContext } from '../../context';
import { requireStaff, actorOf } from '../../auth/middleware';
import { decideDuplicate, listDuplicates } from '../../commands/duplicates';
import { idParam, parse } from '../../schemas/validate';
import { duplicateDecision, duplicatesQuery } from '../../schemas/duplicates';


export function duplicatesRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(requireStaff);
  router.get('/', async (req, res) => {
    const { status, limit } = parse(duplicatesQuery, req.query);
    res.json({ items: await listDuplicates(ctx, status, limit) });
  });
  router.post('/:id/decision', async (req, res) => {
    const id = idParam(req.params.id);
    const { decision } = parse(duplicateDecision, req.body);
    await decideDuplicate(ctx, actorOf(req), id, decision);
    res.json({ id, status: decision === 'merge' ? 'merged' : 'kept-apart' });
  });
  return router;
}
