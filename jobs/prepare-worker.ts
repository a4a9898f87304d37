/**
 * The worker thread of the prepare stage (prepare.ts): reads a spooled page from disk through
 * its connector, prepares each record as the main thread would, and posts them in batches,
 * never more than WORKER_AHEAD batches ahead of the import. It touches no database.
 */
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { loadReference } from '../server/reference';
import { ParseError } from './connectors/connector';
import { connectorNamed } from './connectors';
import { prepare, recordShapes, WORKER_AHEAD, type PreparedItem, type WorkerMessage, type WorkerPage } from './prepare';

const BATCH = 500;

async function main(port: NonNullable<typeof parentPort>, page: WorkerPage): Promise<void> {
  const connector = connectorNamed(page.connector);
  if (connector?.reads !== 'listing') throw new Error(`the ${page.connector} connector reads no pages`);
  const shape = recordShapes[page.mapping.type](page.mapping, loadReference());
  let ahead = 0;
  let resume: (() => void) | undefined;
  port.on('message', () => {
    ahead -= 1;
    resume?.();
    resume = undefined;
  });
  const send = async (items: PreparedItem<unknown>[]) => {
    if (items.length === 0) return;
    port.postMessage({ type: 'items', items } satisfies WorkerMessage);
    ahead += 1;
    while (ahead > WORKER_AHEAD) await new Promise<void>((resolve) => (resume = resolve));
  };
  let batch: PreparedItem<unknown>[] = [];
  try {
    for await (const item of connector.readPage(fs.createReadStream(page.file, { highWaterMark: 64 * 1024 }), page.mapping, page.pageUrl)) {
      batch.push(item.kind === 'record' ? { kind: 'record', record: prepare<unknown>(shape, item.record) } : item);
      if (batch.length >= BATCH) {
        await send(batch);
        batch = [];
      }
    }
  } catch (err) {
    await send(batch);
    port.postMessage({ type: 'failed', parse: err instanceof ParseError, message: err instanceof Error ? err.message : String(err) } satisfies WorkerMessage);
    return;
  }
  await send(batch);
  port.postMessage({ type: 'end' } satisfies WorkerMessage);
}

/** The first message is the page to read; the next ones ask for more batches. */
function start(page: WorkerPage): void {
  if (parentPort) void main(parentPort, page);
}

parentPort?.once('message', start);
