/**
 * Refuses, before any route reads them, the inputs that no route can use and that would
 * otherwise fail deep inside (PostgreSQL refuses NUL in text and an unpaired surrogate in
 * JSON; decoding a malformed percent-encoding throws): each becomes a 400 problem naming the
 * part of the request.
 */
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RequestHandler } from 'express';
import { decodedCookie, rawCookies } from './cookies';
import { malformedPercentEncoding, nulByte, unpairedSurrogate } from './errors';
import { unstorable as refused } from './storable';

const encodedNul = /%00/i;

const decodes = (s: string) => {
  try {
    decodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
};

/** The name of the first cookie whose value does not decode, if any. */
const undecodableCookie = (header: string) => rawCookies(header).find(([, value]) => decodedCookie(value) === undefined)?.[0];

/**
 * NUL (raw or %00) in the path, query or cookies, and malformed percent-encoding in the path or
 * query, and in a cookie sent to the API. Pages forgive a malformed cookie (the language one is
 * ignored), so a stale cookie never locks a visitor out of the site.
 */
export const refuseMalformedUrl = (apiPrefix: string): RequestHandler => (req, _res, next) => {
  const url = req.originalUrl;
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  const query = mark < 0 ? '' : url.slice(mark + 1);
  if (path.includes('\0') || encodedNul.test(path)) return next(nulByte('path'));
  if (query.includes('\0') || encodedNul.test(query)) return next(nulByte('query'));
  const cookie = req.headers.cookie ?? '';
  if (cookie.includes('\0') || encodedNul.test(cookie)) return next(nulByte('cookie'));
  if (!decodes(path)) return next(malformedPercentEncoding('path'));
  if (!decodes(query)) return next(malformedPercentEncoding('query'));
  if (path.startsWith(apiPrefix)) {
    const name = undecodableCookie(cookie);
    if (name !== undefined) return next(malformedPercentEncoding(`cookie ${name.slice(0, 64)}`));
  }
  next();
};

/** The refusal of a string of the body no field can store (storable.ts), if any: an audit entry holding it would fail as a 500. */
function unstorable(s: string) {
  const problem = refused(s);
  return problem === 'nul' ? nulByte('body') : problem === 'unpaired-surrogate' ? unpairedSurrogate('body') : undefined;
}

/** The refusal for the first string anywhere in a parsed body (keys included) that no field can store. Iterative: a deeply nested body cannot overflow the stack. */
function unstorableString(body: unknown) {
  const pending: unknown[] = [body];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      const problem = unstorable(value);
      if (problem) return problem;
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        const problem = unstorable(key);
        if (problem) return problem;
        pending.push(inner);
      }
    }
  }
  return undefined;
}

/** Runs after the JSON and form parsers: a NUL or an unpaired surrogate in any string of the parsed body is refused. */
export const refuseUnstorableStrings: RequestHandler = (req, _res, next) => next(unstorableString(req.body));

/**
 * Requests Node's HTTP parser refuses before the app sees them (a raw NUL or control character
 * in the address or a header, a head over 16 KB) get a problem+json answer too, not a bare status.
 */
export function answerMalformedRequests(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const [status, id, detail] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'request-head-too-large', 'The address and headers are over 16 KB together: shorten the query.']
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'request-timeout', 'The request did not arrive in time.']
          : [400, 'malformed-request', 'The request is not well-formed HTTP (a NUL or control character in the address or a header?).'];
    const body = JSON.stringify({ type: `/problems/${id}`, title: STATUS_CODES[status], status, detail });
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}
