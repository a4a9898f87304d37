/** The one place that turns anything thrown into application/problem+json. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError, notFound, unavailable } from './errors';
import type { Logger } from './logger';

// 57014: a statement cancelled by statement_timeout (the database is too slow to answer now).
const connectionCodes = new Set(['57014', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);

/** True when `err` (or what caused it) says the database cannot be reached. */
export function isDatabaseDown(err: unknown): boolean {
  // Walk the cause chain by shape, not instanceof: driver errors may come from another realm.
  let e: unknown = err;
  for (let depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && connectionCodes.has(code)) return true;
    if (typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout|PGlite is closed/i.test(message)) return true;
    e = cause;
  }
  return false;
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(notFound('page or resource'));

/** Anything thrown, as the problem it stands for. */
export function toProblem(err: unknown, requestId: string): HttpError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; type?: unknown };
  if (err instanceof HttpError) return err;
  if (isDatabaseDown(err)) return unavailable();
  if (e.code === 'EBADCSRFTOKEN') return new HttpError(403, 'csrf', 'Forbidden', 'Send the X-CSRF-Token header with the csrfToken of your session (GET /api/v1/auth/session).');
  if (e.type === 'entity.parse.failed') return new HttpError(400, 'malformed-json', 'Malformed JSON', 'The request body is not valid JSON.');
  if (e.type === 'entity.too.large') return new HttpError(413, 'too-large', 'Request too large', 'The request body is too large.');
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
