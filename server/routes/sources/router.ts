/** Linked feeds and their runs (operators and admins). */
import { Router } from 'express';
import type { AppContext } from '../../context';
import { requireStaff, actorOf } from '../../auth/middleware';
import { checkSource, clearSource, createSource, decideWithdrawals, editSource, removeSource } from '../../commands/sources';
import { lastRunOf, listSources, runById, runsOf, sourceById } from '../../db/sync';
import { badRequest, notFound } from '../../errors';
import { presentRun, presentSource } from '../../presenters/source';
import { previewSource } from '../../../jobs/preview';
import { startRun } from '../../../jobs/start-run';
import { idParam, parse } from '../../schemas/validate';
import { sourceBody, sourcePatch, withdrawalsBody } from '../../schemas/sources';


export function sourcesRouter(ctx: AppContext, onChange: () => void = () => {}): Router {
  const router = Router();
  router.use(requireStaff);
  const load = async (id: string) => {
    const s = await sourceById(ctx.database.db, id);
    if (!s) throw notFound('source');
    return s;
  };
  const withLastRun = async (s: Awaited<ReturnType<typeof load>>) => presentSource(s, await lastRunOf(ctx.database.db, s.id));

  router.post('/', async (req, res) => {
    const id = await createSource(ctx, actorOf(req), parse(sourceBody, req.body));
    onChange();
    res.status(201).json(await withLastRun(await load(id)));
  });
  // Writes nothing: the operator sees the first records mapped before saving the source.
  router.post('/preview', async (req, res) => {
    const input = parse(sourceBody, req.body);
    checkSource(ctx, input);
    res.json(await previewSource(ctx, input));
  });
  router.get('/', async (_req, res) => {
    res.json({ items: await Promise.all((await listSources(ctx.database.db)).map(withLastRun)) });
  });
  router.get('/:id', async (req, res) => {
    res.json(await withLastRun(await load(idParam(req.params.id))));
  });
  router.patch('/:id', async (req, res) => {
    const id = idParam(req.params.id);
    const body = parse(sourcePatch, req.body);
    if (Object.keys(body).length === 0) throw badRequest([{ path: '(root)', message: 'give at least one field to change' }]);
    await editSource(ctx, actorOf(req), id, body);
    onChange();
    res.json(await withLastRun(await load(id)));
  });
  router.delete('/:id', async (req, res) => {
    await removeSource(ctx, actorOf(req), idParam(req.params.id));
    onChange();
    res.status(204).end();
  });
  router.post('/:id/clear', async (req, res) => {
    const source = await load(idParam(req.params.id));
    res.json(await clearSource(ctx, actorOf(req), source.id));
  });
  router.post('/:id/runs/:runId/withdrawals', async (req, res) => {
    const source = await load(idParam(req.params.id));
    const { decision } = parse(withdrawalsBody, req.body);
    const out = await decideWithdrawals(ctx, actorOf(req), source.id, idParam(req.params.runId), decision);
    res.json(out);
  });
  router.post('/:id/runs', async (req, res) => {
    const source = await load(idParam(req.params.id));
    const started = await startRun(ctx, source, 'manual');
    res.status(202).json({ id: started.runId, status: started.status === 'skipped' ? 'skipped' : 'queued' });
  });
  router.get('/:id/runs', async (req, res) => {
    const source = await load(idParam(req.params.id));
    res.json({ items: (await runsOf(ctx.database.db, source.id)).map(presentRun) });
  });
  router.get('/:id/runs/:runId', async (req, res) => {
    const source = await load(idParam(req.params.id));
    const run = await runById(ctx.database.db, source.id, idParam(req.params.runId));
    if (!run) throw notFound('run');
    res.json(presentRun(run));
  });
  return router;
}
