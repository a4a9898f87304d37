/** Starts the HTTP server: `npm start`. */
import type { Server } from 'node:http';
import { createApp } from './app';
import { answerMalformedRequests } from './edge-input';
import { boot } from './boot';
import type { AppContext } from './context';
import { EnvError, readEnv, type Env } from './env';
import { createLogger, type Logger } from './logger';
import { installProcessGuard } from './process-guard';
import { exitCodes, exitOnSignals, stopAll } from './shutdown';
import { startScheduler } from '../jobs/scheduler';
import { closeInterruptedRuns, startRunSweeper } from '../jobs/run-sweeper';
import { abortInFlightRuns } from '../jobs/start-run';

export interface Running {
  server: Server;
  ctx: AppContext;
  url: string;
  /** Stops within env.shutdownDeadlineMs: 'forced' when a step had to be given up. */
  stop(): Promise<'clean' | 'forced'>;
}

/** Saves the search index to its snapshot; a failure is logged: it only costs the next start its time. */
async function saveSearchIndex(ctx: AppContext, logger: Logger): Promise<void> {
  await ctx.searchIndex.save().catch((error: unknown) => logger.warn({ err: error }, 'search index: could not save its snapshot'));
}

/** Boots and listens on env.port (0 picks a free port, for tests). */
export async function startWebServer(env: Env): Promise<Running> {
  const logger = createLogger(env.logLevel);
  const ctx = await boot(env, logger);
  // Runs a killed process left open are closed before anything else starts one.
  const interrupted = await closeInterruptedRuns(ctx);
  if (interrupted > 0) logger.warn({ runs: interrupted }, 'runs left unfinished by a stopped process were closed as interrupted');
  // The search index is ready before the first request, so no firm waits for it: loaded from
  // its snapshot when there is a usable one, else built and saved for the next start.
  const building = Date.now();
  if (env.searchSnapshot) ctx.searchIndex.persist(env.searchSnapshot);
  const how = await ctx.searchIndex.ready();
  logger.info({ ms: Date.now() - building, ...(await ctx.searchIndex.stats()).entries }, `search index ${how}`);
  if (how === 'built') await saveSearchIndex(ctx, logger);
  ctx.searchIndex.follow();
  ctx.shutdown.onShutdown('search index', async () => {
    ctx.searchIndex.stop();
    await saveSearchIndex(ctx, logger);
  });
  const app = createApp(ctx);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(env.port, () => resolve(s));
    s.once('error', reject);
  });
  answerMalformedRequests(server);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.port;
  const url = `http://localhost:${port}${env.basePath}`;
  if (env.scheduler) {
    const scheduler = startScheduler(ctx);
    ctx.shutdown.onShutdown('scheduler', () => scheduler.stop());
  }
  // Every instance sweeps, scheduler or not: the one that died may have been the only scheduler.
  const sweeper = startRunSweeper(ctx);
  ctx.shutdown.onShutdown('run sweeper', () => sweeper.stop());
  // Runs under way record `failed` and let their locks go, within the hooks' share of the deadline; one that cannot is closed at the next start.
  ctx.shutdown.onShutdown('runs in flight', () => abortInFlightRuns({ timeoutMs: Math.floor(env.shutdownDeadlineMs * 0.3) }));
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
