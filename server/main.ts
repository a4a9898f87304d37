/** Starts the HTTP server: `npm start`. */
import type { Server } from 'node:http';
import { createApp } from './app';
import { boot } from './boot';
import type { AppContext } from './context';
import { EnvError, readEnv, type Env } from './env';
import { createLogger } from './logger';
import { startScheduler } from '../jobs/scheduler';

export interface Running {
  server: Server;
  ctx: AppContext;
  url: string;
  stop(): Promise<void>;
}

/** Boots and listens on env.port (0 picks a free port, for tests). */
export async function startWebServer(env: Env): Promise<Running> {
  const logger = createLogger(env.logLevel);
  const ctx = await boot(env, logger);
  const app = createApp(ctx);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(env.port, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.port;
  const url = `http://localhost:${port}${env.basePath}`;
  const scheduler = env.scheduler ? startScheduler(ctx, url) : undefined;
  return {
    server,
    ctx,
    url,
    async stop() {
      scheduler?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.database.close();
    },
  };
}

async function main() {
  let env: Env;
  try {
    env = readEnv();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const running = await startWebServer(env);
  running.ctx.logger.info({ url: running.url, database: running.ctx.database.kind }, `Partnering Network is serving ${running.url}`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.ctx.logger.info({ signal }, 'shutting down');
    await running.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(2);
    }
    console.error('Could not start:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
