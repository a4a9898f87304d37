/**
 * The directory an API benchmark asks: booted on a scratch database of the server when
 * DATABASE_URL is set (dropped on close), else on the embedded database in memory, and served
 * on loopback once its data is in.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app';
import { boot } from '../../server/boot';
import type { AppContext } from '../../server/context';
import { scratchDatabase } from '../../server/db/scratch';
import { readEnv } from '../../server/env';
import { createLogger } from '../../server/logger';

export interface BenchDirectory {
  ctx: AppContext;
  /** Starts serving the app on loopback and gives its base address. */
  serve(): Promise<string>;
  /** Stops serving, closes the database and drops the scratch database. */
  close(): Promise<void>;
}

export async function benchDirectory(options: { listCacheSize: number }): Promise<BenchDirectory> {
  const serverUrl = process.env.DATABASE_URL;
  const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', LIST_CACHE_SIZE: String(options.listCacheSize) });
  const scratch = serverUrl ? await scratchDatabase(serverUrl, 'pn_bench') : undefined;
  env.databaseUrl = scratch?.url;
  const ctx = await boot(env, createLogger('silent'), { inMemory: true });
  let server: Server | undefined;
  return {
    ctx,
    async serve() {
      server = createApp(ctx).listen(0, '127.0.0.1');
      await new Promise((resolve) => server?.once('listening', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async close() {
      server?.close();
      await ctx.database.close();
      await scratch?.drop();
    },
  };
}
