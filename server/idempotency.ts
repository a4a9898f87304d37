/**
 * `Idempotency-Key` on the API's POSTs: a repeat by the same user with the same key within
 * 24 hours runs nothing and answers what the first answered, with `Idempotent-Replayed: true`.
 * The key is reserved before the handler runs, so of two requests sent at once one runs it
 * and the other waits for its answer (409 if it takes too long). Answers of 5xx and 429 are not
 * kept: the client may try again. Before sign-in (sign-up, password reset) there is no user
 * to scope the key to, so it is scoped to the body's hash instead: a repeat must send the same
 * body (its password included), and nobody else can read the answer by guessing a key.
 */
import crypto from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { AppContext } from './context';
import { answerKey, releaseKey, reserveKey, type KeyClaim, type KeyRow } from './db/idempotency';
import { HttpError } from './errors';

export interface WaitOptions {
  /** How long a repeat waits for the first request's answer. */
  waitMs?: number;
  pollMs?: number;
}

export type Claim = { kind: 'run' } | { kind: 'answered'; row: KeyRow & { status: number } } | { kind: 'mismatch' } | { kind: 'busy' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the key, or waits (polling, within `waitMs`) for the answer of the request that holds
 * it. `mismatch` says when the held key was used for another request.
 */
export async function claimKey(ctx: Pick<AppContext, 'database'>, c: KeyClaim, options: WaitOptions = {}, mismatch: (row: KeyRow) => boolean = () => false): Promise<Claim> {
  const { waitMs = 15_000, pollMs = 50 } = options;
  const until = Date.now() + waitMs;
  for (;;) {
    const row = await reserveKey(ctx.database.db, c);
    if (row === true) return { kind: 'run' };
    if (row && mismatch(row)) return { kind: 'mismatch' };
    if (row && row.status !== null) return { kind: 'answered', row: { ...row, status: row.status } };
    if (Date.now() >= until) return { kind: 'busy' };
    if (row) await sleep(pollMs);
  }
}

/** The answer as it left, kept for the repeats: its status, the headers a client reads, its body. */
interface KeptAnswer {
  headers: Record<string, string>;
  body: string;
}

const keptHeaders = ['content-type', 'location'];
/** Larger answers are not kept (a repeat then runs again): the API's POSTs answer far less. */
const MAX_KEPT_BYTES = 1_000_000;

/**
 * Calls `keep` with the response's status, headers and body just before it ends, and ends it
 * once `keep` is done, so a client that repeats the request after reading the answer finds it.
 */
export function beforeEnd(res: Response, keep: (status: number, answer: KeptAnswer | undefined) => Promise<void>): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const add = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    size += buf.length;
    if (size <= MAX_KEPT_BYTES) chunks.push(buf);
  };
  const raw = res as unknown as { write: (...args: unknown[]) => boolean; end: (...args: unknown[]) => unknown };
  const write = raw.write.bind(res);
  const end = raw.end.bind(res);
  raw.write = (...args: unknown[]) => {
    add(args[0], args[1]);
    return write(...args);
  };
  raw.end = (...args: unknown[]) => {
    add(args[0], args[1]);
    const headers: Record<string, string> = {};
    for (const name of keptHeaders) {
      const v = res.getHeader(name);
      if (v !== undefined) headers[name] = String(v);
    }
    const answer = size <= MAX_KEPT_BYTES ? { headers, body: Buffer.concat(chunks).toString('base64') } : undefined;
    keep(res.statusCode, answer).then(
      () => end(...args),
      () => end(...args),
    );
    return res;
  };
}

const keyProblem = (status: number, id: string, title: string, detail: string) =>
  new HttpError(status, id, title, detail, [{ path: 'Idempotency-Key', message: detail }]);

/**
 * Sign-in and sign-out start or end a session and store no entry: a replay could not set or clear
 * the cookie, so the client would hold a CSRF token for a session it does not have. A repeat of
 * them simply runs again.
 */
const sessionRoutes = new Set(['/auth/login', '/auth/logout']);

/**
 * Answers that carry a secret shown only once (a new API token) are never kept: the repeat creates
 * nothing and is told, as a 409 naming the first answer's id, that the secret cannot be shown again.
 */
const secretRoutes = new Set(['/tokens']);

function withoutSecret(status: number, answer: KeptAnswer): { status: number; answer: KeptAnswer } {
  if (status >= 300) return { status, answer };
  let id: unknown = null;
  try {
    id = (JSON.parse(Buffer.from(answer.body, 'base64').toString('utf8')) as { id?: unknown }).id ?? null;
  } catch {
    // Not JSON: the problem below still says what happened, without an id.
  }
  const detail = 'The first request with this Idempotency-Key already made this token; its secret was shown only then and is not kept. Revoke it and make another if it was lost.';
  const problem = { type: '/problems/idempotency-secret-not-kept', title: 'Already made', status: 409, detail, ...(typeof id === 'string' ? { id } : {}), errors: [{ path: 'Idempotency-Key', message: detail }] };
  return { status: 409, answer: { headers: { 'content-type': 'application/problem+json; charset=utf-8' }, body: Buffer.from(JSON.stringify(problem)).toString('base64') } };
}

export const bodyHash = (body: unknown) => crypto.createHash('sha256').update(JSON.stringify(body ?? null)).digest('base64url');

/** The API's POSTs with an Idempotency-Key header (mounted after authentication). */
export function idempotentApi(ctx: AppContext, options: WaitOptions = {}): RequestHandler {
  return (req, res, next) => {
    const key = req.headers['idempotency-key'];
    // Read now: the routers below rewrite req.path by the time the answer ends.
    const path = req.path;
    if (req.method !== 'POST' || key === undefined || sessionRoutes.has(path)) return next();
    if (Array.isArray(key) || key.trim() === '' || key.length > 255) {
      return next(keyProblem(400, 'invalid-idempotency-key', 'Invalid Idempotency-Key', 'Idempotency-Key must be one value of 1 to 255 characters.'));
    }
    const hash = bodyHash(req.body);
    const userId = req.user?.id ?? null;
    const claim: KeyClaim = { scope: userId ? `user:${userId}` : `anon:${hash}`, key, userId, route: `POST ${req.baseUrl}${req.path}`, bodyHash: hash };
    const log = req.log ?? ctx.logger;
    claimKey(ctx, claim, options, (row) => row.route !== claim.route || row.bodyHash !== claim.bodyHash)
      .then((c) => {
        if (c.kind === 'mismatch') return next(keyProblem(422, 'idempotency-key-reused', 'Idempotency-Key reused', 'This Idempotency-Key was used with another body or route; use a new key for a new request.'));
        if (c.kind === 'busy') return next(keyProblem(409, 'idempotency-key-in-use', 'Request in progress', 'A request with this Idempotency-Key is still running; try again in a moment.'));
        if (c.kind === 'answered') {
          const kept = c.row.response as KeptAnswer;
          res.status(c.row.status).set(kept.headers).set('Idempotent-Replayed', 'true').end(Buffer.from(kept.body, 'base64'));
          return;
        }
        beforeEnd(res, async (status, answer) => {
          try {
            if (status >= 500 || status === 429 || !answer) await releaseKey(ctx.database.db, claim.scope, key);
            else if (secretRoutes.has(path)) {
              const kept = withoutSecret(status, answer);
              await answerKey(ctx.database.db, claim.scope, key, kept.status, kept.answer);
            } else await answerKey(ctx.database.db, claim.scope, key, status, answer);
          } catch (err) {
            // The answer still goes out; the reservation turns stale and is taken over later.
            log.error({ err }, 'could not keep the answer of an idempotent request');
          }
        });
        next();
      })
      .catch(next);
  };
}
