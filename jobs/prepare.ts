/**
 * The prepare stage: a record read from a page is normalised and hashed before it imports.
 * A page imports in batches while the next batch is read; preparing is most of what the
 * process does besides waiting for the database, so with SYNC_WORKER=on a large spooled page is read and prepared
 * in a worker thread (prepare-worker.ts) and the main thread only imports: the two work at
 * once, on two cores. Smaller pages, later pages and changes feeds are prepared here.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Reference } from '../server/reference';
import { ParseError, type PageItem, type RawRecord, type RecordError } from './connectors/connector';
import type { Mapping } from './mapping';
import { contentHash, normalizeOrganization, normalizeProgramme, programmeHash, type Normalization } from './normalize';

/** A record normalised (or rejected, with its reason) and, when kept, hashed: plain data, so it can cross threads. */
export interface Prepared<R> {
  line?: number;
  result: Normalization<R>;
  /** The content hash of the normalised record; absent when it was rejected. */
  hash?: string;
}

/** What a page yields once its records are prepared: as PageItem, with records prepared. */
export type PreparedItem<R> = { kind: 'record'; record: Prepared<R> } | { kind: 'reject'; error: RecordError } | { kind: 'next'; url: string | undefined };

/** How records of one kind are normalised and hashed. */
export interface RecordShape<R> {
  normalize(raw: RawRecord): Normalization<R>;
  hash(record: R): string;
}

/** The record shapes of each kind, under a mapping: the importers and the worker read the same ones. */
export const recordShapes = {
  organization: (mapping: Mapping, ref: Reference) => ({ normalize: (raw: RawRecord) => normalizeOrganization(raw, mapping, ref), hash: contentHash }),
  programme: (mapping: Mapping, ref: Reference) => ({ normalize: (raw: RawRecord) => normalizeProgramme(raw, mapping, ref), hash: programmeHash }),
};

export function prepare<R>(shape: RecordShape<R>, raw: RawRecord): Prepared<R> {
  const result = shape.normalize(raw);
  return { line: raw.line, result, hash: result.ok ? shape.hash(result.record) : undefined };
}

/** Prepares a page's records in this thread, as they are read. */
export async function* preparedHere<R>(items: AsyncIterable<PageItem>, shape: RecordShape<R>): AsyncGenerator<PreparedItem<R>> {
  for await (const item of items) yield item.kind === 'record' ? { kind: 'record', record: prepare(shape, item.record) } : item;
}

/** A spooled page the worker reads from disk. */
export interface WorkerPage {
  file: string;
  connector: string;
  mapping: Mapping;
  pageUrl: string;
}

/** What the worker posts: a batch of items, the page's end, or the fault that ended it. */
export type WorkerMessage = { type: 'items'; items: PreparedItem<unknown>[] } | { type: 'end' } | { type: 'failed'; parse: boolean; message: string };

/** Batches the worker may post before the main thread has taken them: it waits beyond that, so memory stays bounded. */
export const WORKER_AHEAD = 2;


/** Starts the worker; under tsx (development, tests) it loads the TypeScript source through tsx's require hook. */
function startWorker(page: WorkerPage): Worker {
  const file = path.join(__dirname, `prepare-worker${path.extname(__filename)}`);
  const worker = file.endsWith('.ts') ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { eval: true }) : new Worker(file);
  worker.postMessage(page);
  return worker;
}

/**
 * Reads and prepares a spooled page in a worker thread, yielding what it prepares in the
 * page's order. A page the connector cannot read ends with its ParseError, after the items
 * before it; stopping early (the time limit, a fault of the import) stops the worker.
 */
export async function* preparedInWorker<R>(page: WorkerPage): AsyncGenerator<PreparedItem<R>> {
  const worker = startWorker(page);
  const inbox: WorkerMessage[] = [];
  let wake: (() => void) | undefined;
  let fault: Error | undefined;
  const arrive = () => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (m: WorkerMessage) => {
    inbox.push(m);
    arrive();
  });
  worker.on('error', (err) => {
    fault ??= err;
    arrive();
  });
  worker.on('exit', (code) => {
    fault ??= new Error(`the worker preparing ${page.pageUrl} exited (${code}) before the end of the page`);
    arrive();
  });
  try {
    for (;;) {
      const m = inbox.shift();
      if (!m) {
        if (fault) throw fault;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (m.type === 'end') return;
      if (m.type === 'failed') throw m.parse ? new ParseError(m.message) : new Error(m.message);
      worker.postMessage('more');
      // Structured clone keeps the shape the worker gave: records of the kind this page maps to.
      yield* m.items as PreparedItem<R>[];
    }
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
  }
}
