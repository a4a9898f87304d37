/**
 * One sync run of a source, in three stages like CKAN's harvester: fetch (every page),
 * parse and map, import (in batches, each in a transaction). The stages stream: a page's
 * records are imported while the rest of it is still arriving. The run records its status,
 * counts and per-record errors; a run that stops part-way withdraws nothing.
 */
import type { AppContext } from '../server/context';
import type { Db } from '../server/db/client';
import { lastGoodFetched, liveSeqs, updateRun, updateSource, withdrawOrphans, withdrawSeqs, type SourceRow } from '../server/db/sync';
import { moveRun, recordProgress, type Counts, type EndStatus } from './run-state';
import { FetchError, openFeed, type FetchOptions, type Opened } from './fetch';
import { mappingSchema, presets, type Mapping } from './mapping';
import { ParseError, wholeDocument, type PageItem, type PageReader, type RawRecord, type RecordError } from './parse/connector';
import { readCsv } from './parse/csv';
import { parseAtom } from './parse/atom';
import { parseHtml } from './parse/html';
import { importRecords } from './import';
import { SeenSet } from './seen';
import { spool, type Spooled } from './spool';
import { organizationImporter } from './import-organizations';
import { programmeImporter } from './import-programmes';
import { syncPeer } from './pnx';
import { readJson } from './parse/json';

export type { Counts } from './run-state';

/** Records per import transaction: large enough that round trips don't dominate, small enough to hold in memory. */
const BATCH = 500;
const MAX_PAGES = 1000;
/** A feed listing fewer than this share of its last good run's records withdraws nothing. */
const SAFETY_RATIO = 0.5;

export const connectors = ['json', 'csv', 'html', 'atom', 'pnx'] as const;

/** json and csv stream; html and atom need the whole document. */
export const readers: Partial<Record<string, PageReader>> = { json: readJson, csv: readCsv, html: wholeDocument(parseHtml), atom: wholeDocument(parseAtom) };

export function mappingOf(source: Pick<SourceRow, 'mapping' | 'network'>): Mapping {
  return source.mapping ? mappingSchema.parse(source.mapping) : (presets[source.network] ?? mappingSchema.parse({}));
}

export interface RunOptions {
  fetch?: Partial<FetchOptions>;
  /** Called after every imported batch, for progress bars. */
  onProgress?: (counts: Counts) => void;
  /** Stops the run as the time limit would, with the signal's reason (a string) as the message. */
  signal?: AbortSignal;
  /** Starts the time limit's timer; tests pass their own to end the limit without waiting for it. */
  timer?: Timer;
}

/** Calls `fire` after `ms` and returns how to cancel it. */
export type Timer = (ms: number, fire: () => void) => () => void;
const wallClock: Timer = (ms, fire) => {
  const timeout = setTimeout(fire, ms);
  return () => clearTimeout(timeout);
};

/** Runs `source` as run `runId`; never throws: every failure ends in the run's status and errors. */
export type SyncContext = Pick<AppContext, 'database' | 'env' | 'logger' | 'reference'>;

export interface RunResult {
  status: EndStatus;
  counts: Counts;
  errors: RecordError[];
}

export async function runSource(ctx: SyncContext, source: SourceRow, runId: string, options: RunOptions = {}): Promise<RunResult> {
  const db = ctx.database.background.db;
  const log = ctx.logger.child({ sourceId: source.id, runId });
  const started = new Date();
  const counts: Counts = { fetched: 0, created: 0, updated: 0, unchanged: 0, withdrawn: 0, rejected: 0 };
  const errors: RecordError[] = [];
  const abort = new AbortController();
  const cancelLimit = (options.timer ?? wallClock)(source.timeLimitSeconds * 1000, () => abort.abort(`the run took longer than the source's limit of ${source.timeLimitSeconds} s`));
  const stopFromOutside = () => abort.abort(String(options.signal?.reason ?? 'the run was stopped'));
  if (options.signal?.aborted) stopFromOutside();
  options.signal?.addEventListener('abort', stopFromOutside, { once: true });
  /** Why the run was stopped before its end. */
  const stopReason = () => String(abort.signal.reason);
  const onProgress = (c: Counts) => {
    options.onProgress?.(c);
    // Counts so far are written after every batch: a run killed part-way still shows how far it got.
    return recordProgress(db, runId, c);
  };
  let status: EndStatus;
  let stoppedEarly = false;
  let validators: { etag: string | null; lastModified: string | null } | undefined;
  let spooled: Spooled | undefined;
  let singlePage = false;
  // The same first page as the last good single-page run: every record is as it was.
  let sameBytes = false;
  const seen = new SeenSet();
  try {
    await moveRun(db, runId, { to: 'running', startedAt: started });
    if (source.connector === 'pnx') {
      const fetchOptions = { allowPrivate: ctx.env.feedAllowPrivate, maxBytes: source.maxBytes, signal: abort.signal, ...options.fetch };
      const peer = await syncPeer(ctx, source, counts, errors, fetchOptions);
      // Only tombstones withdraw: a changes feed lists what changed, not everything.
      await db.transaction((tx) => withdrawOrphans(tx));
      const imported = counts.created + counts.updated + counts.unchanged;
      status = !peer.complete ? (imported > 0 ? 'partial' : 'failed') : counts.rejected > 0 ? 'partial' : 'succeeded';
      if (peer.complete && peer.cursor) await updateSource(db, source.id, { cursor: peer.cursor });
      await moveRun(db, runId, { to: status, finishedAt: new Date(), counts, errors });
      return { status, counts, errors };
    }
    const mapping = mappingOf(source);
    // One importer for the whole run: it keeps the candidates for matching it has read.
    const programmesOf = programmeImporter(mapping, ctx.reference, source);
    const organizationsOf = organizationImporter(mapping, ctx.reference, source);
    const importBatch = (batch: RawRecord[]) =>
      mapping.type === 'programme' ? importRecords(ctx, source, programmesOf, batch, counts, errors, seen) : importRecords(ctx, source, organizationsOf, batch, counts, errors, seen);
    const read = readers[source.connector];
    let url: string | undefined = source.url;
    if (!read) {
      errors.push({ message: `the ${source.connector} connector is not available yet` });
      stoppedEarly = true;
    }
    let first = true;
    let pages = 0;
    for (let page = 0; read && url && page < MAX_PAGES; page++) {
      let opened: Opened;
      try {
        opened = await openFeed(url, {
          allowPrivate: ctx.env.feedAllowPrivate,
          maxBytes: source.maxBytes,
          etag: first ? source.etag : null,
          lastModified: first ? source.lastModified : null,
          signal: abort.signal,
          ...options.fetch,
        });
      } catch (err) {
        if (!(err instanceof FetchError)) throw err;
        errors.push({ message: abort.signal.aborted ? stopReason() : err.message });
        stoppedEarly = true;
        break;
      }
      if (opened.status === 'not-modified') break;
      let body = opened.body;
      if (first) {
        validators = { etag: opened.etag, lastModified: opened.lastModified };
        try {
          spooled = await spool(opened.body, `${ctx.reference.hash}\u0000${source.connector}\u0000${JSON.stringify(mapping)}\u0000`);
        } catch (err) {
          if (!(err instanceof FetchError)) throw err;
          errors.push({ message: abort.signal.aborted ? stopReason() : err.message });
          stoppedEarly = true;
          break;
        }
        const previous = source.bodyHash === spooled.hash ? await lastGoodFetched(db, source.id) : undefined;
        if (previous !== undefined) {
          counts.fetched = counts.unchanged = previous;
          sameBytes = true;
          break;
        }
        body = spooled.body;
      }
      first = false;
      pages += 1;
      const end = await importPage(read(body, mapping, opened.url), importBatch, { counts, errors, signal: abort.signal, stopReason, onProgress });
      if (end.read === 'in part') {
        stoppedEarly = true;
        break;
      }
      url = end.next;
    }

    const readEverything = !stoppedEarly && errors.every((e) => e.line !== undefined || e.externalId !== undefined);
    if (sameBytes) await updateSource(db, source.id, { lastCompleteAt: started });
    else if (readEverything && counts.fetched > 0) {
      const previous = await lastGoodFetched(db, source.id);
      const unseen = await unseenOf(db, source.id, seen);
      if (previous !== undefined && counts.fetched < previous * SAFETY_RATIO) {
        errors.push({
          message: `safety stop: the feed lists ${counts.fetched} records, fewer than half of the ${previous} of its last good run; ${unseen.length} withdrawals wait for an operator to confirm or dismiss them (POST /api/v1/sources/${source.id}/runs/${runId}/withdrawals)`,
        });
        await updateRun(db, runId, { heldWithdrawals: unseen.length, heldSeqs: unseen });
        stoppedEarly = true;
      } else {
        if (unseen.length > 0) {
          await db.transaction(async (tx) => {
            counts.withdrawn = await withdrawSeqs(tx, source.id, unseen, source.lastCompleteAt);
            await withdrawOrphans(tx);
          });
        }
        await updateSource(db, source.id, { lastCompleteAt: started });
      }
    }
    singlePage = pages === 1;
    const imported = counts.created + counts.updated + counts.unchanged;
    status = stoppedEarly ? (imported > 0 ? 'partial' : 'failed') : counts.rejected > 0 ? (imported > 0 ? 'partial' : 'failed') : 'succeeded';
  } catch (err) {
    log.error({ err }, 'sync run crashed');
    errors.push({ message: `the run stopped on an unexpected error: ${(err as Error).message}` });
    status = 'failed';
  } finally {
    cancelLimit();
    options.signal?.removeEventListener('abort', stopFromOutside);
    await spooled?.remove();
  }
  await moveRun(db, runId, { to: status, finishedAt: new Date(), counts, errors });
  // Only a run that read everything lets the next one ask "changed since?": a failed one must try again in full.
  if (status === 'succeeded' && validators) {
    await updateSource(db, source.id, { ...validators, ...(spooled && (singlePage || sameBytes) ? { bodyHash: spooled.hash } : { bodyHash: null }) });
  }
  log.info({ status, counts }, 'sync run finished');
  return { status, counts, errors };
}

type PageEnd = { read: 'whole'; next: string | undefined } | { read: 'in part' };

interface PageRun {
  counts: Counts;
  errors: RecordError[];
  /** Aborted at the source's time limit, or from outside (shutdown, lock lost). */
  signal: AbortSignal;
  stopReason(): string;
  /** After every imported batch. */
  onProgress(counts: Counts): Promise<void>;
}

/**
 * Imports a page's records in batches while the page is still being read: the reader waits
 * while a batch imports, so no more than a batch and a chunk of the body are held at once.
 * A page that breaks off imports what was read before the fault; one stopped at the time
 * limit stops at once. Either way the run withdraws nothing.
 */
async function importPage(items: AsyncIterable<PageItem>, importBatch: (records: RawRecord[]) => Promise<void>, run: PageRun): Promise<PageEnd> {
  const { counts, errors, signal } = run;
  const stopAtTimeLimit = (): PageEnd => {
    errors.push({ message: `${run.stopReason()} and was stopped; batches already imported stay` });
    return { read: 'in part' };
  };
  let batch: RawRecord[] = [];
  let next: string | undefined;
  let pending: Promise<void> | undefined;
  /** Waits for the batch being imported, if any (and throws what it threw). */
  const settle = async () => {
    const importing = pending;
    pending = undefined;
    if (importing) await importing;
  };
  const flush = async () => {
    await settle();
    const records = batch;
    batch = [];
    if (records.length === 0) return;
    counts.fetched += records.length;
    // The batch imports while the next one is read and parsed: the database and the parser work at once.
    pending = importBatch(records).then(() => run.onProgress(counts));
    pending.catch(() => undefined);
  };
  try {
    for await (const item of items) {
      if (item.kind === 'next') next = item.url;
      else if (item.kind === 'reject') {
        counts.fetched += 1;
        counts.rejected += 1;
        errors.push(item.error);
      } else if (batch.push(item.record) >= BATCH) {
        if (signal.aborted) {
          await settle();
          return stopAtTimeLimit();
        }
        await flush();
      }
    }
  } catch (err) {
    if (signal.aborted) {
      await settle();
      return stopAtTimeLimit();
    }
    if (!(err instanceof FetchError) && !(err instanceof ParseError)) {
      await settle().catch(() => undefined);
      throw err;
    }
    await settle();
    // The fault before the last records' warnings: it is what the operator's mail and the console show at the top.
    errors.push({ message: err.message });
    await flush();
    await settle();
    return { read: 'in part' };
  }
  if (signal.aborted) {
    await settle();
    return stopAtTimeLimit();
  }
  await flush();
  await settle();
  return { read: 'whole', next };
}

/** The source's live records this run did not see. */
async function unseenOf(db: Db, sourceId: string, seen: SeenSet): Promise<number[]> {
  const out: number[] = [];
  for await (const page of liveSeqs(db, sourceId)) for (const seq of page) if (!seen.has(seq)) out.push(seq);
  return out;
}
