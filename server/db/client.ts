/**
 * Opens the database: embedded PGlite in DATA_DIR by default, or the PostgreSQL
 * server of DATABASE_URL. Both give the same Drizzle API over the same schema.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';
import { projectPath } from '../paths';
import { lockDataDir } from './data-lock';
import { defaultTimeouts, type DatabaseTimeouts } from './timeouts';
import { clientConfig, createPool, endPool, ResilientClient } from './pool';
import { withDeadline } from '../deadline';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** One pool of connections (or the embedded database) and its Drizzle handle. */
export interface DatabaseHandle {
  db: Db;
  /** Runs raw SQL and returns its rows as plain objects. */
  rows<T>(query: SQL): Promise<T[]>;
  /** The underlying node-postgres pool, for COPY, advisory locks and benchmarks; undefined when embedded. */
  pool?: pg.Pool;
}

/** The request pool, with the background pool beside it. */
export interface Database extends DatabaseHandle {
  kind: 'embedded' | 'server';
  /**
   * For sync runs and scheduled jobs: statements may run as long as DATABASE_JOB_STATEMENT_TIMEOUT_MS,
   * on connections of their own, so a long sync never starves requests. Embedded, it is the same database.
   */
  background: DatabaseHandle;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** Closes both pools; each gives up after a few seconds when the server does not answer. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL of a server; when absent the embedded database is used. */
  databaseUrl?: string;
  /** Folder of the embedded database; when absent it lives in memory (tests). */
  dataDir?: string;
  /**
   * Tests: the embedded database starts as this copy of a prepared one (`embeddedImage`) instead
   * of an empty one, which skips PostgreSQL's initdb and the migrations already in it.
   */
  image?: Blob;
  onPoolError?: (err: Error) => void;
  timeouts?: Partial<DatabaseTimeouts>;
}

const migrationsFolder = projectPath('server', 'db', 'migrations');
const migrationLockKey = 7_310_001;

/**
 * A migrated in-memory embedded database, after `prepare`, as a tarball (PGlite's data folder
 * dump) that `openDatabase({ image })` starts from: tests build it once instead of once per test file.
 */
export async function embeddedImage(prepare: (db: Db) => Promise<void>): Promise<Blob> {
  const client = await PGlite.create({ extensions: { pg_trgm, unaccent } });
  try {
    const db = drizzlePglite(client, { schema });
    await migratePglite(db, { migrationsFolder });
    await prepare(db as unknown as Db);
    return await client.dumpDataDir('none');
  } finally {
    await client.close();
  }
}

/** Opens the database and applies any pending migration. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (!options.databaseUrl) return openEmbedded(options.dataDir, options.image);
  return openServer(options.databaseUrl, { ...defaultTimeouts, ...options.timeouts }, options.onPoolError);
}

async function openEmbedded(dataDir: string | undefined, image: Blob | undefined): Promise<Database> {
  let dir: string | undefined;
  let release = () => {};
  if (dataDir) {
    dir = path.join(dataDir, 'pgdata');
    fs.mkdirSync(dir, { recursive: true });
    release = lockDataDir(dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create({ dataDir: dir, loadDataDir: image, extensions: { pg_trgm, unaccent } });
  } catch (err) {
    release();
    throw err;
  }
  const db = drizzlePglite(client, { schema });
  // Also on an image: it applies only the migrations newer than the image, so a stale one still opens current.
  await migratePglite(db, { migrationsFolder });
  const handle: DatabaseHandle = { db: db as unknown as Db, rows: async <T>(query: SQL) => (await db.execute(query)).rows as T[] };
  return {
    ...handle,
    kind: 'embedded',
    background: handle,
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      await client.close();
      release();
    },
  };
}

/** Sessions the server ends when left idle inside a transaction: requests never wait on the network mid-transaction, jobs may fetch. */
const idleInTransactionMs = { request: 60_000, background: 10 * 60_000 };
const POOL_END_MS = 3_000;
const MIGRATION_MS = 15 * 60_000;

async function openServer(url: string, timeouts: DatabaseTimeouts, onPoolError?: (err: Error) => void): Promise<Database> {
  await migrateServer(url, timeouts);
  const onError = (err: Error) => onPoolError?.(err);
  const request = createPool(url, { ...timeouts, idleInTransactionMs: idleInTransactionMs.request }, { max: 10, onError });
  const backgroundTimeouts = {
    ...timeouts,
    statementMs: timeouts.jobStatementMs,
    // The client waits as much longer than the server as it does for requests.
    queryMs: timeouts.jobStatementMs + Math.max(0, timeouts.queryMs - timeouts.statementMs),
    idleInTransactionMs: idleInTransactionMs.background,
  };
  const backgroundPool = createPool(url, backgroundTimeouts, { max: 4, onError });
  const handleOf = (pool: pg.Pool): DatabaseHandle => {
    const db = drizzlePg(pool, { schema });
    return { db: db as unknown as Db, rows: async <T>(query: SQL) => (await db.execute(query)).rows as T[], pool };
  };
  return {
    ...handleOf(request),
    kind: 'server',
    background: handleOf(backgroundPool),
    ping: async () => {
      await request.query('select 1');
    },
    close: async () => {
      await Promise.all([endPool(request, POOL_END_MS), endPool(backgroundPool, POOL_END_MS)]);
    },
  };
}

/**
 * Applies pending migrations on a connection of its own, without the request pool's statement
 * timeout (a migration may rewrite a large table), one instance at a time.
 */
async function migrateServer(url: string, timeouts: DatabaseTimeouts): Promise<void> {
  const client = new ResilientClient(
    clientConfig(url, { ...timeouts, statementMs: MIGRATION_MS, queryMs: MIGRATION_MS + 5_000, idleInTransactionMs: 0 }),
  );
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [migrationLockKey]);
    await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [migrationLockKey]).catch(() => undefined);
    await withDeadline(client.end(), POOL_END_MS, 'closing the migration connection').catch(() => client.dropConnection());
  }
}

/** Raw SQL rows through a Drizzle handle: inside a transaction, pass the transaction. */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
