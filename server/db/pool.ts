/**
 * node-postgres pools that survive a flaky network. A connection reset must not become an
 * unhandled 'error' event (which kills the process), and a connection lost to a partition
 * (packets dropped, no reset) must not stay in the pool: its query would hang for minutes.
 */
import pg from 'pg';
import { DeadlineError, withDeadline } from '../deadline';

/** Client-side and server-side limits of one pool, in milliseconds. */
export interface PoolTimeouts {
  /** The server cancels a statement running longer (`statement_timeout`). */
  statementMs: number;
  /** The client gives up on a query that gets no answer, and drops its connection. */
  queryMs: number;
  /** Connecting, or waiting for a free connection, fails after this long. */
  connectMs: number;
  /** An idle connection is closed after this long, so one hung by a partition does not linger. */
  idleMs: number;
  /** The server ends a session left idle inside a transaction, so its locks are let go. */
  idleInTransactionMs: number;
}

const QUERY_TIMEOUT_MESSAGE = 'Query read timeout';

type Callback = (err: unknown, result?: unknown) => void;
type AnyQuery = (...args: unknown[]) => unknown;

/**
 * A pg.Client that always listens for 'error' (a reset while it is checked out, or idle after
 * the pool let go of it, is logged instead of thrown) and closes its socket when a query times
 * out: node-postgres would otherwise keep the hung query active and hand the client out again.
 */
export class ResilientClient extends pg.Client {
  constructor(config: pg.ClientConfig, onError: (err: Error) => void = () => undefined) {
    super(config);
    this.on('error', onError);
    const query = this.query.bind(this) as AnyQuery;
    const dropOnTimeout = (err: unknown) => {
      if (err instanceof Error && err.message === QUERY_TIMEOUT_MESSAGE) this.dropConnection();
    };
    (this as unknown as { query: AnyQuery }).query = (...args: unknown[]) => {
      const last = args.length - 1;
      const callback = args[last];
      if (typeof callback === 'function') {
        args[last] = (err: unknown, result?: unknown) => {
          dropOnTimeout(err);
          (callback as Callback)(err, result);
        };
      }
      const result = query(...args);
      if (result instanceof Promise) result.then(undefined, dropOnTimeout);
      return result;
    };
  }

  /**
   * Ends the client at once, without waiting for a goodbye the server may never read: the client
   * counts as ending from now on, so the pool removes it on release instead of handing it out again.
   */
  dropConnection(): void {
    const socket = (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream;
    this.end().catch(() => undefined);
    socket?.destroy();
  }
}

export interface PoolOptions {
  max: number;
  /** Told of every connection error, so it can be logged; the pool replaces the connection. */
  onError?: (err: Error) => void;
}

/** A pool of ResilientClients on `url` with these limits. */
export function createPool(url: string, timeouts: PoolTimeouts, options: PoolOptions): pg.Pool {
  const onError = options.onError ?? (() => undefined);
  const config: pg.ClientConfig = clientConfig(url, timeouts);
  // The pool builds its clients with `new Client(config)`; this one keeps the error listener.
  const Client = class extends ResilientClient {
    constructor(given: pg.ClientConfig) {
      super(given, onError);
    }
  } as unknown as new () => pg.ClientBase;
  const pool = new pg.Pool({
    ...config,
    max: options.max,
    idleTimeoutMillis: timeouts.idleMs,
    Client,
  });
  pool.on('error', onError);
  const clients = new Set<ResilientClient>();
  clientsOf.set(pool, clients);
  pool.on('connect', (client) => {
    if (client instanceof ResilientClient) clients.add(client);
  });
  pool.on('remove', (client) => {
    if (client instanceof ResilientClient) clients.delete(client);
  });
  return pool;
}

/** Connection settings of one client with these limits (pools and one-off connections alike). */
export function clientConfig(url: string, timeouts: PoolTimeouts): pg.ClientConfig {
  return {
    connectionString: url,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.queryMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

/** The clients each pool holds now, so closing it can cut the ones a partition hung. */
const clientsOf = new WeakMap<pg.Pool, Set<ResilientClient>>();

/**
 * Ends `pool` within `ms`: half of it for queries in flight to finish, then every connection
 * left is dropped (clients hung by a partition never answer a goodbye).
 */
export async function endPool(pool: pg.Pool, ms: number): Promise<'ended' | 'cut' | 'timed-out'> {
  const ended = pool.end().catch(() => undefined);
  try {
    await withDeadline(ended, ms / 2, 'closing the database pool');
    return 'ended';
  } catch {
    for (const client of clientsOf.get(pool) ?? []) client.dropConnection();
  }
  try {
    await withDeadline(ended, ms / 2, 'closing the database pool');
    return 'cut';
  } catch (err) {
    if (err instanceof DeadlineError) return 'timed-out';
    throw err;
  }
}
