/** Configuration, read and checked once at start; a bad value stops the process naming the variable. */
import path from 'node:path';
import ipaddr from 'ipaddr.js';
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
  MAIL_FROM: z.string().trim().min(3).max(200).optional(),
  LIST_CACHE_SIZE: z.coerce.number().int().min(0).max(100_000).default(500),
  SIGN_IN_DELAY_MS: z.coerce.number().int().min(0).max(5_000).default(250),
  SHUTDOWN_DEADLINE_MS: z.coerce.number().int().min(100).max(60_000).default(9_000),
  SYNC_WORKER: flag.default('off'),
  SEARCH_SNAPSHOT: z.string().trim().min(1).optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an absolute http:// or https:// URL, such as https://partnering.example.org' }).optional(),
  TRUST_PROXY: z.string().default('loopback'),
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
  /**
   * The site's public address (scheme, host, port, BASE_PATH), without a trailing slash: the
   * only source of absolute links. Never derived from a request's Host or X-Forwarded-* headers.
   */
  publicUrl: string;
  /** Express's `trust proxy` setting: which peers may say, in X-Forwarded-*, who the client is. */
  trustProxy: TrustProxy;
  seed: 'none' | 'demo' | undefined;
  mailUrl: string | undefined;
  /** The sender of every mail: MAIL_FROM, else no-reply at PUBLIC_URL's host (never the SMTP relay's name). */
  mailFrom: string;
  logLevel: string;
  /** List pages kept per process; 0 turns the cache off. */
  listCacheSize: number;
  /** First delay after a failed sign-in; it doubles with each further failure. */
  signInDelayMs: number;
  /** After SIGTERM or SIGINT the process exits within this long, whatever still runs. */
  shutdownDeadlineMs: number;
  /** Whether a sync reads and prepares a large first page in a worker thread (faster, more memory). */
  syncWorker: boolean;
  /** Where the server keeps its search index between runs (server/search-index/snapshot.ts); null: built at every start. */
  searchSnapshot: string | null;
}

export class EnvError extends Error {}

/** Whether users reach the site over TLS: HSTS, upgrade-insecure-requests, COOP and Secure cookies depend on it. */
export const servedOverTls = (env: Pick<Env, 'publicUrl'>) => env.publicUrl.startsWith('https:');

/** `false` (no proxy), a number of proxy hops, or addresses, CIDR ranges and Express's names for ranges. */
export type TrustProxy = false | number | string[];

const rangeNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY as Express's `trust proxy` value. `true` (trust any peer) is refused: then anyone
 * could choose the address that sign-in limits count, by sending X-Forwarded-For.
 */
function trustProxyOf(value: string, problems: string[]): TrustProxy {
  const v = value.trim();
  if (v === 'off' || v === 'false' || v === '0') return false;
  if (/^[1-9]\d?$/.test(v)) return Number(v);
  const items = v.split(',').map((s) => s.trim());
  const bad = items.filter((item) => !rangeNames.has(item) && !ipaddr.isValid(item) && !isCidr(item));
  if (bad.length) problems.push(`TRUST_PROXY: must be off, a number of proxy hops (1-99), or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal (not understood: ${bad.join(', ')})`);
  return items;
}

function isCidr(value: string): boolean {
  try {
    ipaddr.parseCIDR(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * PUBLIC_URL without its trailing slash, checked against BASE_PATH: a path that differs would
 * give links the server does not answer. Without it, production refuses to start (links would
 * name a host the users cannot reach); elsewhere it is this machine's address.
 */
function publicUrlOf(given: string | undefined, e: { NODE_ENV: string; PORT: number }, basePath: string, problems: string[]): string {
  if (given === undefined) {
    if (e.NODE_ENV === 'production') problems.push('PUBLIC_URL: must be set when NODE_ENV=production: the address users reach the site at, such as https://partnering.example.org (mails, feeds and links are built from it)');
    return `http://localhost:${e.PORT}${basePath}`;
  }
  const url = new URL(given);
  if (url.username || url.password) problems.push('PUBLIC_URL: must not carry a user name or password');
  if (url.search || url.hash) problems.push('PUBLIC_URL: must not carry a query or a fragment');
  const urlPath = url.pathname.replace(/\/$/, '');
  if (urlPath !== basePath) problems.push(`PUBLIC_URL: its path (${urlPath || '/'}) must be BASE_PATH (${basePath || '/'})`);
  return `${url.origin}${urlPath}`;
}

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
  const basePath = e.BASE_PATH.replace(/\/$/, '');
  const problems: string[] = [];
  const publicUrl = publicUrlOf(e.PUBLIC_URL, e, basePath, problems);
  const trustProxy = trustProxyOf(e.TRUST_PROXY, problems);
  if (problems.length) throw new EnvError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
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
    basePath,
    publicUrl,
    trustProxy,
    seed: e.SEED,
    mailUrl: e.MAIL_URL,
    mailFrom: e.MAIL_FROM ?? `Partnering Network <no-reply@${new URL(publicUrl).hostname}>`,
    logLevel: e.LOG_LEVEL,
    listCacheSize: e.LIST_CACHE_SIZE,
    signInDelayMs: e.SIGN_IN_DELAY_MS,
    shutdownDeadlineMs: e.SHUTDOWN_DEADLINE_MS,
    syncWorker: e.SYNC_WORKER === 'on',
    searchSnapshot: e.SEARCH_SNAPSHOT === 'off' ? null : path.resolve(e.SEARCH_SNAPSHOT ?? path.join(e.DATA_DIR, 'search-index.snapshot')),
  };
}
