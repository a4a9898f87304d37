/**
 * Starts a run of a source in this process: the one way the scheduler, the API, the console and
 * the CLI start one. The source's lock is taken before the run is recorded, so a run row is
 * `running` only while its lock is held (or its process died: see run-sweeper.ts); a start that
 * finds the lock taken is recorded `skipped`, never `failed` (CONTRACT.md).
 */
import type { AppContext } from '../server/context';
import type { RunTrigger } from '../server/db/enums';
import { lockKey, tryLock, type HeldLock } from '../server/db/advisory-lock';
import { scheduledRunAt, sourceById, type SourceRow } from '../server/db/sync';
import { staffRecipients } from '../server/db/users';
import type { MessageKey } from '../server/i18n/messages';
import { mailTo } from '../server/localized-mail';
import { openRun, skippedRun, type RecordedAt } from './run-state';
import { runSource, type RunOptions, type RunResult } from './run-source';

/** Runs started by this process and not yet finished, so tests and shutdown can wait for them. */
export const inFlight = new Set<Promise<unknown>>();
/** How to stop each run of this process early (shutdown). */
const stoppers = new Set<AbortController>();

export type StartContext = Pick<AppContext, 'database' | 'env' | 'logger' | 'reference'>;

export type Started =
  | { status: 'started'; runId: string; /** Resolves when the run has ended; undefined when it could not record its end. */ finished: Promise<RunResult | undefined> }
  | { status: 'skipped'; runId: string };

/** The lock every start of a source takes, in every process: scheduler, API, console, CLI. */
export const sourceLockKey = (sourceId: string) => lockKey(sourceId);

const countNames = ['fetched', 'created', 'updated', 'unchanged', 'withdrawn', 'rejected'] as const;

/** Mails the operators about a finished run, as the source asks: on error only, on every run, or never. */
async function notify(ctx: StartContext, source: SourceRow, runId: string, result: RunResult): Promise<void> {
  const bad = result.status === 'failed' || result.status === 'partial';
  if (source.notify === 'never' || (source.notify === 'on-error' && !bad)) return;
  const c = result.counts;
  const name = source.name;
  for (const to of await staffRecipients(ctx.database.db)) {
    // Each operator reads it in their own language; the records' error messages are the importer's own words.
    await mailTo(ctx, to, bad ? 'sync-failed' : 'sync-finished', ({ t, number, page }) => {
      const status = t(`conStatus_${result.status}` as MessageKey);
      const counts = countNames.map((count) => t('conCountPair', { label: t(`conCount_${count}`), value: number(c[count]) })).join(' · ');
      const errors = result.errors.slice(0, 10).map((e) => {
        const said = e.externalId ? t('mailSyncRecord', { record: e.externalId, message: e.message }) : e.message;
        return `- ${e.line ? t('mailSyncLine', { line: number(e.line), message: said }) : said}`;
      });
      return {
        subject: t('mailSyncSubject', { source: name, status }),
        text: [
          t('mailSyncText', { source: name, status }),
          counts,
          ...(errors.length ? [[t('mailSyncErrors'), ...errors].join('\n')] : []),
          t('mailSyncRun', { link: page(`/console/sources/${source.id}/runs/${runId}`) }),
        ].join('\n\n'),
      };
    });
  }
}

/**
 * Records a run of `source` and starts it, or records it `skipped` when another run of the
 * source holds the lock. Rejects only when the database cannot be reached to record either;
 * once started, the run's faults end in its own record and the log.
 */
export async function startRun(ctx: StartContext, source: SourceRow, trigger: RunTrigger, options: RunOptions = {}, recorded: RecordedAt = {}): Promise<Started> {
  const db = ctx.database.db;
  const lock = await tryLock(ctx.database, sourceLockKey(source.id));
  if (!lock) {
    const run = await skippedRun(db, source.id, trigger, new Date(), recorded);
    ctx.logger.info({ sourceId: source.id, runId: run.id }, 'run skipped: another run of this source is in progress');
    return { status: 'skipped', runId: run.id };
  }
  let runId: string;
  try {
    runId = (await openRun(db, source.id, trigger, recorded)).id;
  } catch (err) {
    await lock.release();
    throw err;
  }
  const finished = work(ctx, source, runId, lock, options);
  inFlight.add(finished);
  void finished.finally(() => inFlight.delete(finished));
  return { status: 'started', runId, finished };
}

async function work(ctx: StartContext, source: SourceRow, runId: string, lock: HeldLock, options: RunOptions): Promise<RunResult | undefined> {
  const log = ctx.logger.child({ sourceId: source.id, runId });
  const stop = new AbortController();
  stoppers.add(stop);
  const lockLost = () => {
    log.error({ err: lock.lost.reason }, 'the run lost its lock on the database and stops');
    stop.abort('the run lost its lock on the database');
  };
  lock.lost.addEventListener('abort', lockLost, { once: true });
  const outer = options.signal;
  const stopFromOutside = () => stop.abort(outer?.reason);
  outer?.addEventListener('abort', stopFromOutside, { once: true });
  try {
    const result = await runSource(ctx, source, runId, { ...options, signal: stop.signal });
    await notify(ctx, source, runId, result).catch((err: unknown) => log.error({ err }, 'could not mail the operators about the run'));
    return result;
  } catch (err) {
    // The run could not record its end (the database went away): the sweeper closes it once the lock is free.
    log.error({ err }, 'the run could not record its end');
    return undefined;
  } finally {
    lock.lost.removeEventListener('abort', lockLost);
    outer?.removeEventListener('abort', stopFromOutside);
    stoppers.delete(stop);
    await lock.release();
  }
}

/** The lock of a scheduler's tick: one instance at a time starts the runs due. */
const TICK_LOCK = lockKey('scheduler-tick');

/** What a tick did with a source due: started it, recorded it skipped (its lock was held), or found it recorded already. */
export type TickStart = { sourceId: string; status: 'started' | 'skipped' | 'recorded-already' };

/**
 * A scheduler's tick: starts the runs of the sources due at `dueAt`, as Immich's scheduler does,
 * in the one instance that takes the tick's lock; another instance that comes while it is held
 * does nothing and records nothing. Each run is recorded as created at `dueAt`, so an instance
 * whose tick comes late finds it and records nothing either: with any number of instances, a
 * healthy schedule has one run per due source and no skipped ones. Resolves when the runs it
 * started have ended. Never rejects: a database that cannot be reached is logged, and the next
 * tick tries again.
 */
export async function runScheduledSources(ctx: StartContext, dueAt: Date, sourceIds: readonly string[]): Promise<TickStart[]> {
  const out: TickStart[] = [];
  const running: Promise<unknown>[] = [];
  try {
    const lock = await tryLock(ctx.database, TICK_LOCK);
    if (!lock) return out;
    try {
      for (const sourceId of sourceIds) {
        const source = await sourceById(ctx.database.db, sourceId);
        if (!source?.enabled) continue;
        if (await scheduledRunAt(ctx.database.db, sourceId, dueAt)) {
          out.push({ sourceId, status: 'recorded-already' });
          continue;
        }
        const started = await startRun(ctx, source, 'schedule', {}, { createdAt: dueAt });
        out.push({ sourceId, status: started.status });
        if (started.status === 'started') running.push(started.finished);
      }
    } finally {
      // The tick's lock covers recording the runs, not running them: a run holds its source's lock.
      await lock.release();
    }
  } catch (err) {
    ctx.logger.error({ err, sourceIds }, 'the scheduled runs could not start');
  }
  await Promise.all(running);
  return out;
}

/**
 * Stops this process's runs (shutdown): each records `failed` with the reason and lets its
 * lock go. Resolves when they have, or after `timeoutMs`; a run still going then is closed as
 * interrupted by the next start or another instance.
 */
export async function abortInFlightRuns({ timeoutMs }: { timeoutMs: number }): Promise<void> {
  for (const stop of stoppers) stop.abort('the server is shutting down');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  await Promise.race([Promise.allSettled([...inFlight]), timeout]);
  clearTimeout(timer);
}
