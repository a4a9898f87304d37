/**
 * Starts a run of a source in this process. A PostgreSQL advisory lock per source makes
 * sure two instances (or a schedule and an operator) never sync one source at once; an
 * overlapping run is recorded as failed with the reason.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../server/context';
import { insertRun, sourceById, updateRun } from '../server/db/sync';
import { runSource, type RunOptions } from './run-source';

/** Runs started by this process and not yet finished, so tests and shutdown can wait for them. */
export const inFlight = new Set<Promise<unknown>>();

const lockKey = (sourceId: string) => crypto.createHash('sha256').update(sourceId).digest().readBigInt64BE(0).toString();

export async function startRun(ctx: AppContext, sourceId: string, trigger: 'manual' | 'schedule', options: RunOptions = {}): Promise<string> {
  const run = await insertRun(ctx.database.db, sourceId, trigger);
  const work = (async () => {
    const source = await sourceById(ctx.database.db, sourceId);
    if (!source) return;
    const pool = ctx.database.pool;
    if (!pool) {
      await runSource(ctx, source, run.id, options);
      return;
    }
    const client = await pool.connect();
    try {
      const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [lockKey(sourceId)]);
      if (!rows[0]?.ok) {
        await updateRun(ctx.database.db, run.id, { status: 'failed', startedAt: new Date(), finishedAt: new Date(), errors: [{ message: 'skipped: another run of this source is in progress' }] });
        return;
      }
      try {
        await runSource(ctx, source, run.id, options);
      } finally {
        await client.query('select pg_advisory_unlock($1::bigint)', [lockKey(sourceId)]);
      }
    } finally {
      client.release();
    }
  })().catch((err: unknown) => ctx.logger.error({ err, sourceId, runId: run.id }, 'run could not start'));
  inFlight.add(work);
  void work.finally(() => inFlight.delete(work));
  return run.id;
}
