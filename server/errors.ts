/** Errors that the one error handler turns into application/problem+json. */

export interface FieldError {
  path: string;
  message: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    /** Stable id, also the last segment of the problem `type`. */
    readonly id: string,
    readonly title: string,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export const badRequest = (errors: FieldError[], detail = describe(errors)) =>
  new HttpError(400, 'validation-error', 'Your request is not valid', detail, errors);

export const notFound = (what = 'resource') =>
  new HttpError(404, 'not-found', 'Not found', `No ${what} has this id or address.`);

export const gone = (what = 'resource') => new HttpError(410, 'gone', 'Gone', `This ${what} was deleted.`);

export const unauthorized = (detail = 'Sign in or send a valid API token.') =>
  new HttpError(401, 'unauthorized', 'Not signed in', detail);

export const forbidden = (detail = 'You may not do this.') => new HttpError(403, 'forbidden', 'Forbidden', detail);

export const conflict = (detail: string) => new HttpError(409, 'conflict', 'Conflict', detail);

export const unavailable = (detail = 'The database does not answer. Try again in a moment.') =>
  new HttpError(503, 'service-unavailable', 'Service unavailable', detail, undefined, { 'Retry-After': '5' });

/** Where a request carries what the directory reads from it. */
export type RequestPart = 'path' | 'query' | 'cookie' | `cookie ${string}` | 'body';

/** PostgreSQL refuses NUL in text, and no field of the directory has a use for it. */
export const nulByte = (part: RequestPart) =>
  new HttpError(400, 'nul-byte', 'NUL byte refused', `The ${part} holds a NUL byte (%00 or \\u0000); no field accepts one.`);

export const unpairedSurrogate = (part: RequestPart) =>
  new HttpError(400, 'unpaired-surrogate', 'Unpaired surrogate refused', `The ${part} holds half of a UTF-16 surrogate pair (such as \\ud800) with no other half: it is not a character, and no field accepts it.`);

export const malformedPercentEncoding = (part: RequestPart) =>
  new HttpError(400, 'malformed-percent-encoding', 'Malformed percent-encoding', `The ${part} holds a malformed percent-encoding (such as %ff or %E0%A4%A): encode it as UTF-8.`);

function describe(errors: FieldError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('; ');
}
