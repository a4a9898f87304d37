/**
 * One sync run of a source, in stages like CKAN's harvester: fetch, parse and map, import,
 * reconcile, finish. The first three stream: a page's records are imported while the rest of
 * it is still arriving. A listing (json, csv, html, atom) reconciles by withdrawing what a
 * complete run did not see; a changes feed (pnx) by its tombstones and its cursor. The run
 * records its status (run-state.ts), counts and per-record errors; a run that stops part-way
 * withdraws nothing.
 */
import type { Db } from '../server/db/client';
import { reasonOf } from '../server/db/query-error';
import { loadReference } from '../server/reference';
import { lastGoodFetched, liveSeqs, updateRun, updateSource, withdrawOrphans, withdrawRecord, withdrawSeqs, type SourceRow } from '../server/db/sync';
import { connectorNamed } from './connectors';
import { ParseError, type ChangesConnector, type ChangesPage, type EntityType, type ListingConnector, type RawRecord, type RecordError } from './connectors/connector';
import type { SyncContext } from './context';
import { FetchError, openFeed, type FeedBody, type FetchOptions, type Opened } from './fetch';
import { importRecords, type Importer } from './import';
import { organizationImporter, type RecordIds } from './import-organizations';
import { programmeImporter } from './import-programmes';
import { mappingOf, type Mapping } from './mapping';
import { prepare, preparedHere, preparedInWorker, type Prepared, type PreparedItem } from './prepare';
import { endStatus, moveRun, recordProgress, type Counts, type EndStatus } from './run-state';
import { SeenSet } from './seen';
import { spool, type Spooled } from './spool';

/** Records per import transaction: large enough that round trips don't dominate, small enough to hold in memory. */
const BATCH = 500;
const MAX_PAGES = 1000;
/** A feed listing fewer than this share of its last good run's records withdraws nothing. */
const SAFETY_RATIO = 0.5;
/** A spooled first page at least this large is read and prepared in a worker thread (prepare.ts). */
const WORKER_ABOVE = 4 * 1024 * 1024;

export interface RunOptions {
  fetch?: Partial<FetchOptions>;
  /** Called after every imported batch, for progress bars. */
  onProgress?: (counts: Counts) => void;
  /** Stops the run as the time limit would, with the signal's reason (a string) as the message. */
  signal?: AbortSignal;
  /** Starts the time limit's timer; tests pass their own to end the limit without waiting for it. */
  timer?: Timer;
  /** Bytes from which a spooled first page is prepared in a worker thread (only with SYNC_WORKER=on); tests pass 0 to use one on a small fixture. */
  workerAbove?: number;
}

/** Calls `fire` after `ms` and returns how to cancel it. */
export type Timer = (ms: number, fire: () => void) => () => void;
const wallClock: Timer = (ms, fire) => {
  const timeout = setTimeout(fire, ms);
  return () => clearTimeout(timeout);
};

export interface RunResult {
  status: EndStatus;
  counts: Counts;
  errors: RecordError[];
}

/** A run under way: what its stages read and where they count. */
interface Run {
  ctx: SyncContext;
  source: SourceRow;
  runId: string;
  db: Db;
  started: Date;
  counts: Counts;
  errors: RecordError[];
  /** Aborted at the source's time limit, or from outside (shutdown, lock lost). */
  signal: AbortSignal;
  /** Why the run was stopped before its end. */
  stopReason(): string;
  /** Every fetch of the run: the address guard, the size limit, the signal. */
  fetch: FetchOptions;
  /** After every imported batch. */
  onProgress(counts: Counts): Promise<void>;
  workerAbove: number;
}

/** The source's validators and body hash, kept for the next run only when this one succeeded. */
type NextRead = Pick<SourceRow, 'etag' | 'lastModified' | 'bodyHash'>;

/** What the stages before the end found: whether the run read and reconciled everything. */
interface Outcome {
  complete: boolean;
  /** It stopped on an error of its own (a bug, the database): failed, whatever it imported. */
  crashed?: true;
  next?: NextRead;
}

/** Runs `source` as run `runId`; never throws for a fault of the feed: every such failure ends in the run's status and errors. */
export async function runSource(ctx: SyncContext, source: SourceRow, runId: string, options: RunOptions = {}): Promise<RunResult> {
  const abort = new AbortController();
  const cancelLimit = (options.timer ?? wallClock)(source.timeLimitSeconds * 1000, () => abort.abort(`the run took longer than the source's limit of ${source.timeLimitSeconds} s`));
  const stopFromOutside = () => abort.abort(String(options.signal?.reason ?? 'the run was stopped'));
  if (options.signal?.aborted) stopFromOutside();
  options.signal?.addEventListener('abort', stopFromOutside, { once: true });
  const db = ctx.database.background.db;
  const run: Run = {
    ctx,
    source,
    runId,
    db,
    started: new Date(),
    counts: { fetched: 0, created: 0, updated: 0, unchanged: 0, withdrawn: 0, rejected: 0 },
    errors: [],
    signal: abort.signal,
    stopReason: () => String(abort.signal.reason),
    fetch: { allowPrivate: ctx.env.feedAllowPrivate, maxBytes: source.maxBytes, signal: abort.signal, ...options.fetch },
    onProgress: (counts) => {
      options.onProgress?.(counts);
      // Counts so far are written after every batch: a run killed part-way still shows how far it got.
      return recordProgress(db, runId, counts);
    },
    workerAbove: options.workerAbove ?? (ctx.env.syncWorker ? WORKER_ABOVE : Infinity),
  };
  let outcome: Outcome;
  try {
    await moveRun(db, runId, { to: 'running', startedAt: run.started });
    outcome = await sync(run);
  } catch (err) {
    ctx.logger.error({ err, sourceId: source.id, runId }, 'sync run crashed');
    run.errors.push({ message: `the run stopped on an unexpected error: ${reasonOf(err)}` });
    outcome = { complete: false, crashed: true };
  } finally {
    cancelLimit();
    options.signal?.removeEventListener('abort', stopFromOutside);
  }
  return finish(run, outcome);
}

/** Fetch, parse and map, import and reconcile, as the source's connector reads. */
async function sync(run: Run): Promise<Outcome> {
  const connector = connectorNamed(run.source.connector);
  if (!connector) {
    run.errors.push({ message: `the ${run.source.connector} connector is not available yet` });
    return { complete: false };
  }
  return connector.reads === 'changes' ? syncChanges(run, connector) : syncListing(run, connector);
}

/** Finish: records the run's end (run-state.ts judges it) and, after a success, what the next run may skip. */
async function finish(run: Run, outcome: Outcome): Promise<RunResult> {
  const { counts, errors } = run;
  const status = outcome.crashed ? 'failed' : endStatus({ complete: outcome.complete, counts });
  await moveRun(run.db, run.runId, { to: status, finishedAt: new Date(), counts, errors });
  // Only a run that read everything lets the next one ask "changed since?": a failed one must try again in full.
  if (status === 'succeeded' && outcome.next) await updateSource(run.db, run.source.id, outcome.next);
  run.ctx.logger.info({ sourceId: run.source.id, runId: run.runId, status, counts }, 'sync run finished');
  return { status, counts, errors };
}

/**
 * Hands `use` the importer for a mapping, and how to import a batch of its prepared records:
 * one importer for the whole run, as it keeps the candidates for matching it has read.
 */
function withImporter<T>(run: Run, mapping: Mapping, ids: RecordIds, seen: SeenSet | undefined, use: <R extends { externalId: string }>(importer: Importer<R>, importBatch: (records: Prepared<R>[]) => Promise<void>) => T): T {
  const { ctx, source, counts, errors } = run;
  if (mapping.type === 'programme') {
    const programmes = programmeImporter(mapping, ctx.reference, source);
    return use(programmes, (records) => importRecords(ctx, source, programmes, records, counts, errors, seen));
  }
  const organizations = organizationImporter(mapping, ctx.reference, source, ids);
  return use(organizations, (records) => importRecords(ctx, source, organizations, records, counts, errors, seen));
}

// A listing: every page, then what was not seen is withdrawn.

/** The fetch stage's first page: nothing new, a fault (recorded), the same bytes as the last good run, or a body to read. */
type FirstPage =
  | { kind: 'not-modified' }
  | { kind: 'failed' }
  | { kind: 'same-bytes'; spooled: Spooled; validators: Pick<NextRead, 'etag' | 'lastModified'>; fetched: number }
  | { kind: 'new'; spooled: Spooled; validators: Pick<NextRead, 'etag' | 'lastModified'>; url: string };

async function syncListing(run: Run, connector: ListingConnector): Promise<Outcome> {
  const mapping = mappingOf(run.source);
  const seen = new SeenSet();
  const first = await fetchFirstPage(run, connector, mapping);
  if (first.kind === 'not-modified') return { complete: true };
  if (first.kind === 'failed') return { complete: false };
  try {
    if (first.kind === 'same-bytes') {
      // Every record is as it was: nothing to import, nothing to withdraw.
      run.counts.fetched = run.counts.unchanged = first.fetched;
      await updateSource(run.db, run.source.id, { lastCompleteAt: run.started });
      return { complete: true, next: { ...first.validators, bodyHash: first.spooled.hash } };
    }
    const listing = await withImporter(run, mapping, connector, seen, (importer, importBatch) => importListing(run, connector, mapping, importer, importBatch, first));
    const reconciled = listing.complete ? await reconcileListing(run, seen) : { complete: false };
    // The hash of a first page stands for the whole feed only when the feed is that one page.
    return { complete: reconciled.complete, next: { ...first.validators, bodyHash: listing.pages === 1 ? first.spooled.hash : null } };
  } finally {
    await first.spooled.remove();
  }
}

/**
 * Fetch: opens the first page (asking "changed since?") and spools it, hashing it on the way:
 * the same bytes as the last good run (under the same mapping and reference data) need no reading.
 */
async function fetchFirstPage(run: Run, connector: ListingConnector, mapping: Mapping): Promise<FirstPage> {
  const { source } = run;
  const opened = await fetchPage(run, source.url, { etag: source.etag, lastModified: source.lastModified });
  if (!opened) return { kind: 'failed' };
  if (opened.status === 'not-modified') return { kind: 'not-modified' };
  const validators = { etag: opened.etag, lastModified: opened.lastModified };
  let spooled: Spooled;
  try {
    spooled = await spool(opened.body, `${run.ctx.reference.hash}\u0000${connector.name}\u0000${JSON.stringify(mapping)}\u0000`);
  } catch (err) {
    if (!(err instanceof FetchError)) throw err;
    run.errors.push({ message: run.signal.aborted ? run.stopReason() : err.message });
    return { kind: 'failed' };
  }
  const previous = source.bodyHash === spooled.hash ? await lastGoodFetched(run.db, source.id) : undefined;
  if (previous !== undefined) return { kind: 'same-bytes', spooled, validators, fetched: previous };
  return { kind: 'new', spooled, validators, url: opened.url };
}

/** Opens a page; undefined when it could not be (the fault is recorded). */
async function fetchPage(run: Run, url: string, validators: Partial<Pick<NextRead, 'etag' | 'lastModified'>> = {}): Promise<Opened | undefined> {
  try {
    return await openFeed(url, { ...run.fetch, ...validators });
  } catch (err) {
    if (!(err instanceof FetchError)) throw err;
    run.errors.push({ message: run.signal.aborted ? run.stopReason() : err.message });
    return undefined;
  }
}

/**
 * Parse, map, prepare and import every page, from the spooled first one on; complete when
 * every page was read whole. A large first page is read and prepared in a worker thread, the
 * others here.
 */
async function importListing<R extends { externalId: string }>(
  run: Run,
  connector: ListingConnector,
  mapping: Mapping,
  importer: Importer<R>,
  importBatch: (records: Prepared<R>[]) => Promise<void>,
  first: Extract<FirstPage, { kind: 'new' }>,
): Promise<{ complete: boolean; pages: number }> {
  const read = (page: { body: FeedBody; url: string }) => preparedHere(connector.readPage(page.body, mapping, page.url), importer);
  // The worker loads the reference data from its files: a context given other data prepares here.
  const inWorker = first.spooled.bytes >= run.workerAbove && run.ctx.reference.hash === loadReference().hash;
  if (inWorker) {
    first.spooled.body.destroy();
    run.ctx.logger.info({ sourceId: run.source.id, runId: run.runId, bytes: first.spooled.bytes }, 'first page read and prepared in a worker thread');
  }
  let items = inWorker ? preparedInWorker<R>({ file: first.spooled.file, connector: connector.name, mapping, pageUrl: first.url }) : read({ body: first.spooled.body, url: first.url });
  for (let pages = 1; ; pages++) {
    const end = await importPage(items, importBatch, run);
    if (end.read === 'in part') return { complete: false, pages };
    if (!end.next || pages === MAX_PAGES) return { complete: true, pages };
    const opened = await fetchPage(run, end.next);
    if (!opened) return { complete: false, pages };
    if (opened.status === 'not-modified') return { complete: true, pages };
    items = read({ body: opened.body, url: opened.url });
  }
}

/**
 * Reconcile a listing read whole: withdraws the source's records it did not list, unless the
 * feed shrank by more than half, when the withdrawals wait for an operator (a safety stop).
 */
async function reconcileListing(run: Run, seen: SeenSet): Promise<{ complete: boolean }> {
  const { db, source, counts } = run;
  // An empty feed is more likely broken than emptied: it withdraws nothing.
  if (counts.fetched === 0) return { complete: true };
  const previous = await lastGoodFetched(db, source.id);
  const unseen = await unseenOf(db, source.id, seen);
  if (previous !== undefined && counts.fetched < previous * SAFETY_RATIO) {
    run.errors.push({
      message: `safety stop: the feed lists ${counts.fetched} records, fewer than half of the ${previous} of its last good run; ${unseen.length} withdrawals wait for an operator to confirm or dismiss them (POST /api/v1/sources/${source.id}/runs/${run.runId}/withdrawals)`,
    });
    await updateRun(db, run.runId, { heldWithdrawals: unseen.length, heldSeqs: unseen });
    return { complete: false };
  }
  if (unseen.length > 0) {
    await db.transaction(async (tx) => {
      counts.withdrawn = await withdrawSeqs(tx, source.id, unseen, source.lastCompleteAt);
      await withdrawOrphans(tx);
    });
  }
  await updateSource(db, source.id, { lastCompleteAt: run.started });
  return { complete: true };
}

type PageEnd = { read: 'whole'; next: string | undefined } | { read: 'in part' };

/**
 * Imports a page's records in batches while the page is still being read: the reader waits
 * while a batch imports, so no more than a batch and a chunk of the body are held at once.
 * A page that breaks off imports what was read before the fault; one stopped at the time
 * limit stops at once. Either way the run withdraws nothing.
 */
async function importPage<R>(items: AsyncIterable<PreparedItem<R>>, importBatch: (records: Prepared<R>[]) => Promise<void>, run: Run): Promise<PageEnd> {
  const { counts, errors, signal } = run;
  const stopAtTimeLimit = (): PageEnd => {
    errors.push({ message: `${run.stopReason()} and was stopped; batches already imported stay` });
    return { read: 'in part' };
  };
  let batch: Prepared<R>[] = [];
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

// A changes feed: what changed since the cursor; only tombstones withdraw.

async function syncChanges(run: Run, connector: ChangesConnector): Promise<Outcome> {
  // A page of changes is small: its records are prepared here.
  const importerOf = (mapping: Mapping) =>
    withImporter(run, mapping, connector, undefined, (importer, importBatch) => (records: RawRecord[]) => importBatch(records.map((raw) => prepare(importer, raw))));
  const importers: Record<EntityType, (records: RawRecord[]) => Promise<void>> = {
    organization: importerOf(connector.mappings.organization),
    programme: importerOf(connector.mappings.programme),
  };
  let cursor = run.source.cursor;
  let complete = true;
  try {
    for await (const page of connector.readChanges(run.source.url, cursor, run.fetch, BATCH)) {
      await importChanges(run, importers, page);
      cursor = page.cursor;
    }
  } catch (err) {
    if (!(err instanceof FetchError) && !(err instanceof ParseError)) throw err;
    run.errors.push({ message: run.signal.aborted ? run.stopReason() : err.message });
    complete = false;
  }
  // Reconcile: entries the tombstones left without a source stop showing; the cursor moves only after a complete read.
  await run.db.transaction((tx) => withdrawOrphans(tx));
  if (complete && cursor) await updateSource(run.db, run.source.id, { cursor });
  return { complete };
}

/** Imports a page of changes: organizations first, so the programmes that name them as operators find them; then the tombstones. */
async function importChanges(run: Run, importers: Record<EntityType, (records: RawRecord[]) => Promise<void>>, page: ChangesPage): Promise<void> {
  const { counts, db, source } = run;
  const of = (type: EntityType) => page.records.filter((r) => r.type === type).map((r) => r.record);
  counts.fetched += page.records.length;
  for (const type of ['organization', 'programme'] as const) {
    const records = of(type);
    if (records.length) await importers[type](records);
  }
  for (const gone of page.gone) if (await withdrawRecord(db, source.id, gone.type, gone.externalId)) counts.withdrawn += 1;
  await run.onProgress(counts);
}
