/**
 * The last line of defence: an error nobody caught must not end the process when it is a
 * database fault (the pool replaces the connection and the next request succeeds), and must
 * be logged whatever it is.
 */
import { isDatabaseDown } from './error-handler';
import type { Logger } from './logger';

export interface GuardOptions {
  logger: Logger;
  /** Called on an uncaught exception that is not a database fault: the process's state is unknown, so it stops. */
  onFatal(err: unknown): void;
  target?: NodeJS.EventEmitter;
}

/**
 * A rejection nobody awaited is logged and the process stays up: no code was cut off half-way by
 * it. An uncaught exception is too, when it is a database fault (a connection reset or timed out);
 * any other one stops the process through `onFatal`, since code was cut off at an unknown point.
 */
export function installProcessGuard({ logger, onFatal, target = process }: GuardOptions): () => void {
  const onRejection = (reason: unknown) => {
    if (isDatabaseDown(reason)) logger.warn({ err: reason }, 'a database fault was not handled where it happened; the process stays up');
    else logger.error({ err: reason }, 'unhandled promise rejection; the process stays up');
  };
  const onException = (err: unknown) => {
    if (isDatabaseDown(err)) {
      logger.warn({ err }, 'a database connection failed outside any request; the process stays up');
      return;
    }
    logger.fatal({ err }, 'uncaught exception: stopping');
    onFatal(err);
  };
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
