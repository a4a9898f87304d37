/**
 * Closes the runs a dead process left open. A run is recorded only once its source's lock is
 * held, and the lock goes with the process (the database ends its session; the embedded
 * database has one process), so a `queued` or `running` run whose lock nobody holds will never
 * end: it is closed `failed` with the error "interrupted", at start and every minute after, on
 * every instance, whether or not it runs the scheduler.
 */
import type { AppContext } from '../server/context';
import { heldLocks } from '../server/db/advisory-lock';
import { runsIn } from '../server/db/sync';
import type { RecordError } from './connectors/connector';
import { INTERRUPTED_MESSAGE, moveRun, unfinished, type Counts } from './run-state';
import { sourceLockKey } from './start-run';

export type SweepContext = Pick<AppContext, 'database' | 'logger'>;

/** Ticks the sweeper; tests pass one they drive by hand. */
export interface Ticker {
  every(ms: number, tick: () => Promise<void>): { stop(): void };
}

const realTicker: Ticker = {
  every(ms, tick) {
    const timer = setInterval(() => void tick(), ms);
    timer.unref();
    return { stop: () => clearInterval(timer) };
  },
};

export const SWEEP_INTERVAL_MS = 60_000;

/** Closes every unfinished run whose source's lock nobody holds; returns how many it closed. */
export async function closeInterruptedRuns(ctx: SweepContext, now: () => Date = () => new Date()): Promise<number> {
  const open = await runsIn(ctx.database.db, unfinished);
  if (open.length === 0) return 0;
  const keys = new Map(open.map((r) => [r.id, sourceLockKey(r.sourceId)]));
  const held = await heldLocks(ctx.database, [...new Set(keys.values())]);
  let closed = 0;
  for (const run of open) {
    if (held.has(keys.get(run.id)!)) continue;
    const at = now();
    // Counts are what the dead run last wrote after a batch: how far it got.
    const moved = await moveRun(ctx.database.db, run.id, {
      to: 'failed',
      startedAt: run.startedAt ?? at,
      finishedAt: at,
      counts: run.counts as Counts,
      errors: [...(run.errors as RecordError[]), { message: INTERRUPTED_MESSAGE }],
    });
    if (moved) {
      closed += 1;
      ctx.logger.warn({ sourceId: run.sourceId, runId: run.id }, 'a run its process left unfinished was closed as interrupted');
    }
  }
  return closed;
}

/** Closes interrupted runs every `intervalMs` until stopped; a database fault is logged and the next tick tries again. */
export function startRunSweeper(ctx: SweepContext, options: { intervalMs?: number; ticker?: Ticker; now?: () => Date } = {}): { stop(): void } {
  const sweep = async () => {
    try {
      await closeInterruptedRuns(ctx, options.now);
    } catch (err) {
      ctx.logger.error({ err }, 'could not close interrupted runs');
    }
  };
  return (options.ticker ?? realTicker).every(options.intervalMs ?? SWEEP_INTERVAL_MS, sweep);
}
