/**
 * Recurring jobs of this process (SCHEDULER=on). Each run takes a PostgreSQL advisory
 * lock, so with many instances a job runs once at a time; the sources' scheduled runs are
 * started by one instance per tick (start-run.ts runScheduledSources).
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { AppContext } from '../server/context';
import { sendConfirmReminders } from '../server/commands/send-confirm-reminders';
import { flagUnansweredIntroductions } from '../server/commands/introductions';
import { remindUnansweredIntroductions } from '../server/commands/remind-introductions';
import { expireIntroductions } from '../server/commands/expire-introductions';
import { askIntroductionFollowUps } from '../server/commands/ask-follow-ups';
import { sendSavedSearchAlerts } from '../server/commands/saved-searches';
import { pruneSignInAttempts } from '../server/commands/sign-in';
import { pruneSessions } from '../server/db/sessions';
import { pruneKeys } from '../server/db/idempotency';
import { listSources, pruneRuns } from '../server/db/sync';
import { runScheduledSources } from './start-run';
import { tryLock } from '../server/db/advisory-lock';

export interface Job {
  name: string;
  /** Cron expression, in UTC. */
  schedule: string;
  /** Advisory lock key, unique per job. */
  lock: number;
  run(ctx: AppContext): Promise<void>;
}

export const jobs = (): Job[] => [
  {
    name: 'confirm-reminders',
    schedule: '0 6 * * *',
    lock: 7_310_101,
    run: async (ctx) => {
      const n = await sendConfirmReminders(ctx);
      ctx.logger.info({ job: 'confirm-reminders', entries: n }, 'confirmation reminders sent');
    },
  },
  {
    name: 'prune-sessions',
    schedule: '17 * * * *',
    lock: 7_310_102,
    run: async (ctx) => {
      await pruneSessions(ctx.database.db);
      await pruneSignInAttempts(ctx);
      // Answers kept for Idempotency-Key and form tokens live 24 hours.
      await pruneKeys(ctx.database.db);
    },
  },
  {
    name: 'prune-runs',
    schedule: '40 4 * * *',
    lock: 7_310_103,
    run: async (ctx) => {
      // Run history is kept 90 days, and the last 50 runs of every source whatever their age.
      const n = await pruneRuns(ctx.database.db, 90, 50);
      ctx.logger.info({ job: 'prune-runs', runs: n }, 'old sync runs pruned');
    },
  },
  {
    name: 'flag-introductions',
    schedule: '30 6 * * *',
    lock: 7_310_104,
    run: async (ctx) => {
      const n = await flagUnansweredIntroductions(ctx, new Date());
      ctx.logger.info({ job: 'flag-introductions', requests: n }, 'unanswered introduction requests flagged');
    },
  },
  {
    name: 'remind-introductions',
    schedule: '20 6 * * *',
    lock: 7_310_121,
    run: async (ctx) => {
      const n = await remindUnansweredIntroductions(ctx, new Date());
      ctx.logger.info({ job: 'remind-introductions', requests: n }, 'agencies reminded of unanswered introduction requests');
    },
  },
  {
    name: 'expire-introductions',
    schedule: '40 6 * * *',
    lock: 7_310_122,
    run: async (ctx) => {
      const n = await expireIntroductions(ctx, new Date());
      ctx.logger.info({ job: 'expire-introductions', requests: n }, 'introduction requests without a move for 60 days expired');
    },
  },
  {
    name: 'introduction-follow-ups',
    schedule: '50 6 * * *',
    lock: 7_310_123,
    run: async (ctx) => {
      const n = await askIntroductionFollowUps(ctx, new Date());
      ctx.logger.info({ job: 'introduction-follow-ups', requests: n }, 'six-month follow-up questions sent');
    },
  },
  {
    name: 'saved-search-alerts',
    schedule: '30 7 * * *',
    lock: 7_310_601,
    run: async (ctx) => {
      const counts = await sendSavedSearchAlerts(ctx);
      ctx.logger.info({ job: 'saved-search-alerts', ...counts }, 'saved search alerts sent');
    },
  },
];

/** Runs `job` if no other instance (nor this one) holds its lock. */
export async function runExclusive(ctx: AppContext, job: Job): Promise<'ran' | 'skipped'> {
  const lock = await tryLock(ctx.database, String(job.lock));
  if (!lock) return 'skipped';
  try {
    await job.run(ctx);
    return 'ran';
  } finally {
    await lock.release();
  }
}

/** How long the firings of one instant are gathered into one tick: the tasks' timers fire a few milliseconds apart. */
const GATHER_MS = 250;

/** Gathers the sources that come due at one instant into one tick (start-run.ts runScheduledSources). */
function tickGatherer(ctx: AppContext): (sourceId: string, dueAt: Date) => void {
  const gathering = new Map<number, string[]>();
  return (sourceId, dueAt) => {
    // A cron instant is a whole second; the tick every instance agrees on.
    const at = Math.floor(dueAt.getTime() / 1000) * 1000;
    const due = gathering.get(at);
    if (due) {
      due.push(sourceId);
      return;
    }
    gathering.set(at, [sourceId]);
    setTimeout(() => {
      const ids = gathering.get(at) ?? [];
      gathering.delete(at);
      void runScheduledSources(ctx, new Date(at), ids);
    }, GATHER_MS).unref();
  };
}

/**
 * Keeps one cron task per enabled, scheduled source, in the source's time zone; the sources due
 * at one instant start together in one tick. It follows changes at once (the API signals them)
 * and every minute (for changes made by another instance).
 */
function scheduleSources(ctx: AppContext): { stop(): void } {
  const tasks = new Map<string, { spec: string; task: ScheduledTask }>();
  const due = tickGatherer(ctx);
  const reconcile = async () => {
    const wanted = (await listSources(ctx.database.db)).filter((s) => s.enabled && s.schedule && cron.validate(s.schedule));
    const specs = new Map(wanted.map((s) => [s.id, `${s.schedule}|${s.timezone}`]));
    for (const [id, t] of tasks) {
      if (specs.get(id) !== t.spec) {
        void t.task.destroy();
        tasks.delete(id);
      }
    }
    for (const s of wanted) {
      if (tasks.has(s.id)) continue;
      const task = cron.schedule(s.schedule as string, ({ date }) => due(s.id, date), { name: `source-${s.id}`, timezone: s.timezone });
      tasks.set(s.id, { spec: `${s.schedule}|${s.timezone}`, task });
    }
  };
  const safely = () => reconcile().catch((err: unknown) => ctx.logger.error({ err }, 'could not schedule sources'));
  void safely();
  ctx.events.on('sources-changed', safely);
  const poll = setInterval(safely, 60_000);
  poll.unref();
  return {
    stop() {
      clearInterval(poll);
      ctx.events.off('sources-changed', safely);
      for (const t of tasks.values()) void t.task.destroy();
    },
  };
}

/** The next run of each scheduled source in this process, for the operators' console. */
export function nextRuns(): Map<string, Date | null> {
  const out = new Map<string, Date | null>();
  for (const task of cron.getTasks().values()) if (task.name?.startsWith('source-')) out.set(task.name.slice('source-'.length), task.getNextRun());
  return out;
}

/**
 * When a cron expression next fires in a time zone, whether or not this process schedules it
 * (SCHEDULER=off, another instance, a disabled source); null for an invalid expression.
 */
export function nextRunAt(schedule: string, timezone: string): Date | null {
  if (!cron.validate(schedule)) return null;
  // A task that is never started: it only reads the expression, and is dropped at once.
  const task = cron.createTask(schedule, () => undefined, { timezone });
  try {
    return task.getNextRuns(1)[0] ?? null;
  } finally {
    void task.destroy();
  }
}

export function startScheduler(ctx: AppContext): { stop(): void } {
  const sources = scheduleSources(ctx);
  const tasks: ScheduledTask[] = jobs().map((job) =>
    cron.schedule(
      job.schedule,
      async () => {
        try {
          await runExclusive(ctx, job);
        } catch (err) {
          ctx.logger.error({ err, job: job.name }, 'job failed');
        }
      },
      { name: job.name, timezone: 'UTC', noOverlap: true },
    ),
  );
  return {
    stop: () => {
      sources.stop();
      for (const t of tasks) void t.destroy();
    },
  };
}

