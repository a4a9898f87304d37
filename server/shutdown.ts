/**
 * Stopping the process on SIGTERM or SIGINT within a deadline, even while the database does not
 * answer: stop accepting connections, let requests in flight finish, run the registered hooks
 * (scheduler, sweeper, runs in flight), close the database pools, exit. Every step is bounded.
 */
import type { Server } from 'node:http';
import { withDeadline } from './deadline';
import type { Logger } from './logger';

/** The process's exit codes, as the README lists them. */
export const exitCodes = {
  /** Stopped cleanly on a signal. */
  stopped: 0,
  /** Could not start, or crashed on an unexpected error. */
  crashed: 1,
  /** The configuration is invalid (the message names the variable). */
  badConfiguration: 2,
  /** Stopped on a signal, but a step gave up (a hook, the HTTP server or the database did not finish in time). */
  forced: 3,
} as const;

export type ShutdownHook = () => unknown;

/** Work that must stop before the process exits; modules register themselves, main runs them. */
export class ShutdownHooks {
  private readonly hooks = new Map<symbol, { name: string; fn: ShutdownHook }>();

  /**
   * Runs `fn` at shutdown, after the HTTP server stops accepting and before the database pools
   * close; hooks run side by side, each given up after a few seconds. Returns the unregister function.
   */
  onShutdown(name: string, fn: ShutdownHook): () => void {
    const key = Symbol(name);
    this.hooks.set(key, { name, fn });
    return () => {
      this.hooks.delete(key);
    };
  }

  /** Runs every hook, each bounded by `ms`; resolves with the names of those that failed or timed out. */
  async run(ms: number, logger: Logger): Promise<string[]> {
    const hooks = [...this.hooks.values()];
    this.hooks.clear();
    const failed = await Promise.all(
      hooks.map(async ({ name, fn }) => {
        try {
          await withDeadline(Promise.resolve().then(fn), ms, `shutdown hook ${name}`);
          return undefined;
        } catch (err) {
          logger.error({ err, hook: name }, 'shutdown hook did not finish');
          return name;
        }
      }),
    );
    return failed.filter((name): name is string => name !== undefined);
  }
}

export interface StopParts {
  server?: Server;
  hooks: ShutdownHooks;
  database: { close(): Promise<void> };
  logger: Logger;
  /** The whole stop's budget; each step gets a share of it. */
  deadlineMs: number;
}

/** Stops everything in order within `deadlineMs`; 'forced' when a step had to be given up. */
export async function stopAll({ server, hooks, database, logger, deadlineMs }: StopParts): Promise<'clean' | 'forced'> {
  // Draining requests and running hooks go side by side; closing the database comes after both.
  const stepMs = Math.floor(deadlineMs * 0.4);
  const [served, failedHooks] = await Promise.all([server ? closeServer(server, stepMs) : 'closed', hooks.run(stepMs, logger)]);
  let closed = true;
  try {
    await withDeadline(database.close(), stepMs, 'closing the database');
  } catch (err) {
    closed = false;
    logger.error({ err }, 'the database did not close in time');
  }
  return served === 'closed' && failedHooks.length === 0 && closed ? 'clean' : 'forced';
}

/** Stops accepting, lets requests in flight finish for up to `ms`, then cuts the connections left. */
async function closeServer(server: Server, ms: number): Promise<'closed' | 'cut'> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  try {
    await withDeadline(closed, ms, 'closing the HTTP server');
    return 'closed';
  } catch {
    server.closeAllConnections();
    return 'cut';
  }
}

export interface SignalOptions {
  stop(): Promise<'clean' | 'forced'>;
  logger: Logger;
  /** After this long the process exits whatever is still running. */
  deadlineMs: number;
  exit?: (code: number) => void;
  target?: NodeJS.EventEmitter;
}

/**
 * On SIGTERM or SIGINT, runs `stop` and exits; exits with `forced` when the deadline passes
 * first, or at once on a second signal.
 */
export function exitOnSignals({ stop, logger, deadlineMs, exit = (code) => process.exit(code), target = process }: SignalOptions): {
  /** Starts the same stop without a signal (after a fatal error), exiting with `code` when clean. */
  begin(reason: string, code?: number): void;
} {
  let deadline: NodeJS.Timeout | undefined;
  const begin = (reason: string, code: number = exitCodes.stopped) => {
    if (deadline) {
      clearTimeout(deadline);
      logger.warn({ reason }, 'stopping at once');
      exit(exitCodes.forced);
      return;
    }
    logger.info({ reason, deadlineMs }, 'shutting down');
    deadline = setTimeout(() => {
      logger.error({ deadlineMs }, 'shutdown deadline passed: exiting with work unfinished');
      exit(exitCodes.forced);
    }, deadlineMs);
    stop().then(
      (outcome) => {
        clearTimeout(deadline);
        exit(outcome === 'clean' ? code : exitCodes.forced);
      },
      (err: unknown) => {
        clearTimeout(deadline);
        logger.error({ err }, 'shutdown failed');
        exit(exitCodes.forced);
      },
    );
  };
  target.on('SIGTERM', () => begin('SIGTERM'));
  target.on('SIGINT', () => begin('SIGINT'));
  return { begin };
}
