/**
 * The fetch stage: one HTTP GET with the limits every feed gets. No response within 30 s,
 * no byte for 30 s, more than 120 s spent reading, a body over the source's limit or a sixth
 * redirect fail the fetch; each redirect is checked against FEED_ALLOW_PRIVATE again.
 * A 304 to a conditional GET says nothing changed. 5xx and time-outs before the body starts
 * are retried twice; once records have been read from a body, a retry would read them twice.
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
  limits?: Partial<Limits>;
  /** The clock the body's time is counted on (milliseconds); tests move their own by hand. */
  now?: () => number;
}

interface Answer<Body> {
  status: 'ok';
  body: Body;
  /** Where the body came from, after redirects: relative links resolve against it. */
  url: string;
  contentType: string;
  etag: string | null;
  lastModified: string | null;
}

/**
 * A response body, read as its consumer asks for each chunk: reading fails with a FetchError
 * when the body goes over the source's limit or stalls past the time limits. Nothing is read
 * ahead, so the time a consumer spends between chunks never counts against the server.
 */
export interface FeedBody extends AsyncIterable<Buffer> {
  /** Lets go of the connection when the body will not be read to its end. */
  destroy(): void;
}

export type Opened = { status: 'not-modified' } | Answer<FeedBody>;

export type Fetched = { status: 'not-modified' } | Answer<Buffer>;

export class FetchError extends Error {}

const LIMITS = { responseMs: 30_000, idleMs: 30_000, totalMs: 120_000, redirects: 5, retries: 2 };
type Limits = typeof LIMITS;
export const USER_AGENT = 'PartneringNetwork/0.1 (+https://github.com/partnering-network; feed sync)';

/** Sends the GET and waits for the response to start; the body is read as its consumer asks for it. */
export async function openFeed(rawUrl: string, options: FetchOptions): Promise<Opened> {
  const limits = { ...LIMITS, ...options.limits };
  for (let attempt = 0; ; attempt++) {
    try {
      return await openOnce(rawUrl, options, limits);
    } catch (err) {
      const retriable = err instanceof FetchError && /answered 5\d\d|no response|timed out/.test(err.message);
      if (!retriable || attempt >= limits.retries || options.signal?.aborted) throw err;
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }
}

/** The whole body at once, for documents that are parsed whole (html, atom, a peer's changes). */
export async function fetchFeed(rawUrl: string, options: FetchOptions): Promise<Fetched> {
  const opened = await openFeed(rawUrl, options);
  if (opened.status === 'not-modified') return opened;
  return { ...opened, body: await readWhole(opened.body) };
}

/** Reads a streamed body to its end; the size and time limits of the fetch still apply. */
export async function readWhole(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function openOnce(rawUrl: string, options: FetchOptions, limits: Limits): Promise<Opened> {
  const lookup = guardedLookup(options.allowPrivate);
  const agents = { httpAgent: new http.Agent({ lookup }), httpsAgent: new https.Agent({ lookup }) };
  const now = options.now ?? Date.now;
  const started = now();
  // Until the headers come the total limit runs on the wall clock; the body keeps its own count.
  const total = new AbortController();
  const totalTimer = setTimeout(() => total.abort(), limits.totalMs);
  const signal = options.signal ? AbortSignal.any([options.signal, total.signal]) : total.signal;
  try {
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
        throw new FetchError(describe(err, url, total.signal.aborted, limits));
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
      const header = (name: string) => (typeof headers[name] === 'string' ? (headers[name] as string) : null);
      const body = guardedBody(response.data, { url, maxBytes: options.maxBytes, limits, spentMs: now() - started, now });
      return { status: 'ok', body, url: url.toString(), contentType: header('content-type') ?? '', etag: header('etag'), lastModified: header('last-modified') };
    }
  } finally {
    clearTimeout(totalTimer);
  }
}

/**
 * The body with the size limit and the idle and total time limits. Time counts only while the
 * consumer waits for bytes: a run importing a large feed pauses the download between batches,
 * and that pause is not the server's doing.
 */
function guardedBody(source: Readable, at: { url: URL; maxBytes: number; limits: Limits; spentMs: number; now: () => number }): FeedBody {
  const { url, maxBytes, limits, now } = at;
  const idleError = () => new FetchError(`no data from ${url} for ${limits.idleMs / 1000} s: timed out`);
  const totalError = () => new FetchError(`reading ${url} took more than ${limits.totalMs / 1000} s: timed out`);
  async function* chunks(): AsyncGenerator<Buffer> {
    const reader = source[Symbol.asyncIterator]();
    let spent = at.spentMs;
    let size = 0;
    try {
      for (;;) {
        const budget = limits.totalMs - spent;
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(budget <= limits.idleMs ? totalError() : idleError()), Math.max(0, Math.min(budget, limits.idleMs)));
        });
        const waitStarted = now();
        let step: IteratorResult<unknown>;
        try {
          step = await Promise.race([reader.next(), timeout]);
        } catch (err) {
          if (err instanceof FetchError) throw err;
          // Headers came, then the body stalled: the socket's own time-out may say so first.
          const stalled = ['ECONNABORTED', 'ETIMEDOUT'].includes((err as NodeJS.ErrnoException).code ?? '');
          throw new FetchError(stalled ? idleError().message : describe(err, url, false, limits));
        } finally {
          clearTimeout(timer);
          spent += now() - waitStarted;
        }
        if (step.done) return;
        const chunk = step.value as Buffer;
        size += chunk.length;
        if (size > maxBytes) throw new FetchError(`the body of ${url} is over the source's limit of ${maxBytes} bytes`);
        yield chunk;
      }
    } finally {
      source.destroy();
    }
  }
  return { [Symbol.asyncIterator]: chunks, destroy: () => source.destroy() };
}

function describe(err: unknown, url: URL, totalElapsed: boolean, limits: Limits): string {
  if (totalElapsed) return `reading ${url} took more than ${limits.totalMs / 1000} s: timed out`;
  const e = err as { code?: string; message?: string; cause?: { message?: string } };
  if (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT') return `no response from ${url} within ${limits.responseMs / 1000} s: timed out`;
  if (e.code === 'ECONNRESET' || e.code === 'ECONNREFUSED') return `no response from ${url} (${e.code})`;
  return `could not fetch ${url}: ${e.cause?.message ?? e.message ?? String(err)}`;
}
