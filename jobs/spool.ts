/**
 * A feed's first page is written to a temporary file as it arrives, and hashed on the way: the
 * same bytes as the last good run (under the same mapping and reference data) mean nothing to
 * do, even from a server that sends no ETag. Otherwise the page is parsed from the file, so a
 * slow import never holds the server's connection open.
 */
import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeedBody } from './fetch';

export interface Spooled {
  /** SHA-256 of the salt and the body. */
  hash: string;
  body: FeedBody;
  /** Where the page is on disk, and its size. */
  file: string;
  bytes: number;
  remove(): Promise<void>;
}

export async function spool(body: FeedBody, salt: string): Promise<Spooled> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'pn-feed-'));
  const remove = () => fs.promises.rm(dir, { recursive: true, force: true });
  const file = path.join(dir, 'page');
  const hash = crypto.createHash('sha256').update(salt);
  const out = fs.createWriteStream(file);
  let bytes = 0;
  try {
    for await (const chunk of body) {
      hash.update(chunk);
      bytes += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  } catch (err) {
    out.destroy();
    await remove();
    throw err;
  }
  return { hash: hash.digest('hex'), body: fs.createReadStream(file, { highWaterMark: 64 * 1024 }), file, bytes, remove };
}
