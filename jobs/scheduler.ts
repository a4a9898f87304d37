/**
 * Recurring jobs of this process (SCHEDULER=on). Each run takes a PostgreSQL advisory
 * lock, so with many instances a job runs once at a time.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { AppContext } from '../server/context';
import { sendConfirmReminders } from '../server/commands/send-confirm-reminders';
import { pruneSessions } from '../server/db/sessions';

export interface Job {
  name: string;
  /** Cron expression, in UTC. */
  schedule: string;
  /** Advisory lock key, unique per job. */
  lock: number;
  run(ctx: AppContext): Promise<void>;
}

export const jobs = (siteUrl: string): Job[] => [
  {
    name: 'confirm-reminders',
    schedule: '0 6 * * *',
    lock: 7_310_101,
    run: async (ctx) => {
      const n = await sendConfirmReminders(ctx, siteUrl);
      ctx.logger.info({ job: 'confirm-reminders', entries: n }, 'confirmation reminders sent');
    },
  },
  { name: 'prune-sessions', schedule: '17 * * * *', lock: 7_310_102, run: (ctx) => pruneSessions(ctx.database.db) },
];

/** Runs `job` if no other instance holds its lock; the embedded database has one process only. */
export async function runExclusive(ctx: AppContext, job: Job): Promise<'ran' | 'skipped'> {
  if (ctx.database.kind === 'embedded' || !ctx.database.pool) {
    await job.run(ctx);
    return 'ran';
  }
  const client = await ctx.database.pool.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [job.lock]);
    if (!rows[0]?.ok) return 'skipped';
    try {
      await job.run(ctx);
      return 'ran';
    } finally {
      await client.query('select pg_advisory_unlock($1)', [job.lock]);
    }
  } finally {
    client.release();
  }
}

export function startScheduler(ctx: AppContext, siteUrl: string): { stop(): void } {
  const tasks: ScheduledTask[] = jobs(siteUrl).map((job) =>
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
      for (const t of tasks) void t.stop();
    },
  };
}

