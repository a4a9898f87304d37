/**
 * The syncing process of `npm run bench:sync`, forked once per feed format so its peak RSS is
 * its own: boots on the scratch database, syncs the feed five times (first, unchanged without
 * the ETag, unchanged read in full, 304 with the ETag, a tenth of the records changed), loads
 * the same rows with COPY, and sends the figures to its parent.
 */
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { from as copyFrom } from 'pg-copy-streams';
import { runSource } from '../../jobs/run-source';
import type { Counts, RunStatus } from '../../jobs/run-state';
import type { Mapping } from '../../jobs/mapping';
import { boot } from '../../server/boot';
import type { AppContext } from '../../server/context';
import type { Database } from '../../server/db/client';
import { insertRun, insertSource, sourceById, updateSource } from '../../server/db/sync';
import { readEnv } from '../../server/env';
import { createLogger } from '../../server/logger';
import { BENCH_NETWORK, copyColumns, type FeedFormat } from './feed';

export interface ChildConfig {
  format: FeedFormat;
  url: string;
  /** The same feed with every tenth record changed. */
  changedUrl: string;
  /** The same rows as the feed, in COPY text format. */
  copyFile: string;
  databaseUrl?: string;
  dataDir?: string;
}

export interface SyncFigures {
  seconds: number;
  status: RunStatus;
  counts: Counts;
  /** The first few of the run's errors, to explain a status other than succeeded. */
  errors: string[];
}

export interface RowsWritten {
  organizations: number;
  provenance: number;
}

export type ChildMessage =
  | { type: 'progress'; phase: string; imported: number }
  | {
      type: 'result';
      first: SyncFigures;
      /** The unchanged feed without its ETag: the same bytes as the last good run, so nothing to parse. */
      unchanged: SyncFigures & { rowsWritten: RowsWritten };
      /** The unchanged feed with the body's hash forgotten too: every record read and found unchanged. */
      readInFull: SyncFigures & { rowsWritten: RowsWritten };
      notModified: SyncFigures;
      /** The feed again with a tenth of its records changed, read in full. */
      tenthChanged: SyncFigures & { rowsWritten: RowsWritten };
      /** RSS once booted, before the first sync: the floor the peak stands on (embedded, PGlite's memory is in it). */
      bootRssMb: number;
      /** process.resourceUsage().maxRSS after the three syncs, before the COPY baseline. */
      peakRssMb: number;
      copyBareSeconds: number;
      copyLikeSeconds: number;
    };

const send = (message: ChildMessage) => process.send?.(message);

/** How the bench feeds map: the same fields in JSON (under data.items) and CSV. */
export const mapping = (format: FeedFormat): Mapping => ({
  type: 'organization',
  ...(format === 'json' ? { records: 'data.items' } : {}),
  fields: { externalId: 'id', name: 'name', kind: 'kind', country: 'country', website: 'website', email: 'email', services: 'services', description: 'description' },
  defaults: { networks: [BENCH_NETWORK] },
});

async function sync(ctx: AppContext, sourceId: string, phase: string): Promise<SyncFigures> {
  const source = await sourceById(ctx.database.db, sourceId);
  if (!source) throw new Error(`source ${sourceId} vanished`);
  const run = await insertRun(ctx.database.db, sourceId, 'manual');
  let last = 0;
  send({ type: 'progress', phase, imported: 0 });
  const started = performance.now();
  const result = await runSource(ctx, source, run.id, {
    onProgress: (c) => {
      if (performance.now() - last < 250) return;
      last = performance.now();
      send({ type: 'progress', phase, imported: c.created + c.updated + c.unchanged + c.rejected });
    },
  });
  const seconds = (performance.now() - started) / 1000;
  return { seconds, status: result.status, counts: result.counts, errors: result.errors.slice(0, 3).map((e) => e.message) };
}

/*
 * Rows written are counted from the rows themselves, not from pg_stat_user_tables: those
 * counters are flushed by each backend on its own schedule (up to a second late, later under
 * contention, and pg_stat_force_next_flush() only flushes the calling backend), and PGlite's
 * single-user backend may not keep them at all. Every row a transaction inserts or updates
 * carries that transaction's id as xmin, so the rows whose xmin is younger than a mark taken
 * before the run are exactly the rows the run wrote (an updated row counts once however often
 * it was written). The sync deletes no rows of these tables, so deletions need no counting.
 */
async function transactionMark(database: Database): Promise<string> {
  const [row] = await database.rows<{ xid: string }>(sql`select (txid_current() % 4294967296)::text as xid`);
  if (!row) throw new Error('txid_current() answered nothing');
  return row.xid;
}

async function rowsWrittenSince(database: Database, mark: string): Promise<RowsWritten> {
  const [row] = await database.rows<RowsWritten>(sql`
    select (select count(*) from organizations where age(xmin) < age(${mark}::xid))::int as organizations,
           (select count(*) from provenance where age(xmin) < age(${mark}::xid))::int as provenance`);
  if (!row) throw new Error('the count answered nothing');
  return row;
}

/** COPY of the feed's rows into `table`, from STDIN on a server, from PGlite's /dev/blob device when embedded. */
async function copyInto(database: Database, table: string, file: string): Promise<number> {
  const columns = copyColumns.join(', ');
  const started = performance.now();
  if (database.pool) {
    const client = await database.pool.connect();
    try {
      // The pool's 30 s statement limit is for requests, not for bulk loads.
      await client.query('set statement_timeout = 0');
      await pipeline(fs.createReadStream(file), client.query(copyFrom(`copy ${table} (${columns}) from stdin`)));
      await client.query('reset statement_timeout');
    } finally {
      client.release();
    }
  } else {
    // The Database interface exposes no PGlite handle; Drizzle keeps the client it was given as $client.
    const pglite = (database.db as unknown as { $client: PGlite }).$client;
    await pglite.query(`copy ${table} (${columns}) from '/dev/blob'`, [], { blob: await fs.openAsBlob(file) });
  }
  return (performance.now() - started) / 1000;
}

/**
 * Two baselines: a bare unlogged table (PostgreSQL's raw load speed) and a logged copy of
 * organizations with its defaults, generated sort name and indexes (what the same rows
 * cost in that shape, without the triggers and the foreign key).
 */
async function copyBaselines(database: Database, file: string): Promise<{ bare: number; like: number }> {
  await database.rows(
    sql`create unlogged table bench_copy_bare (name text not null, kind text not null, country char(2) not null, website text, email text, services text[] not null, description text, networks text[] not null)`,
  );
  await database.rows(sql`create table bench_copy_like (like organizations including all)`);
  try {
    return { bare: await copyInto(database, 'bench_copy_bare', file), like: await copyInto(database, 'bench_copy_like', file) };
  } finally {
    await database.rows(sql`drop table if exists bench_copy_bare, bench_copy_like`);
  }
}

/** Boots a bench process on its database: quiet, no scheduler, no demo set, feeds on loopback allowed. */
export function bootBench(config: { databaseUrl?: string; dataDir?: string }): Promise<AppContext> {
  const env = readEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SCHEDULER: 'off',
    SEED: 'none',
    LIST_CACHE_SIZE: '0',
    // SYNC_WORKER=on npm run bench:sync measures the sync with its worker thread.
    SYNC_WORKER: process.env.SYNC_WORKER,
    // The feed is served on loopback.
    FEED_ALLOW_PRIVATE: '1',
    DATABASE_URL: config.databaseUrl,
    DATA_DIR: config.dataDir,
  });
  return boot(env, createLogger('silent'));
}

async function main(config: ChildConfig): Promise<void> {
  const ctx = await bootBench(config);
  const bootRssMb = process.memoryUsage().rss / 1024 ** 2;
  try {
    const source = await insertSource(ctx.database.db, {
      name: `bench ${config.format}`,
      network: BENCH_NETWORK,
      connector: config.format,
      url: config.url,
      mapping: mapping(config.format),
      // A million records are several hundred MB; the defaults (50 MB, 30 min) are for ordinary feeds.
      maxBytes: 4 * 1024 ** 3,
      timeLimitSeconds: 6 * 3600,
    });
    const first = await sync(ctx, source.id, 'first sync');

    // Without its validators the source really reads the unchanged feed again.
    await updateSource(ctx.database.db, source.id, { etag: null, lastModified: null });
    const mark = await transactionMark(ctx.database);
    const unchanged = await sync(ctx, source.id, 'unchanged re-sync');
    const rowsWritten = await rowsWrittenSince(ctx.database, mark);

    // The same again with the body's hash forgotten too: every record is parsed, normalised and looked up.
    await updateSource(ctx.database.db, source.id, { etag: null, lastModified: null, bodyHash: null });
    const fullMark = await transactionMark(ctx.database);
    const readInFull = await sync(ctx, source.id, 'unchanged re-sync, read in full');
    const fullRowsWritten = await rowsWrittenSince(ctx.database, fullMark);

    const notModified = await sync(ctx, source.id, '304 re-sync');

    // A tenth of the records changed: the changed ones are written, the rest only looked up.
    await updateSource(ctx.database.db, source.id, { url: config.changedUrl, etag: null, lastModified: null, bodyHash: null });
    const changedMark = await transactionMark(ctx.database);
    const tenthChanged = await sync(ctx, source.id, 'a tenth changed');
    const changedRowsWritten = await rowsWrittenSince(ctx.database, changedMark);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;

    send({ type: 'progress', phase: 'COPY baseline', imported: 0 });
    const copy = await copyBaselines(ctx.database, config.copyFile);
    send({ type: 'result', first, unchanged: { ...unchanged, rowsWritten }, readInFull: { ...readInFull, rowsWritten: fullRowsWritten }, notModified, tenthChanged: { ...tenthChanged, rowsWritten: changedRowsWritten }, bootRssMb, peakRssMb, copyBareSeconds: copy.bare, copyLikeSeconds: copy.like });
  } finally {
    await ctx.database.close();
  }
}

if (require.main === module) {
  main(JSON.parse(process.argv[2] ?? '{}') as ChildConfig).then(
    () => process.disconnect?.(),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
