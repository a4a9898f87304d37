/**
 * Per-key locks that say "this work runs here and nowhere else". On a PostgreSQL server a lock
 * is a session advisory lock held on a connection of its own, outside the request pool: a pool
 * that drops or replaces its clients cannot let the lock go unnoticed, and the holder hears at
 * once (`lost`) when that connection breaks. The embedded database has one process only, so
 * its locks live in that process.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Database } from './client';

/** A lock this process holds. */
export interface HeldLock {
  /** Aborted when the lock's connection broke: the database let the lock go, someone else may take it. */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

/** A 64-bit lock key derived from a name (a source id, a job name). */
export const lockKey = (name: string): string => crypto.createHash('sha256').update(name).digest().readBigInt64BE(0).toString();

const embeddedLocks = new WeakMap<Database, Set<string>>();
const heldHere = (database: Database) => {
  let keys = embeddedLocks.get(database);
  if (!keys) embeddedLocks.set(database, (keys = new Set()));
  return keys;
};

/** The connection string of the server the pool talks to. */
const serverUrl = (pool: pg.Pool): string => pool.options.connectionString ?? '';

/** Takes the lock `key` if nobody holds it; undefined when somebody does. Throws when the database cannot be reached. */
export async function tryLock(database: Database, key: string): Promise<HeldLock | undefined> {
  if (!database.pool) {
    const keys = heldHere(database);
    if (keys.has(key)) return undefined;
    keys.add(key);
    return { lost: new AbortController().signal, release: async () => void keys.delete(key) };
  }
  const client = new pg.Client({ connectionString: serverUrl(database.pool), keepAlive: true, keepAliveInitialDelayMillis: 10_000, connectionTimeoutMillis: 5_000, query_timeout: 10_000 });
  const lost = new AbortController();
  let released = false;
  // A broken lock connection must never crash the process: it is reported through `lost`.
  client.on('error', (err) => lost.abort(err));
  client.on('end', () => {
    if (!released) lost.abort(new Error('the lock connection closed'));
  });
  try {
    await client.connect();
    // A half-open connection (partition) would hold the lock's session forever: the server drops it after this long without answer.
    await client.query('set tcp_keepalives_idle = 10; set tcp_keepalives_interval = 5; set tcp_keepalives_count = 3');
    const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [key]);
    if (rows[0]?.ok) {
      return {
        lost: lost.signal,
        async release() {
          released = true;
          // Ending the session lets the lock go, even when the unlock itself cannot be sent.
          await client.query('select pg_advisory_unlock($1::bigint)', [key]).catch(() => undefined);
          await client.end().catch(() => undefined);
        },
      };
    }
  } catch (err) {
    released = true;
    await client.end().catch(() => undefined);
    throw err;
  }
  released = true;
  await client.end().catch(() => undefined);
  return undefined;
}

/** Of these keys, those some session (of any instance) holds now. Reads pg_locks only: it never takes a lock, so it cannot make a starting run skip. */
export async function heldLocks(database: Database, keys: string[]): Promise<Set<string>> {
  if (!database.pool) return new Set(keys.filter((k) => heldHere(database).has(k)));
  if (keys.length === 0) return new Set();
  // A bigint advisory lock shows in pg_locks as its high 32 bits (classid) and low 32 bits (objid), objsubid 1.
  const rows = await database.rows<{ key: string }>(sql`
    select ((classid::bigint << 32) | objid::bigint)::text as key from pg_locks
    where locktype = 'advisory' and objsubid = 1 and granted and database = (select oid from pg_database where datname = current_database())
      and ((classid::bigint << 32) | objid::bigint) = any(${`{${keys.join(',')}}`}::bigint[])`);
  return new Set(rows.map((r) => r.key));
}
