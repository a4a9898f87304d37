import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; child loggers carry request, source and run ids. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'partnering-network' }, redact: ['req.headers.cookie', 'req.headers.authorization'] });
}
