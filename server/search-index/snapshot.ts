/**
 * The search index on disk, so a restart need not read every entry again: the server loads
 * the snapshot, then reads the changes feed from where the snapshot stood.
 *
 * The file is a sequence of chunks, each its length, its SHA-1 and a value in V8's
 * serialization format (strings, arrays and typed arrays as they are in memory; bitmaps in
 * roaring's portable format). Chunks keep the memory a save or a load needs to one chunk
 * beside the index, and a chunk that does not match its hash (a torn or damaged file) makes
 * the load give up before any bitmap is read from it. A save writes a temporary file and
 * renames it, so a snapshot is whole or absent.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { ChangePosition } from '../db/changes';
import { processAlive } from '../process-alive';
import type { EntityKind } from '../db/search-documents';
import type { KindSnapshot, WordPostings } from './kind-index';

const FORMAT = 2;
/** V8's deserializer, read as what it is: a value of any shape, to be checked. */
const deserialize: (buffer: Buffer) => unknown = v8.deserialize;
/** Words (with their bitmaps) per chunk. */
const WORDS_PER_CHUNK = 20_000;

export interface IndexSnapshot {
  /** documentSource() of the database the index was read from. */
  source: string;
  /** A hash of the countries table the documents' regions were read from. */
  countries: string;
  position: ChangePosition;
  kinds: KindSnapshot[];
  vocabulary: readonly string[];
}

type Chunk =
  | { format: number; source: string; countries: string; position: ChangePosition; kinds: EntityKind[] }
  | Omit<KindSnapshot, 'words'>
  | { words: WordPostings[] }
  | { vocabulary: readonly string[] };

const HEAD = 4 + 20;

/** Writes the snapshot to `file` (made whole, then renamed into place); returns its size in bytes. */
export async function writeSnapshot(file: string, snapshot: IndexSnapshot): Promise<number> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await removeAbandoned(file);
  const temporary = `${file}.${process.pid}.tmp`;
  const out = await fs.promises.open(temporary, 'w');
  let bytes = 0;
  const put = async (chunk: Chunk) => {
    const body = v8.serialize(chunk);
    const head = Buffer.alloc(HEAD);
    head.writeUInt32LE(body.length, 0);
    crypto.createHash('sha1').update(body).digest().copy(head, 4);
    await out.write(head);
    await out.write(body);
    bytes += HEAD + body.length;
  };
  try {
    const { source, countries, position, kinds, vocabulary } = snapshot;
    await put({ format: FORMAT, source, countries, position, kinds: kinds.map((k) => k.kind) });
    for (const { words, ...rest } of kinds) {
      await put(rest);
      // The last chunk of words is shorter than the others (empty, if need be): that is how a reader knows it is the last.
      let part: WordPostings[] = [];
      for (const entry of words) {
        if (part.push(entry) < WORDS_PER_CHUNK) continue;
        await put({ words: part });
        part = [];
      }
      await put({ words: part });
    }
    await put({ vocabulary });
    await out.sync();
  } finally {
    await out.close();
  }
  await fs.promises.rename(temporary, file);
  return bytes;
}

/** Removes the temporary files of saves whose process died before renaming them. */
async function removeAbandoned(file: string): Promise<void> {
  const prefix = `${path.basename(file)}.`;
  for (const name of await fs.promises.readdir(path.dirname(file))) {
    const pid = name.startsWith(prefix) && name.endsWith('.tmp') ? Number(name.slice(prefix.length, -'.tmp'.length)) : NaN;
    if (!Number.isInteger(pid) || pid === process.pid || processAlive(pid)) continue;
    await fs.promises.rm(path.join(path.dirname(file), name), { force: true });
  }
}

/** Why a snapshot could not be read. */
export class SnapshotError extends Error {}

/** The snapshot in `file`; undefined when there is none. A damaged file or another format throws a SnapshotError. */
export async function readSnapshot(file: string): Promise<IndexSnapshot | undefined> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const size = (await handle.stat()).size;
    let at = 0;
    const next = async (): Promise<Record<string, unknown>> => {
      const head = Buffer.alloc(HEAD);
      if (at + HEAD > size) throw new SnapshotError('the snapshot ends early');
      await handle.read(head, 0, HEAD, at);
      const length = head.readUInt32LE(0);
      if (at + HEAD + length > size) throw new SnapshotError('the snapshot ends early');
      const body = Buffer.alloc(length);
      await handle.read(body, 0, length, at + HEAD);
      if (!crypto.createHash('sha1').update(body).digest().equals(head.subarray(4))) throw new SnapshotError('a chunk of the snapshot does not match its hash');
      at += HEAD + length;
      return deserialize(body) as Record<string, unknown>;
    };
    const header = (await next()) as Extract<Chunk, { format: number }>;
    if (header.format !== FORMAT) throw new SnapshotError(`the snapshot is in format ${String(header.format)}, not ${FORMAT}`);
    const kinds: KindSnapshot[] = [];
    for (const _ of header.kinds) {
      const kind = (await next()) as Omit<KindSnapshot, 'words'>;
      const words: WordPostings[] = [];
      for (;;) {
        const chunk = (await next()) as { words?: WordPostings[] };
        if (!chunk.words) throw new SnapshotError('a kind of the snapshot has no words');
        for (const entry of chunk.words) words.push(entry);
        if (chunk.words.length < WORDS_PER_CHUNK) break;
      }
      kinds.push({ ...kind, words });
    }
    const { vocabulary } = (await next()) as { vocabulary: readonly string[] };
    if (at !== size) throw new SnapshotError('the snapshot goes on after its end');
    return { source: header.source, countries: header.countries, position: header.position, kinds, vocabulary };
  } finally {
    await handle.close();
  }
}
