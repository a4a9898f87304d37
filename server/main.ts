/** Starts the HTTP server: `npm start`. */
import type { Server } from 'node:http';
import { createApp } from './app';
import { boot } from './boot';
import type { AppContext } from './context';
import { EnvError, readEnv, type Env } from './env';
import { createLogger } from './logger';
import { installProcessGuard } from './process-guard';
import { exitCodes, exitOnSignals, stopAll } from './shutdown';
import { startScheduler } from '../jobs/scheduler';

export interface Running {
  server: Server;
  ctx: AppContext;
  url: string;
  /** Stops within env.shutdownDeadlineMs: 'forced' when a step had to be given up. */
  stop(): Promise<'clean' | 'forced'>;
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
  if (env.scheduler) {
    const scheduler = startScheduler(ctx);
    ctx.shutdown.onShutdown('scheduler', () => scheduler.stop());
  }
  return {
    server,
    ctx,
    url,
    stop: () => stopAll({ server, hooks: ctx.shutdown, database: ctx.database, logger, deadlineMs: env.shutdownDeadlineMs }),
  };
}

async function main() {
  const env = readEnv();
  const logger = createLogger(env.logLevel);
  // Until the server runs, a fault stops the start (main's catch); once it runs, the signals' stop takes over.
  let fatal: (err: unknown) => void = () => process.exit(exitCodes.crashed);
  installProcessGuard({ logger, onFatal: (err) => fatal(err) });
  const running = await startWebServer(env);
  const signals = exitOnSignals({ stop: running.stop, logger, deadlineMs: env.shutdownDeadlineMs });
  fatal = () => signals.begin('uncaught exception', exitCodes.crashed);
  running.ctx.logger.info({ url: running.url, publicUrl: env.publicUrl, database: running.ctx.database.kind }, `Partnering Network is serving ${running.url}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(exitCodes.badConfiguration);
    }
    console.error('Could not start:', err instanceof Error ? err.message : err);
    process.exit(exitCodes.crashed);
  });
}
