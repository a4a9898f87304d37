/** Configuration, read and checked once at start; a bad value stops the process naming the variable. */
import path from 'node:path';
import { z } from 'zod';
import { defaultTimeouts, type DatabaseTimeouts } from './db/timeouts';

const flag = z.enum(['on', 'off']);
/** A duration in milliseconds, from 100 ms to an hour. */
const ms = (fallback: number) => z.coerce.number().int().min(100).max(3_600_000).default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_STATEMENT_TIMEOUT_MS: ms(defaultTimeouts.statementMs),
  DATABASE_QUERY_TIMEOUT_MS: ms(defaultTimeouts.queryMs),
  DATABASE_CONNECT_TIMEOUT_MS: ms(defaultTimeouts.connectMs),
  DATABASE_JOB_STATEMENT_TIMEOUT_MS: ms(defaultTimeouts.jobStatementMs),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  SCHEDULER: flag.default('on'),
  FEED_ALLOW_PRIVATE: z.enum(['0', '1']).default('0'),
  BASE_PATH: z
    .string()
    .regex(/^\/([A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*)?\/?$/, 'must be a path such as / or /network')
    .default('/'),
  SEED: z.enum(['none', 'demo']).optional(),
  MAIL_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  LIST_CACHE_SIZE: z.coerce.number().int().min(0).max(100_000).default(500),
  SIGN_IN_DELAY_MS: z.coerce.number().int().min(0).max(5_000).default(250),
  SHUTDOWN_DEADLINE_MS: z.coerce.number().int().min(100).max(60_000).default(9_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Env {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Limits on the PostgreSQL server's connections (the embedded database has no network to guard against). */
  databaseTimeouts: DatabaseTimeouts;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  scheduler: boolean;
  feedAllowPrivate: boolean;
  /** Always without a trailing slash: '' for the root. */
  basePath: string;
  seed: 'none' | 'demo' | undefined;
  mailUrl: string | undefined;
  logLevel: string;
  /** List pages kept per process; 0 turns the cache off. */
  listCacheSize: number;
  /** First delay after a failed sign-in; it doubles with each further failure. */
  signInDelayMs: number;
  /** After SIGTERM or SIGINT the process exits within this long, whatever still runs. */
  shutdownDeadlineMs: number;
}

export class EnvError extends Error {}

/** Parses the environment; throws an EnvError naming each bad variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.DATABASE_QUERY_TIMEOUT_MS <= e.DATABASE_STATEMENT_TIMEOUT_MS) {
    throw new EnvError('Invalid configuration:\n  DATABASE_QUERY_TIMEOUT_MS must be longer than DATABASE_STATEMENT_TIMEOUT_MS, so the server cancels a slow statement before the client drops its connection');
  }
  if ((e.ADMIN_EMAIL === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    throw new EnvError('Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseTimeouts: {
      ...defaultTimeouts,
      statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      queryMs: e.DATABASE_QUERY_TIMEOUT_MS,
      connectMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      jobStatementMs: e.DATABASE_JOB_STATEMENT_TIMEOUT_MS,
    },
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
    scheduler: e.SCHEDULER === 'on',
    feedAllowPrivate: e.FEED_ALLOW_PRIVATE === '1',
    basePath: e.BASE_PATH.replace(/\/$/, ''),
    seed: e.SEED,
    mailUrl: e.MAIL_URL,
    logLevel: e.LOG_LEVEL,
    listCacheSize: e.LIST_CACHE_SIZE,
    signInDelayMs: e.SIGN_IN_DELAY_MS,
    shutdownDeadlineMs: e.SHUTDOWN_DEADLINE_MS,
  };
}
