/**
 * The syncing process of `npm run bench:restart`: boots as the server does (closing the runs a
 * killed process left open), starts a run of the bench source through startRun, reports its
 * progress after every batch and its figures at the end. The parent may kill it with SIGKILL.
 */
import { closeInterruptedRuns } from '../../jobs/run-sweeper';
import { startRun } from '../../jobs/start-run';
import type { Counts } from '../../jobs/run-state';
import type { RunStatus } from '../../jobs/run-state';
import { insertSource, listSources } from '../../server/db/sync';
import { BENCH_NETWORK } from './feed';
import { bootBench, mapping } from './sync-child';

export interface RestartChildConfig {
  url: string;
  databaseUrl?: string;
  dataDir?: string;
}

export type RestartMessage =
  | { type: 'progress'; imported: number }
  | { type: 'result'; seconds: number; status: RunStatus | 'skipped' | 'unrecorded'; counts?: Counts; errors: string[]; closedAtStart: number };

const send = (message: RestartMessage) => process.send?.(message);

async function main(config: RestartChildConfig): Promise<void> {
  const ctx = await bootBench(config);
  try {
    const closedAtStart = await closeInterruptedRuns(ctx);
    const source =
      (await listSources(ctx.database.db)).find((s) => s.name === 'bench restart') ??
      (await insertSource(ctx.database.db, { name: 'bench restart', network: BENCH_NETWORK, connector: 'json', url: config.url, mapping: mapping('json'), maxBytes: 4 * 1024 ** 3, timeLimitSeconds: 6 * 3600 }));
    const started = performance.now();
    const run = await startRun(ctx, source, 'manual', { onProgress: (c) => send({ type: 'progress', imported: c.created + c.updated + c.unchanged + c.rejected }) });
    const result = run.status === 'started' ? await run.finished : undefined;
    const seconds = (performance.now() - started) / 1000;
    send({
      type: 'result',
      seconds,
      status: run.status === 'skipped' ? 'skipped' : (result?.status ?? 'unrecorded'),
      counts: result?.counts,
      errors: result?.errors.slice(0, 3).map((e) => e.message) ?? [],
      closedAtStart,
    });
  } finally {
    await ctx.database.close();
  }
}

if (require.main === module) {
  main(JSON.parse(process.argv[2] ?? '{}') as RestartChildConfig).then(
    () => process.disconnect?.(),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
