/**
 * The fetch stage: one HTTP GET with the limits every feed gets. No response within 30 s,
 * no byte for 30 s, more than 120 s in all, a body over the source's limit or a sixth
 * redirect fail the fetch; each redirect is checked against FEED_ALLOW_PRIVATE again.
 * A 304 to a conditional GET says nothing changed. 5xx and time-outs are retried twice.
 */
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosResponse } from 'axios';
import type { Readable } from 'node:stream';
import { checkFeedUrl, guardedLookup, type PrivatePolicy } from './address-guard';

export interface FetchOptions {
  allowPrivate: PrivatePolicy;
  maxBytes: number;
  etag?: string | null;
  lastModified?: string | null;
  signal?: AbortSignal;
  /** Shorter limits for tests; the contract's defaults otherwise. */
  limits?: Partial<typeof LIMITS>;
}

export type Fetched =
  | { status: 'not-modified' }
  | { status: 'ok'; body: Buffer; url: string; contentType: string; etag: string | null; lastModified: string | null };

export class FetchError extends Error {}

const LIMITS = { responseMs: 30_000, idleMs: 30_000, totalMs: 120_000, redirects: 5, retries: 2 };
export const USER_AGENT = 'PartneringNetwork/0.1 (+https://github.com/partnering-network; feed sync)';

export async function fetchFeed(rawUrl: string, options: FetchOptions): Promise<Fetched> {
  const limits = { ...LIMITS, ...options.limits };
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchOnce(rawUrl, options, limits);
    } catch (err) {
      const retriable = err instanceof FetchError && /answered 5\d\d|no response|timed out/.test(err.message);
      if (!retriable || attempt >= limits.retries || options.signal?.aborted) throw err;
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }
}

async function fetchOnce(rawUrl: string, options: FetchOptions, limits: typeof LIMITS): Promise<Fetched> {
  const lookup = guardedLookup(options.allowPrivate);
  const agents = { httpAgent: new http.Agent({ lookup }), httpsAgent: new https.Agent({ lookup }) };
  const total = AbortSignal.timeout(limits.totalMs);
  const signal = options.signal ? AbortSignal.any([options.signal, total]) : total;
  let url = checkFeedUrl(rawUrl, options.allowPrivate);
  for (let hop = 0; ; hop++) {
    let response: AxiosResponse<Readable>;
    try {
      response = await axios.get<Readable>(url.toString(), {
        ...agents,
        responseType: 'stream',
        maxRedirects: 0,
        timeout: limits.responseMs,
        signal,
        decompress: true,
        validateStatus: () => true,
        headers: {
          'User-Agent': USER_AGENT,
          Accept: 'application/json, text/csv, application/atom+xml, application/xml, text/html;q=0.9, */*;q=0.5',
          ...(options.etag ? { 'If-None-Match': options.etag } : {}),
          ...(options.lastModified ? { 'If-Modified-Since': options.lastModified } : {}),
        },
      });
    } catch (err) {
      throw new FetchError(describe(err, url, total.aborted, limits));
    }
    const { status, headers } = response;
    if (status >= 300 && status < 400 && status !== 304) {
      response.data.destroy();
      const location = headers.location;
      if (typeof location !== 'string') throw new FetchError(`${url} answered ${status} without a Location`);
      if (hop >= limits.redirects) throw new FetchError(`more than ${limits.redirects} redirects, the last to ${location}`);
      url = checkFeedUrl(new URL(location, url).toString(), options.allowPrivate);
      continue;
    }
    if (status === 304) {
      response.data.destroy();
      return { status: 'not-modified' };
    }
    if (status >= 400) {
      response.data.destroy();
      throw new FetchError(`${url} answered ${status}`);
    }
    const body = await readBody(response.data, options.maxBytes, limits.idleMs, url, total, limits);
    const header = (name: string) => (typeof headers[name] === 'string' ? (headers[name] as string) : null);
    return { status: 'ok', body, url: url.toString(), contentType: header('content-type') ?? '', etag: header('etag'), lastModified: header('last-modified') };
  }
}

function readBody(stream: Readable, maxBytes: number, idleMs: number, url: URL, total: AbortSignal, limits: typeof LIMITS): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let idle = setTimeout(() => fail(new FetchError(`no data from ${url} for ${idleMs / 1000} s: timed out`)), idleMs);
    const fail = (err: Error) => {
      clearTimeout(idle);
      stream.destroy();
      reject(err);
    };
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return fail(new FetchError(`the body of ${url} is over the source's limit of ${maxBytes} bytes`));
      chunks.push(chunk);
      clearTimeout(idle);
      idle = setTimeout(() => fail(new FetchError(`no data from ${url} for ${idleMs / 1000} s: timed out`)), idleMs);
    });
    stream.on('end', () => {
      clearTimeout(idle);
      resolve(Buffer.concat(chunks));
    });
    stream.on('error', (err) => {
      // Headers came, then the body stalled: the socket's own time-out says so first.
      const stalled = ['ECONNABORTED', 'ETIMEDOUT'].includes((err as NodeJS.ErrnoException).code ?? '') && !total.aborted;
      fail(new FetchError(stalled ? `no data from ${url} for ${idleMs / 1000} s: timed out` : describe(err, url, total.aborted, limits)));
    });
  });
}

function describe(err: unknown, url: URL, totalElapsed: boolean, limits: typeof LIMITS): string {
  if (totalElapsed) return `reading ${url} took more than ${limits.totalMs / 1000} s: timed out`;
  const e = err as { code?: string; message?: string; cause?: { message?: string } };
  if (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT') return `no response from ${url} within ${limits.responseMs / 1000} s: timed out`;
  if (e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET') return `no response from ${url} (${e.code})`;
  return `could not fetch ${url}: ${e.cause?.message ?? e.message ?? String(err)}`;
}
