/**
 * Introduction requests: a firm sends one, the agency it went to moves it along, each side
 * says how it went. A request is visible only to its firm, its agency and staff: anyone else
 * gets 404, as if it did not exist.
 */
import { Router } from 'express';
import type { AppContext } from '../../context';
import { requireUser, actorOf } from '../../auth/middleware';
import { introductionScope } from '../../auth/permissions';
import type { CurrentUser } from '../../auth/roles';
import { moveIntroduction, readIntroduction, recordOutcome, sendIntroduction } from '../../commands/introductions';
import { listIntroductions } from '../../db/introductions';
import { presentDetail, presentIntroduction } from '../../introductions/present';
import { idParam, parse } from '../../schemas/validate';
import { introductionBody, listQuery, outcomeBody, statusBody } from '../../schemas/introductions';

export function introductionsRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(requireUser);

  router.post('/', async (req, res) => {
    const body = parse(introductionBody, req.body ?? {});
    const id = await sendIntroduction(ctx, actorOf(req), body);
    res.status(201).location(`${ctx.env.basePath}/api/v1/introductions/${id}`).json(presentDetail(await readIntroduction(ctx, req.user, id)));
  });

  router.get('/', async (req, res) => {
    const query = parse(listQuery, req.query);
    const rows = await listIntroductions(ctx.database.db, introductionScope(req.user as CurrentUser), query);
    res.json({ items: rows.map(presentIntroduction), total: rows.length });
  });

  router.get('/:id', async (req, res) => {
    res.json(presentDetail(await readIntroduction(ctx, req.user, idParam(req.params.id))));
  });

  router.post('/:id/status', async (req, res) => {
    const id = idParam(req.params.id);
    const body = parse(statusBody, req.body ?? {});
    await moveIntroduction(ctx, actorOf(req), id, body);
    res.json(presentDetail(await readIntroduction(ctx, req.user, id)));
  });

  router.post('/:id/outcome', async (req, res) => {
    const id = idParam(req.params.id);
    const body = parse(outcomeBody, req.body ?? {});
    await recordOutcome(ctx, actorOf(req), id, body);
    res.status(201).json(presentDetail(await readIntroduction(ctx, req.user, id)));
  });
  return router;
}
