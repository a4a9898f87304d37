/**
 * The OpenAPI 3.1 document of a list of route definitions. What follows from a route's auth and
 * input (its security, the 400, 401 and 403 refusals, the Idempotency-Key of a POST) is written
 * here once, not in each definition.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/middleware';
import { tags, type Auth, type Method, type ProblemResponse, type ResponseSpec, type Route } from './route';

export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'Ends with a stable id of the problem, such as validation-error' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional().meta({ description: 'Each field that is not valid, by its name or dot path' }),
  })
  .meta({ id: 'Problem' });

export type Document = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const securitySchemes = {
  sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session cookie set by POST /api/v1/auth/login or /signup.' },
  csrfHeader: {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description: 'The csrfToken of GET /api/v1/auth/session: a write signed in by the session cookie sends it, or gets 403.',
  },
  bearerToken: { type: 'http', scheme: 'bearer', description: 'An API token made by POST /api/v1/tokens. Requests with it need no CSRF token.' },
} as const;

const isWrite = (method: Method) => method !== 'get';

/** Who may call, as OpenAPI says it; `{}` is "no credentials needed". */
function securityOf(auth: Auth, method: Method): Record<string, string[]>[] {
  const cookie: Record<string, string[]> = isWrite(method) ? { sessionCookie: [], csrfHeader: [] } : { sessionCookie: [] };
  const signedIn = [cookie, { bearerToken: [] }];
  if (auth === 'session') return [{}];
  return auth === 'public' ? [{}, ...signedIn] : signedIn;
}

/** The refusals every route of this auth and input may answer, unless it says them itself. */
function implicitRefusals(route: Route): Record<number, ProblemResponse> {
  const refusals: Record<number, ProblemResponse> = {};
  const input = route.params || route.query || route.body;
  if (route.auth === 'session') refusals[400] = { kind: 'problem', description: 'Sent with an API token (session-required), or a parameter or field is not valid; `errors` names each one' };
  else if (input) refusals[400] = { kind: 'problem', description: 'A parameter or field is not valid; `errors` names each one' };
  if (route.auth === 'user' || route.auth === 'staff') refusals[401] = { kind: 'problem', description: 'Not signed in, or the token is unknown or revoked' };
  const forbidden = [route.auth === 'staff' ? 'Not an operator or admin' : '', isWrite(route.method) ? 'the X-CSRF-Token header is missing on a write signed in by cookie' : ''].filter(Boolean).join(', or ');
  if (forbidden) refusals[403] = { kind: 'problem', description: forbidden.charAt(0).toUpperCase() + forbidden.slice(1) };
  return refusals;
}

function responseOf(spec: ResponseSpec): ResponseConfig {
  switch (spec.kind) {
    case 'json':
      return { description: spec.description, content: { 'application/json': { schema: spec.schema } } };
    case 'empty':
      return { description: spec.description };
    case 'media':
      return { description: spec.description, content: { [spec.mediaType]: { schema: z.string() } } };
    case 'problem':
      return { description: spec.description, content: { 'application/problem+json': { schema: problemSchema } } };
  }
}

function pathOf(route: Route): RouteConfig {
  const responses = { ...implicitRefusals(route), ...route.responses };
  return {
    method: route.method,
    path: route.path,
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: route.tags,
    security: securityOf(route.auth, route.method),
    request: {
      ...(route.params ? { params: route.params } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(route.body ? { body: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
    },
    responses: Object.fromEntries(Object.entries(responses).map(([status, spec]) => [status, responseOf(spec)])),
  };
}

/** The document of `routes` for a server whose paths start at `basePath`. */
export function documentOf(routes: readonly Route[], basePath: string): Document {
  const registry = new OpenAPIRegistry();
  for (const [name, scheme] of Object.entries(securitySchemes)) registry.registerComponent('securitySchemes', name, scheme);
  for (const route of routes) registry.registerPath(pathOf(route));
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Partnering Network API',
      version: '1.0.0',
      description: 'Directory of North-South and South-South inter-firm partnering programmes and the intermediaries that run them.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: basePath || '/' }],
    tags: Object.entries(tags).map(([name, description]) => ({ name, description })),
  });
  return withIdempotencyKey(document);
}

/** Every POST takes an Idempotency-Key (server/idempotency.ts): said once as a parameter, referred to by each. */
function withIdempotencyKey(document: Document): Document {
  const components = (document.components ??= {});
  (components.parameters ??= {}).IdempotencyKey = {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Any string of 1 to 255 characters, new for each request you mean. A repeat by the same user with the same key within 24 hours creates nothing and answers what the first answered (same status and body) with `Idempotent-Replayed: true`; sent at once, the repeat waits for the first. Before sign-in the key is scoped to the body. Answers of 5xx and 429 are not kept, so a retry runs again.',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  };
  const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
  for (const item of Object.values(document.paths ?? {})) {
    const post = item?.post;
    if (!post) continue;
    post.parameters = [...(post.parameters ?? []), { $ref: '#/components/parameters/IdempotencyKey' }];
    post.responses = {
      ...post.responses,
      '400': post.responses?.['400'] ?? problem('A field is not valid, or Idempotency-Key is empty or longer than 255 characters'),
      '409': post.responses?.['409'] ?? problem('A request with this Idempotency-Key is still running'),
      '422': problem('This Idempotency-Key was used with another body or route'),
    };
  }
  return document;
}
