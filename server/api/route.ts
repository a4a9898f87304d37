/**
 * One definition per route: what the Express router serves (server/api/router.ts) and what the
 * OpenAPI document says (server/api/document.ts) both come from it, so they cannot drift apart.
 * A handler returns its answer as `{ status, body }`, typed by the route's own response schemas.
 */
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { AppContext } from '../context';
import type { Actor } from '../commands/actor';
import type { CurrentUser } from '../auth/roles';

export type Method = 'get' | 'post' | 'patch' | 'delete';

/**
 * Who may call: `public` anyone (a session or token may change the answer), `session` anyone
 * without an API token (sign-in and sign-up open a browser session: with a token they answer
 * 400 session-required before reading the body), `user` a signed-in user, `staff` an operator or admin. Signed in by cookie, a write also needs the X-CSRF-Token
 * header (auth/middleware.ts); by bearer token it does not.
 */
export type Auth = 'public' | 'session' | 'user' | 'staff';
/** The kinds of auth that let anyone in, signed in or not. */
type Open = 'public' | 'session';

/** The tags of the document, one per area, in the order readers meet them. */
export const tags = {
  Directory: 'Organizations, programmes and best-practice cases: search, read and write',
  Moderation: 'Registrations, claims and confirmations',
  Accounts: 'Sign-up, sign-in, sessions, API tokens and password reset',
  Introductions: 'Introduction requests from firms to agencies',
  Matchmaking: 'Recommendations and the partnership readiness check',
  'Saved searches': 'Searches mailed weekly or monthly',
  Federation: 'The changes feed, the Atom feed and CSV exports',
  Statistics: 'Progress statistics',
  Sources: 'Linked feeds and their sync runs (operators)',
  Administration: 'Users, the audit log, the mail outbox, the duplicates queue (operators)',
  Service: "The service's own health",
} as const;
export type Tag = keyof typeof tags;

/** A JSON answer with its schema. */
export interface JsonResponse<S extends z.ZodType = z.ZodType> {
  kind: 'json';
  description: string;
  schema: S;
}
/** An answer without a body (204, or 202 of a run). */
export interface EmptyResponse {
  kind: 'empty';
  description: string;
}
/** A body the handler writes itself (CSV, Atom), documented by its media type. */
export interface MediaResponse {
  kind: 'media';
  description: string;
  mediaType: string;
}
/** A refusal, thrown as an HttpError and answered as problem+json by the error handler. */
export interface ProblemResponse {
  kind: 'problem';
  description: string;
}
export type ResponseSpec = JsonResponse | EmptyResponse | MediaResponse | ProblemResponse;
export type Responses = Record<number, ResponseSpec>;

export const json = <S extends z.ZodType>(description: string, schema: S): JsonResponse<S> => ({ kind: 'json', description, schema });
export const empty = (description: string): EmptyResponse => ({ kind: 'empty', description });
export const media = (description: string, mediaType: string): MediaResponse => ({ kind: 'media', description, mediaType });
export const problem = (description: string): ProblemResponse => ({ kind: 'problem', description });

/** An answer with a body; `status` keeps its literal type, so it is checked against the route's responses. */
export const reply = <S extends number, B>(status: S, body: B, headers?: Record<string, string>) => ({ status, body, ...(headers ? { headers } : {}) });
export const ok = <B>(body: B) => reply(200, body);
export const noContent = () => ({ status: 204 as const });

/** Said by a handler that has written the answer itself (a CSV stream, a feed). */
export const sent = Object.freeze({ sent: true } as const);

/** What a handler may answer: one of the route's non-problem statuses with a body of its schema. */
export type Reply<R extends Responses> =
  | {
      [S in keyof R & number]: R[S] extends JsonResponse<infer Z>
        ? { status: S; body: z.infer<Z>; headers?: Record<string, string> }
        : R[S] extends EmptyResponse
          ? { status: S; headers?: Record<string, string> }
          : never;
    }[keyof R & number]
  | typeof sent;

type Parsed<S> = S extends z.ZodType ? z.infer<S> : undefined;

/** What a handler is given: the validated input, the signed-in user as the route's auth promises it. */
export interface Input<A extends Auth, P, Q, B> {
  ctx: AppContext;
  req: Request;
  res: Response;
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
  user: A extends Open ? CurrentUser | undefined : CurrentUser;
  /** The user as the actor of a write (permissions, audit log); undefined on a public route. */
  actor: A extends Open ? Actor | undefined : Actor;
}

export interface Definition<A extends Auth, P extends z.ZodObject | undefined, Q extends z.ZodObject | undefined, B extends z.ZodType | undefined, R extends Responses> {
  method: Method;
  /** The full path as the document writes it: `/api/v1/organizations/{id}`. */
  path: string;
  auth: A;
  operationId: string;
  summary: string;
  description?: string;
  tags: [Tag, ...Tag[]];
  params?: P;
  query?: Q;
  body?: B;
  /** Every answer, refusals included; the kit adds those that follow from auth and input (400, 401, 403). */
  responses: R;
  handler(input: Input<A, P, Q, B>): Promise<Reply<R>> | Reply<R>;
}

/** A definition with its types erased, as the router and the document read it. */
export interface Route {
  method: Method;
  path: string;
  auth: Auth;
  operationId: string;
  summary: string;
  description?: string;
  tags: [Tag, ...Tag[]];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Responses;
  handler(input: AnyInput): Promise<AnyReply> | AnyReply;
}

export type AnyInput = Input<Auth, z.ZodType, z.ZodType, z.ZodType>;
export type AnyReply = { status: number; body?: unknown; headers?: Record<string, string> } | typeof sent;

/** Checks a definition against its own schemas and erases its types for the route list. */
export function defineRoute<A extends Auth, R extends Responses, P extends z.ZodObject | undefined = undefined, Q extends z.ZodObject | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  definition: Definition<A, P, Q, B, R>,
): Route {
  return definition as unknown as Route;
}
