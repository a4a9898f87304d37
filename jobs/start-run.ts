/**
 * Starts a run of a source in this process. A PostgreSQL advisory lock per source makes
 * sure two instances (or a schedule and an operator) never sync one source at once; an
 * overlapping run is recorded as failed with the reason.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../server/context';
import { insertRun, sourceById, updateRun, type SourceRow } from '../server/db/sync';
import { staffEmails } from '../server/db/users';
import { sendMail } from '../server/mail';
import { runSource, type RunOptions } from './run-source';

/** Runs started by this process and not yet finished, so tests and shutdown can wait for them. */
export const inFlight = new Set<Promise<unknown>>();

const lockKey = (sourceId: string) => crypto.createHash('sha256').update(sourceId).digest().readBigInt64BE(0).toString();

/** Mails the operators about a finished run, as the source asks: on error only, on every run, or never. */
async function notify(ctx: AppContext, source: SourceRow, runId: string, result: Awaited<ReturnType<typeof runSource>>): Promise<void> {
  const bad = result.status === 'failed' || result.status === 'partial';
  if (source.notify === 'never' || (source.notify === 'on-error' && !bad)) return;
  const c = result.counts;
  const lines = result.errors.slice(0, 10).map((e) => `- ${e.line ? `line ${e.line}: ` : ''}${e.externalId ? `${e.externalId}: ` : ''}${e.message}`);
  for (const to of await staffEmails(ctx.database.db)) {
    await sendMail(ctx, {
      to,
      kind: bad ? 'sync-failed' : 'sync-finished',
      subject: `${source.name}: sync ${result.status}`,
      text: `The sync of ${source.name} ended ${result.status}: fetched ${c.fetched}, created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, withdrawn ${c.withdrawn}, rejected ${c.rejected}.\n${lines.join('\n')}\n\nRun: GET /api/v1/sources/${source.id}/runs/${runId}`,
    });
  }
}

export async function startRun(ctx: AppContext, sourceId: string, trigger: 'manual' | 'schedule', options: RunOptions = {}): Promise<string> {
  const run = await insertRun(ctx.database.db, sourceId, trigger);
  const work = (async () => {
    const source = await sourceById(ctx.database.db, sourceId);
    if (!source) return;
    const pool = ctx.database.pool;
    if (!pool) {
      await notify(ctx, source, run.id, await runSource(ctx, source, run.id, options));
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
        await notify(ctx, source, run.id, await runSource(ctx, source, run.id, options));
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
