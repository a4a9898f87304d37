/**
 * Synthetic organization feeds for the sync benchmark: records drawn from a seed, written once
 * as JSON, CSV and COPY text into a temp folder, and served from loopback with an ETag.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import path from 'node:path';
import type { Country } from '../../server/reference';

export interface FeedRecord {
  id: string;
  name: string;
  kind: string;
  country: string;
  website: string;
  email: string;
  services: string;
  description: string;
}

export const feedFormats = ['json', 'csv'] as const;
export type FeedFormat = (typeof feedFormats)[number];

/** The columns of the COPY baseline, in the order of the COPY text file: what the sync writes into organizations. */
export const copyColumns = ['name', 'kind', 'country', 'website', 'email', 'services', 'description', 'networks'] as const;

/** The network every synthetic record joins (the mapping's default). */
export const BENCH_NETWORK = 'bench';

/** 90 syllables, four to a word: 65 million words, so two names of one country rarely share one. */
const syllables = [...'bcdfghjklmnprstvwz'].flatMap((c) => [...'aeiou'].map((v) => c + v));
/**
 * Short phrases by kind: with two invented words they leave most of a name's trigrams to the
 * words, so names of one country stay under the 0.6 similarity at which the import joins them.
 */
const phrases: Record<string, string[]> = {
  'investment-promotion-agency': ['Investment Agency', 'Investment Authority'],
  'entrepreneurship-centre': ['Enterprise Centre', 'Empretec Centre'],
  'chamber-of-commerce': ['Chamber of Commerce', 'Trade Chamber'],
  'business-association': ['Business Forum', 'Exporters Union'],
  'technology-centre': ['Technology Park', 'Innovation Hub'],
  incubator: ['Business Incubator', 'Start-up Lab'],
  'development-agency': ['Development Agency', 'Regional Board'],
  'development-finance': ['Development Bank', 'Guarantee Fund'],
};
const kinds = Object.keys(phrases);
const sectors = ['agro-processing', 'textile', 'automotive', 'software', 'renewable-energy', 'pharmaceutical', 'logistics', 'tourism', 'food', 'mining-equipment'];
const topics = ['export readiness', 'quality standards', 'licensing negotiations', 'supplier development', 'joint-venture contracts', 'digital marketing'];

/** mulberry32: a small, fast generator whose sequence depends only on the seed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * The records of a feed of `n` organizations, the same for a given seed and country list. With
 * `changedEvery` k, every k-th record's description says more: the same feed, a share of it changed.
 */
export function* feedRecords(n: number, seed: number, countries: readonly Country[], changedEvery?: number): Generator<FeedRecord> {
  const rand = generator(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const word = (parts: number) => Array.from({ length: parts }, () => pick(syllables)).join('');
  const title = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  for (let i = 0; i < n; i++) {
    const country = pick(countries);
    const kind = pick(kinds);
    const place = word(4);
    const other = word(4);
    const name = `${title(place)} ${title(other)} ${pick(phrases[kind] as string[])}`;
    // The index in base 36 keeps hosts unique, so no record joins another by website.
    const host = `www.${place}-${other}-${i.toString(36)}.${country.alpha2.toLowerCase()}`;
    const description =
      `Helps ${pick(sectors)} firms in ${country.names.en} find partners abroad for technology licensing, joint ventures and supplier linkages; ` +
      `runs matchmaking missions and training on ${pick(topics)}.`;
    yield {
      id: `org-${i}`,
      name,
      kind,
      country: country.alpha2,
      website: `https://${host}/`,
      email: `info@${host.slice(4)}`,
      services: 'training; partner-search',
      description: changedEvery && i % changedEvery === 0 ? `${description} Now also advises on green finance.` : description,
    };
  }
}

const csvColumns: (keyof FeedRecord)[] = ['id', 'name', 'kind', 'country', 'website', 'email', 'services', 'description'];
const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
/** COPY text format: tab-separated, backslash escapes. */
const copyField = (v: string) => v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
const pgArray = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

const writers: Record<FeedFormat | 'copy', { head: string; row: (r: FeedRecord, first: boolean) => string; tail: string }> = {
  json: { head: '{"data":{"items":[\n', row: (r, first) => `${first ? '' : ',\n'}${JSON.stringify(r)}`, tail: '\n]}}\n' },
  csv: { head: `${csvColumns.join(',')}\n`, row: (r) => `${csvColumns.map((c) => csvField(r[c])).join(',')}\n`, tail: '' },
  copy: {
    head: '',
    row: (r) =>
      `${[r.name, r.kind, r.country, r.website, r.email, pgArray(r.services.split(';').map((s) => s.trim())), r.description, pgArray([BENCH_NETWORK])].map(copyField).join('\t')}\n`,
    tail: '',
  },
};

export interface FeedFile {
  path: string;
  bytes: number;
  /** Quoted strong validator: the SHA-1 of the content. */
  etag: string;
}

/** Writes the records into `file` in one format, a chunk at a time, never holding the whole body. */
export async function writeFeed(file: string, format: FeedFormat | 'copy', records: Iterable<FeedRecord>): Promise<FeedFile> {
  const out = fs.createWriteStream(file);
  const sha = crypto.createHash('sha1');
  const w = writers[format];
  let bytes = 0;
  const put = async (chunk: string) => {
    sha.update(chunk);
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await put(w.head);
  let chunk = '';
  let first = true;
  for (const r of records) {
    chunk += w.row(r, first);
    first = false;
    if (chunk.length > 256 * 1024) {
      await put(chunk);
      chunk = '';
    }
  }
  await put(chunk + w.tail);
  out.end();
  await once(out, 'finish');
  return { path: file, bytes, etag: `"${sha.digest('hex')}"` };
}

export interface FeedServer {
  /** The address of a file served, by its name (`feed.json`). */
  url(name: string): string;
  close(): Promise<void>;
}

/** Serves each feed file at /<name> on 127.0.0.1, streamed from disk; a matching If-None-Match gets 304. */
export async function serveFeeds(files: Record<string, FeedFile>): Promise<FeedServer> {
  const server = http.createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://localhost').pathname.slice(1);
    const format = path.extname(name).slice(1);
    const file = files[name];
    if (!file) return void res.writeHead(404).end('not found');
    if (req.headers['if-none-match'] === file.etag) return void res.writeHead(304, { etag: file.etag }).end();
    res.writeHead(200, { 'content-type': format === 'csv' ? 'text/csv' : 'application/json', 'content-length': file.bytes, etag: file.etag });
    fs.createReadStream(file.path).pipe(res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
