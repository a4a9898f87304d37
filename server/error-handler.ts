/** The one place that turns anything thrown into application/problem+json. */
import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError, malformedPercentEncoding, notFound, unavailable } from './errors';
import type { Logger } from './logger';

// Network failures, PostgreSQL's connection exceptions (08xxx), shutdowns (57P0x), too many
// connections (53300), and 57014: a statement cancelled by statement_timeout (too slow to answer now).
const connectionCodes = new Set(['57014', '53300', 'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);

/** True when `err` (or what caused it) says the database cannot be reached. */
export function isDatabaseDown(err: unknown): boolean {
  // Walk the cause chain by shape, not instanceof: driver errors may come from another realm.
  let e: unknown = err;
  for (let depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const { code, message, cause, errors } = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string' && connectionCodes.has(code)) return true;
    if (typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout|PGlite is closed|Cannot use a pool after calling end/i.test(message)) return true;
    // Connecting to a name with several addresses fails with an AggregateError of each attempt's error.
    e = cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return false;
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(notFound('page or resource'));

/** Anything thrown, as the problem it stands for. */
export function toProblem(err: unknown, requestId: string): HttpError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown };
  if (err instanceof HttpError) return err;
  if (isDatabaseDown(err)) return unavailable();
  if (e.code === 'EBADCSRFTOKEN') return new HttpError(403, 'csrf', 'Forbidden', 'Send the X-CSRF-Token header with the csrfToken of your session (GET /api/v1/auth/session).');
  return clientError(err) ?? serverError(requestId);
}

/** What body-parser's refusals (by their `type`) tell the client to change. */
const bodyProblems: Record<string, (e: { charset?: unknown; encoding?: unknown }) => HttpError> = {
  'entity.parse.failed': () => new HttpError(400, 'malformed-json', 'Malformed JSON', 'The request body is not valid JSON.'),
  'entity.too.large': () => new HttpError(413, 'too-large', 'Request too large', 'The request body is too large.'),
  'parameters.too.many': () => new HttpError(413, 'too-large', 'Request too large', 'The form has too many fields.'),
  'charset.unsupported': (e) => new HttpError(415, 'unsupported-charset', 'Unsupported charset', `The body's charset ${JSON.stringify(String(e.charset ?? '')).toLowerCase()} is not supported: send UTF-8.`),
  'encoding.unsupported': (e) => new HttpError(415, 'unsupported-content-encoding', 'Unsupported Content-Encoding', `Content-Encoding ${JSON.stringify(String(e.encoding ?? ''))} is not supported: send gzip, deflate, br or identity.`),
  'request.aborted': () => new HttpError(400, 'request-aborted', 'Request aborted', 'The body ended before its announced length.'),
  'request.size.invalid': () => new HttpError(400, 'request-size-invalid', 'Body length mismatch', 'The body is not as long as its Content-Length says.'),
};

/**
 * An error that already says the client is at fault (a 4xx `status` or `statusCode`, as
 * body-parser, the router and http-errors set) keeps that status. A decompression failure is
 * named as one. Errors of outgoing HTTP calls (axios) carry the remote answer's status and stay 5xx.
 */
function clientError(err: unknown): HttpError | undefined {
  if (err instanceof URIError) return malformedPercentEncoding('path');
  const e = (typeof err === 'object' && err !== null ? err : {}) as { status?: unknown; statusCode?: unknown; type?: unknown; expose?: unknown; errno?: unknown; message?: unknown; isAxiosError?: unknown };
  const status = [e.status, e.statusCode].find((s): s is number => Number.isInteger(s) && (s as number) >= 400 && (s as number) < 500);
  if (status === undefined || e.isAxiosError) return undefined;
  const known = typeof e.type === 'string' ? bodyProblems[e.type] : undefined;
  if (known) return known(e as { charset?: unknown; encoding?: unknown });
  // zlib and brotli errors carry a numeric errno; body-parser gives them a 400 when the body does not inflate.
  if (status === 400 && typeof e.errno === 'number') return new HttpError(400, 'undecodable-body', 'Body does not decode', 'The body is not compressed as its Content-Encoding says.');
  const title = STATUS_CODES[status] ?? 'Bad request';
  const detail = e.expose === true && typeof e.message === 'string' && e.message ? e.message : title;
  return new HttpError(status, title.toLowerCase().replace(/[^a-z0-9]+/g, '-'), title, detail);
}

function serverError(requestId: string): HttpError {
  return new HttpError(500, 'internal-error', 'Something went wrong', `An unexpected error occurred. Quote request id ${requestId} when reporting it.`);
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const problem = toProblem(err, String(req.id));
    if (problem.status >= 500) (req.log ?? logger).error({ err }, problem.title);
    res
      .status(problem.status)
      .set(problem.headers)
      .type('application/problem+json')
      .json({
        type: `/problems/${problem.id}`,
        title: problem.title,
        status: problem.status,
        detail: problem.message,
        instance: req.originalUrl,
        ...(problem.errors ? { errors: problem.errors } : {}),
      });
  };
}
