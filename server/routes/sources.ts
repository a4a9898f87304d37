/** Linked feeds and their runs (operators and admins). */
import { z } from 'zod';
import { defineRoute, empty, json, noContent, ok, problem, reply, type Route } from '../api/route';
import { idParams, uuidParam } from '../api/params';
import type { AppContext } from '../context';
import { checkSource, clearSource, createSource, decideWithdrawals, editSource, removeSource } from '../commands/sources';
import { lastRunOf, listSources, runById, runsOf, sourceById, type SourceRow } from '../db/sync';
import { badRequest, notFound } from '../errors';
import { presentRun, presentSource, sourceSchema } from '../presenters/source';
import { previewResult, runJson, runStarted, sourceBody, sourcePatch, withdrawalsBody } from '../schemas/sources';
import { previewSource } from '../../jobs/preview';
import { startRun } from '../../jobs/start-run';

const runParams = z.object({ id: uuidParam, runId: uuidParam });

async function load(ctx: AppContext, id: string): Promise<SourceRow> {
  const s = await sourceById(ctx.database.db, id);
  if (!s) throw notFound('source');
  return s;
}
const withLastRun = async (ctx: AppContext, s: SourceRow) => presentSource(s, await lastRunOf(ctx.database.db, s.id));
/** The scheduler re-reads the sources when one is added, changed or removed. */
const changed = (ctx: AppContext) => ctx.events.emit('sources-changed');

const unknownSource = problem('No such source');

export const sourceRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/sources',
    auth: 'staff',
    operationId: 'createSource',
    summary: 'Link a feed',
    tags: ['Sources'],
    body: sourceBody,
    responses: { 201: json('Source', sourceSchema) },
    handler: async ({ ctx, actor, body }) => {
      const id = await createSource(ctx, actor, body);
      changed(ctx);
      return reply(201, await withLastRun(ctx, await load(ctx, id)));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/sources/preview',
    auth: 'staff',
    operationId: 'previewSource',
    summary: "Preview a feed's first records as mapped, with their errors, without saving anything",
    tags: ['Sources'],
    body: sourceBody,
    responses: { 200: json('Preview', previewResult) },
    handler: async ({ ctx, body }) => {
      checkSource(ctx, body);
      const preview = await previewSource(ctx, body);
      // Each record as a plain object of its fields, as the document describes it.
      return ok({ ...preview, records: preview.records.map((record) => ({ ...record })) });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/sources',
    auth: 'staff',
    operationId: 'listSources',
    summary: 'Linked feeds',
    tags: ['Sources'],
    responses: { 200: json('Sources', z.object({ items: z.array(sourceSchema) })) },
    handler: async ({ ctx }) => ok({ items: await Promise.all((await listSources(ctx.database.db)).map((s) => withLastRun(ctx, s))) }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/sources/{id}',
    auth: 'staff',
    operationId: 'getSource',
    summary: 'One linked feed',
    tags: ['Sources'],
    params: idParams,
    responses: { 200: json('Source', sourceSchema), 404: unknownSource },
    handler: async ({ ctx, params }) => ok(await withLastRun(ctx, await load(ctx, params.id))),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/sources/{id}',
    auth: 'staff',
    operationId: 'updateSource',
    summary: 'Change a feed, its mapping or schedule',
    tags: ['Sources'],
    params: idParams,
    body: sourcePatch,
    responses: { 200: json('Source', sourceSchema), 404: unknownSource },
    handler: async ({ ctx, actor, params: { id }, body }) => {
      if (Object.keys(body).length === 0) throw badRequest([{ path: '(root)', message: 'give at least one field to change' }]);
      await editSource(ctx, actor, id, body);
      changed(ctx);
      return ok(await withLastRun(ctx, await load(ctx, id)));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/sources/{id}',
    auth: 'staff',
    operationId: 'deleteSource',
    summary: 'Clear and remove a feed',
    tags: ['Sources'],
    params: idParams,
    responses: { 204: empty('Removed'), 404: unknownSource },
    handler: async ({ ctx, actor, params }) => {
      await removeSource(ctx, actor, params.id);
      changed(ctx);
      return noContent();
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/sources/{id}/clear',
    auth: 'staff',
    operationId: 'clearSource',
    summary: 'Forget every record of a feed; entries only it kept are withdrawn',
    tags: ['Sources'],
    params: idParams,
    responses: { 200: json('Cleared', z.object({ forgotten: z.number().int() })), 404: unknownSource },
    handler: async ({ ctx, actor, params }) => {
      const source = await load(ctx, params.id);
      return ok(await clearSource(ctx, actor, source.id));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/sources/{id}/runs/{runId}/withdrawals',
    auth: 'staff',
    operationId: 'decideWithdrawals',
    summary: 'Confirm or dismiss the withdrawals a safety stop held back',
    tags: ['Sources'],
    params: runParams,
    body: withdrawalsBody,
    responses: { 200: json('Decided', z.object({ withdrawn: z.number().int() })), 404: problem('No such source or run'), 409: problem('Nothing held, already decided, or a later run exists') },
    handler: async ({ ctx, actor, params, body }) => {
      const source = await load(ctx, params.id);
      return ok(await decideWithdrawals(ctx, actor, source.id, params.runId, body.decision));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/sources/{id}/runs',
    auth: 'staff',
    operationId: 'startSourceRun',
    summary: 'Sync a feed now',
    description: 'Recorded skipped when another run of the feed is in progress.',
    tags: ['Sources'],
    params: idParams,
    responses: { 202: json('Run started, or skipped', runStarted), 404: unknownSource },
    handler: async ({ ctx, params }) => {
      const source = await load(ctx, params.id);
      const started = await startRun(ctx, source, 'manual');
      return reply(202, { id: started.runId, status: started.status === 'skipped' ? ('skipped' as const) : ('queued' as const) });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/sources/{id}/runs',
    auth: 'staff',
    operationId: 'listSourceRuns',
    summary: 'Run history',
    tags: ['Sources'],
    params: idParams,
    responses: { 200: json('Runs, newest first', z.object({ items: z.array(runJson) })), 404: unknownSource },
    handler: async ({ ctx, params }) => {
      const source = await load(ctx, params.id);
      return ok({ items: (await runsOf(ctx.database.db, source.id)).map(presentRun) });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/sources/{id}/runs/{runId}',
    auth: 'staff',
    operationId: 'getSourceRun',
    summary: 'One run, with its counts so far while it is running',
    tags: ['Sources'],
    params: runParams,
    responses: { 200: json('Run', runJson), 404: problem('No such source, or no such run of this source') },
    handler: async ({ ctx, params }) => {
      const source = await load(ctx, params.id);
      const run = await runById(ctx.database.db, source.id, params.runId);
      if (!run) throw notFound('run');
      return ok(presentRun(run));
    },
  }),
];
