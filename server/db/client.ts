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

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'embedded' | 'server';
  /** Runs raw SQL and returns its rows as plain objects. */
  rows<T>(query: SQL): Promise<T[]>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The underlying node-postgres pool, for COPY and benchmarks; undefined when embedded. */
  pool?: pg.Pool;
}

export interface OpenOptions {
  /** postgres:// URL of a server; when absent the embedded database is used. */
  databaseUrl?: string;
  /** Folder of the embedded database; when absent it lives in memory (tests). */
  dataDir?: string;
  onPoolError?: (err: Error) => void;
}

const migrationsFolder = projectPath('server', 'db', 'migrations');
const migrationLockKey = 7_310_001;

/** Opens the database and applies any pending migration. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl ? openServer(options.databaseUrl, options.onPoolError) : openEmbedded(options.dataDir);
}

async function openEmbedded(dataDir: string | undefined): Promise<Database> {
  let dir: string | undefined;
  let release = () => {};
  if (dataDir) {
    dir = path.join(dataDir, 'pgdata');
    fs.mkdirSync(dir, { recursive: true });
    release = lockDataDir(dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create({ dataDir: dir, extensions: { pg_trgm, unaccent } });
  } catch (err) {
    release();
    throw err;
  }
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return {
    db: db as unknown as Db,
    kind: 'embedded',
    rows: async <T>(query: SQL) => (await db.execute(query)).rows as T[],
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      await client.close();
      release();
    },
  };
}

async function openServer(url: string, onPoolError?: (err: Error) => void): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 30_000,
  });
  // A server that goes away makes idle clients emit errors; the pool replaces them on next use.
  pool.on('error', (err) => onPoolError?.(err));
  const db = drizzlePg(pool, { schema });
  const lock = await pool.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [migrationLockKey]);
    await migratePg(db, { migrationsFolder });
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [migrationLockKey]).catch(() => undefined);
    lock.release();
  }
  return {
    db: db as unknown as Db,
    kind: 'server',
    rows: async <T>(query: SQL) => (await db.execute(query)).rows as T[],
    ping: async () => {
      await pool.query('select 1');
    },
    close: () => pool.end(),
    pool,
  };
}

/** Raw SQL rows through a Drizzle handle: inside a transaction, pass the transaction. */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
