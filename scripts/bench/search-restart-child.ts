/**
 * A restarted server's start-up, in a process of its own so its memory is its own: boots on the
 * bench's database, loads the search index from the snapshot the bench saved, and sends the
 * time and the process's RSS to `npm run bench:search`.
 */
import { boot } from '../../server/boot';
import { readEnv } from '../../server/env';
import { createLogger } from '../../server/logger';

export interface RestartFigures {
  how: 'built' | 'loaded';
  loadMs: number;
  /** RSS once booted, before the index, and once it is loaded, in bytes. */
  bootRss: number;
  readyRss: number;
  heapUsed: number;
  organizations: number;
}

async function main(config: { databaseUrl: string; file: string }): Promise<void> {
  const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SCHEDULER: 'off', SEED: 'none', DATABASE_URL: config.databaseUrl, SEARCH_SNAPSHOT: config.file });
  const ctx = await boot(env, createLogger('silent'));
  try {
    global.gc?.();
    const bootRss = process.memoryUsage().rss;
    if (env.searchSnapshot) ctx.searchIndex.persist(env.searchSnapshot);
    const started = performance.now();
    const how = await ctx.searchIndex.ready();
    const loadMs = performance.now() - started;
    global.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    const organizations = (await ctx.searchIndex.stats()).entries.organization;
    process.send?.({ how, loadMs, bootRss, readyRss: rss, heapUsed, organizations } satisfies RestartFigures);
  } finally {
    await ctx.database.close();
  }
}

const parseJson: (text: string) => unknown = JSON.parse;
main(parseJson(process.argv[2] ?? '{}') as { databaseUrl: string; file: string }).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
