/** The OpenAPI 3.1 document, built from the same zod schemas that validate requests. */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { collections } from './routes/lists/router';
import { directions, organizationKinds, partnershipTypes, services } from './reference/vocabularies';
import { userCreate, userPatch } from './schemas/admin';
import { detailsBody, loginBody, resetConfirmBody, resetRequestBody, sessionUser, signupBody, tokenBody } from './schemas/auth';
import { changesQuery, exportQuery } from './schemas/federation';
import { previewResult, runJson, runStarted, sourceBody, sourcePatch, withdrawalsBody } from './schemas/sources';
import { duplicateDecision } from './schemas/duplicates';
import { statsBody, statsCsvQuery } from './schemas/stats';
import { assessmentBody, questionsQuery } from './schemas/readiness';
import { introductionBody, introductionResponse, listQuery as introductionListQuery, outcomeBody, statusBody } from './schemas/introductions';
import { recommendationBody, recommendationResult } from './schemas/recommendations';
import { savedSearchBody, savedSearchJson } from './schemas/saved-searches';
import { caseBody, casePatch, claimBody, moderationBody, organizationBody, organizationPatch, programmeBody, programmePatch } from './schemas/entries';

const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

const facetValue = z.object({ value: z.union([z.string(), z.boolean()]), count: z.number().int() });
const provenance = z.object({ source: z.uuid(), externalId: z.string(), firstSeen: z.iso.datetime(), lastSeen: z.iso.datetime(), withdrawnAt: z.iso.datetime().nullable() });
const list = z.array(z.string());

const organization = z
  .object({
    id: z.uuid(),
    name: z.string(),
    acronym: z.string().nullable(),
    kind: z.enum(organizationKinds),
    country: z.string().length(2),
    website: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.record(z.string(), z.string()).nullable(),
    description: z.string().nullable(),
    services: list,
    sectors: list,
    languages: list,
    networks: list,
    identifiers: z.array(z.object({ scheme: z.string(), value: z.string() })).meta({ description: 'website, a network\'s id (scheme = the network), registry (value <alpha-2>:<number>)' }),
    demo: z.boolean(),
    provenance: z.array(provenance),
    withdrawnAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Organization' });

const programme = z
  .object({
    id: z.uuid(),
    name: z.string(),
    operators: z.array(z.uuid()),
    originCountries: list,
    targetCountries: list,
    funderCountries: list,
    direction: z.enum(directions).nullable(),
    partnershipTypes: list,
    services: list,
    sectors: list,
    firmSizes: list,
    status: z.string(),
    description: z.string().nullable(),
    website: z.string().nullable(),
    demo: z.boolean(),
    provenance: z.array(provenance),
    withdrawnAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Programme' });

const bestPracticeCase = z
  .object({
    id: z.uuid(),
    title: z.string(),
    summary: z.string().nullable(),
    partners: z.array(z.object({ name: z.string(), country: z.string().optional() })),
    countries: list,
    partnershipType: z.string().nullable(),
    sectors: list,
    programme: z.uuid().nullable(),
    organizations: z.array(z.uuid()),
    year: z.number().int().nullable(),
    outcome: z.string().nullable(),
    lessons: z.string().nullable(),
    demo: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Case' });

const repeatable = (values?: readonly string[]) => (values ? z.array(z.enum(values as [string, ...string[]])) : z.array(z.string())).optional();

/** The documented form of the list query (the validating schema also coerces and checks reference data). */
const listParams = z.object({
  q: z.string().max(200).optional().meta({ description: 'Full text, accent- and case-insensitive, en/fr/es; the last word matches as a prefix; misspellings are corrected.' }),
  country: repeatable().meta({ description: 'ISO 3166-1 alpha-2 code; repeat for several (any of them).' }),
  region: repeatable().meta({ description: 'UN M49 region, sub-region or intermediate region code, e.g. 002.' }),
  sector: repeatable().meta({ description: 'ISIC Rev.4 section (A-U) or division (01-99).' }),
  service: repeatable(services),
  partnershipType: repeatable(partnershipTypes),
  kind: repeatable(organizationKinds),
  network: repeatable().meta({ description: 'Network label, e.g. empretec, waipa.' }),
  direction: repeatable(directions),
  ldc: z.enum(['true', 'false']).optional(),
  limit: z.number().int().min(1).max(100).default(20).optional(),
  cursor: z.string().optional().meta({ description: 'The nextCursor of the previous page; opaque and signed.' }),
});

const heldEntry = z.object({ id: z.uuid(), name: z.string(), state: z.enum(['draft', 'published']) });
const pendingRegistration = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  country: z.string(),
  website: z.string().nullable(),
  description: z.string().nullable(),
  createdAt: z.iso.datetime(),
  registeredBy: z.string().nullable(),
  programmes: z.array(heldEntry),
  cases: z.array(heldEntry),
});
const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: problem } } });

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const refusals = {
  400: problemResponse('A field is not valid; `errors` names each one by its dot path'),
  401: problemResponse('Not signed in, or the token is unknown or revoked'),
  403: problemResponse('Not allowed, or the X-CSRF-Token header is missing on a cookie-authenticated write'),
};
const sessionBody = z.object({ user: sessionUser.nullable(), csrfToken: z.string().nullable() });

/** Accounts, tokens, writes, moderation and the operators' tools. */
function registerWrites(registry: OpenAPIRegistry, schemas: Record<'organization' | 'programme' | 'case', z.ZodType>) {
  const id = z.object({ id: z.uuid() });
  const route = (method: 'get' | 'post' | 'patch' | 'delete', path: string, summary: string, body: z.ZodType | undefined, ok: Record<number, { description: string; content?: object }>, params = false) =>
    registry.registerPath({ method, path, summary, request: { ...(params ? { params: id } : {}), ...(body ? { body: json(body) } : {}) }, responses: { ...ok, ...refusals } });

  route('post', '/api/v1/auth/signup', 'Create an account (firm or agency editor) and sign in', signupBody, { 201: { description: 'Signed in', ...json(sessionBody) }, 409: problemResponse('The e-mail address has an account') });
  route('post', '/api/v1/auth/login', 'Sign in; no CSRF token needed', loginBody, { 200: { description: 'Signed in; a session cookie is set', ...json(sessionBody) }, 429: problemResponse('Too many failed sign-ins; see Retry-After') });
  route('get', '/api/v1/auth/session', 'The session and its CSRF token', undefined, { 200: { description: 'Session', ...json(sessionBody) } });
  route('get', '/api/v1/auth/me', 'The signed-in user (cookie or token)', undefined, { 200: { description: 'User', ...json(sessionUser) } });
  route('patch', '/api/v1/auth/me', "Change the signed-in user's name and mail language, and a firm's company and country", detailsBody, { 200: { description: 'User', ...json(sessionUser) } });
  route('post', '/api/v1/auth/logout', 'End the session', undefined, { 204: { description: 'Signed out' } });
  route('post', '/api/v1/auth/password-reset', 'Mail a one-time reset link', resetRequestBody, {
    202: { description: 'Sent if the account exists' },
    409: problemResponse('The site sends no mail (no MAIL_URL): no link is made; an operator sets the password (`npm run cli -- users set-password`)'),
  });
  route('post', '/api/v1/auth/password-reset/confirm', 'Set a new password with the mailed token', resetConfirmBody, { 204: { description: 'Password changed; every session, API token and other reset link of the account ended' } });
  route('post', '/api/v1/tokens', 'Create an API token (shown once)', tokenBody, { 201: { description: 'Token', ...json(z.object({ id: z.uuid(), name: z.string().nullable(), token: z.string() })) } });
  route('get', '/api/v1/tokens', 'Your API tokens (never their values)', undefined, { 200: { description: 'Tokens' } });
  route('delete', '/api/v1/tokens/{id}', 'Revoke an API token', undefined, { 204: { description: 'Revoked' } }, true);

  const kinds = [
    ['organizations', 'organization', organizationBody, organizationPatch],
    ['programmes', 'programme', programmeBody, programmePatch],
    ['cases', 'case', caseBody, casePatch],
  ] as const;
  for (const [path, kind, body, patch] of kinds) {
    route('post', `/api/v1/${path}`, `Add a ${kind}`, body, { 201: { description: 'Created', ...json(schemas[kind]) } });
    route('patch', `/api/v1/${path}/{id}`, `Change a ${kind}; changed fields become local`, patch, { 200: { description: 'Changed', ...json(schemas[kind]) } }, true);
    route('delete', `/api/v1/${path}/{id}`, `Delete a ${kind}`, undefined, { 204: { description: 'Deleted' } }, true);
  }
  route('post', '/api/v1/organizations/{id}/confirm', 'Confirm the entry is current', undefined, { 200: { description: 'Confirmed' } }, true);
  registry.registerPath({
    method: 'post',
    path: '/api/v1/programmes/{id}/operators/{organizationId}/accept',
    summary:
      "Accept an invitation to co-operate a programme (the invited organization's editor, or an operator). Another agency's organization named as an operator is only invited: not listed, no rights over the programme, until this call; accepting twice is no error",
    request: { params: z.object({ id: z.uuid(), organizationId: z.uuid() }) },
    responses: {
      200: { description: 'Accepted: the organization is listed among the operators', ...json(schemas.programme) },
      ...refusals,
      403: problemResponse("Not the invited organization's editor nor an operator"),
      404: problemResponse('No such programme, or no invitation of this organization to it'),
      410: problemResponse('The programme was deleted'),
    },
  });
  route('post', '/api/v1/programmes/{id}/confirm', 'Confirm the programme is current', undefined, { 200: { description: 'Confirmed' } }, true);
  route('post', '/api/v1/organizations/{id}/approve', 'Approve a pending registration (operator)', undefined, { 200: { description: 'Published' } }, true);
  route('post', '/api/v1/organizations/{id}/reject', 'Reject a pending registration with a reason (operator)', moderationBody, { 200: { description: 'Rejected' } }, true);
  route('post', '/api/v1/organizations/{id}/claims', 'Claim an entry brought by a feed (agency editor)', claimBody, { 201: { description: 'Claim pending' } }, true);
  route('get', '/api/v1/claims', 'Claims (operator)', undefined, { 200: { description: 'Claims' } });
  route('post', '/api/v1/claims/{id}/verify', 'Verify a claim (operator)', undefined, { 204: { description: 'Verified' } }, true);
  route('post', '/api/v1/claims/{id}/reject', 'Reject a claim (operator)', moderationBody, { 204: { description: 'Rejected' } }, true);
  registry.registerPath({
    method: 'get',
    path: '/api/v1/changes',
    summary: 'Every entry in change order, with tombstones; follow nextCursor with since',
    request: { query: changesQuery },
    responses: {
      200: {
        description: 'A page of changes',
        ...json(z.object({ items: z.array(z.object({ type: z.enum(['organization', 'programme', 'case']), id: z.uuid(), deleted: z.boolean(), data: z.record(z.string(), z.unknown()).optional() })), nextCursor: z.string().nullable(), hasMore: z.boolean() })),
      },
      400: problemResponse('The cursor was changed'),
    },
  });
  registry.registerPath({ method: 'get', path: '/feed.atom', summary: 'Atom feed of the 50 most recently changed entries', responses: { 200: { description: 'Atom XML' } } });
  registry.registerPath({ method: 'get', path: '/api/v1/export.csv', summary: 'All published organizations or programmes as CSV', request: { query: exportQuery }, responses: { 200: { description: 'CSV with a header row; lists joined by ;' }, 400: problemResponse('Unknown type') } });
  registry.registerPath({ method: 'get', path: '/api/v1/stats', summary: 'Progress statistics: public programmes by direction and M49 region (a programme counts in a region when one of its target countries is in it), organizations by country, region and LDC status (exact counts); introductions (cells under 5 are null); each source\'s sync health', responses: { 200: { description: 'Statistics', ...json(statsBody) } } });
  registry.registerPath({ method: 'get', path: '/api/v1/stats.csv', summary: 'One table of the progress statistics as CSV', request: { query: statsCsvQuery }, responses: { 200: { description: 'CSV with a header row' }, 400: problemResponse('Unknown table') } });
  route('post', '/api/v1/sources', 'Link a feed (operator)', sourceBody, { 201: { description: 'Source' } });
  route('post', '/api/v1/sources/preview', 'Preview a feed\'s first records as mapped, with their errors, without saving anything (operator)', sourceBody, { 200: { description: 'Preview', ...json(previewResult) } });
  route('get', '/api/v1/sources', 'Linked feeds (operator)', undefined, { 200: { description: 'Sources' } });
  route('get', '/api/v1/sources/{id}', 'One linked feed (operator)', undefined, { 200: { description: 'Source' } }, true);
  route('patch', '/api/v1/sources/{id}', 'Change a feed, its mapping or schedule (operator)', sourcePatch, { 200: { description: 'Source' } }, true);
  route('delete', '/api/v1/sources/{id}', 'Clear and remove a feed (operator)', undefined, { 204: { description: 'Removed' } }, true);
  route('post', '/api/v1/sources/{id}/runs', 'Sync a feed now (operator); recorded skipped when another run of the feed is in progress', undefined, { 202: { description: 'Run started, or skipped', ...json(runStarted) } }, true);
  route('get', '/api/v1/sources/{id}/runs', 'Run history (operator)', undefined, { 200: { description: 'Runs, newest first', ...json(z.object({ items: z.array(runJson) })) } }, true);
  registry.registerPath({
    method: 'get',
    path: '/api/v1/sources/{id}/runs/{runId}',
    summary: 'One run, with its counts so far while it is running (operator)',
    request: { params: z.object({ id: z.uuid(), runId: z.uuid() }) },
    responses: { 200: { description: 'Run', ...json(runJson) }, 404: problemResponse('No such run of this source'), ...refusals },
  });
  route('post', '/api/v1/sources/{id}/clear', 'Forget every record of a feed; entries only it kept are withdrawn (operator)', undefined, { 200: { description: 'Cleared', ...json(z.object({ forgotten: z.number().int() })) } }, true);
  registry.registerPath({
    method: 'post',
    path: '/api/v1/sources/{id}/runs/{runId}/withdrawals',
    summary: 'Confirm or dismiss the withdrawals a safety stop held back (operator)',
    request: { params: z.object({ id: z.uuid(), runId: z.uuid() }), body: json(withdrawalsBody) },
    responses: { 200: { description: 'Decided', ...json(z.object({ withdrawn: z.number().int() })) }, 409: problemResponse('Nothing held, already decided, or a later run exists'), ...refusals },
  });
  route('get', '/api/v1/duplicates', 'The duplicates review queue: doubtful matches across sources (operator); ?status=open|merged|kept-apart', undefined, { 200: { description: 'Pairs' } });
  route('post', '/api/v1/duplicates/{id}/decision', 'Merge a doubtful pair or keep it apart, for every later sync (operator)', duplicateDecision, { 200: { description: 'Decided' }, 409: problemResponse('Already decided') }, true);
  registry.registerPath({ method: 'get', path: '/api/v1/readiness/questions', summary: 'The partnership readiness check: eight criteria, three questions each, answered 0-4', request: { query: questionsQuery }, responses: { 200: { description: 'Criteria with their questions and services, and the answer scale' }, 400: problemResponse('Unknown language') } });
  route('post', '/api/v1/readiness/assessments', 'Take the readiness check: scores per criterion and overall (0-100), gaps (under 60) with the services and up to 3 programmes or organizations that close each; saved when signed in (201), computed only when not (200)', assessmentBody, { 200: { description: 'Computed, not saved' }, 201: { description: 'Saved for the signed-in user' } });
  route('get', '/api/v1/readiness/assessments', 'Your saved readiness checks, newest first, with the last two compared per criterion', undefined, { 200: { description: 'History' } });
  route('get', '/api/v1/readiness/assessments/{id}', 'One of your readiness checks (operators see any); someone else\'s is 404', undefined, { 200: { description: 'Assessment' }, 404: problemResponse('Unknown, or not yours') }, true);
  route('post', '/api/v1/introductions', 'Ask an organization or a programme (its operators) for an introduction (signed in)', introductionBody, { 201: { description: 'Sent', ...json(introductionResponse) }, 404: problemResponse('Unknown organization or programme'), 409: problemResponse('Withdrawn or pending entry, or the same request within 24 hours'), 410: problemResponse('Deleted entry') });
  registry.registerPath({ method: 'get', path: '/api/v1/introductions', summary: 'Introduction requests: a firm its own, an agency editor its inbox, staff all (flagged first)', request: { query: introductionListQuery }, responses: { 200: { description: 'Requests', ...json(z.object({ items: z.array(introductionResponse), total: z.number().int() })) }, ...refusals } });
  route('get', '/api/v1/introductions/{id}', 'One introduction request with its history and outcomes (its firm, its agency, staff); anyone else 404', undefined, { 200: { description: 'Request', ...json(introductionResponse) }, 404: problemResponse('Unknown, or not yours') }, true);
  route('post', '/api/v1/introductions/{id}/status', 'Move a request to its next status, one step at a time, or to closed-no-deal (its agency or staff); the firm is mailed', statusBody, { 200: { description: 'Moved', ...json(introductionResponse) }, 409: problemResponse('A skipped step, backwards, the same status, or out of a closed status (errors name status)') }, true);
  route('post', '/api/v1/introductions/{id}/outcome', 'Say how a closed request went, once per side (firm, agency)', outcomeBody, { 201: { description: 'Recorded', ...json(introductionResponse) }, 409: problemResponse('Not closed yet, or this side already answered') }, true);
  route('post', '/api/v1/saved-searches', 'Save a search (signed in, at most 20): mailed weekly or monthly, in its language, when new organizations or programmes match it', savedSearchBody, { 201: { description: 'Saved', ...json(savedSearchJson) }, 409: problemResponse('Already 20 saved searches') });
  route('get', '/api/v1/saved-searches', 'Your saved searches, oldest first', undefined, { 200: { description: 'Saved searches', ...json(z.object({ items: z.array(savedSearchJson) })) } });
  route('delete', '/api/v1/saved-searches/{id}', 'Delete one of your saved searches; someone else\'s is 404', undefined, { 204: { description: 'Deleted' }, 404: problemResponse('Unknown, or not yours') }, true);
  route('get', '/api/v1/admin/users', 'Users (operator)', undefined, { 200: { description: 'Users' } });
  route('post', '/api/v1/admin/users', 'Create a user (operator; admin for privileged roles)', userCreate, { 201: { description: 'Created' } });
  route('patch', '/api/v1/admin/users/{id}', 'Change roles, organizations or disable (operator; admin for privileged roles)', userPatch, { 200: { description: 'Changed' } }, true);
  route('get', '/api/v1/admin/audit', 'The audit log (operator)', undefined, { 200: { description: 'Entries, newest first' } });
  route('get', '/api/v1/admin/moderation', 'Registrations awaiting approval, oldest first, each with the programmes and cases it runs or is named in (held private until approval) (operator)', undefined, {
    200: { description: 'Pending organizations', ...json(z.object({ items: z.array(pendingRegistration) })) },
  });
  route('get', '/api/v1/admin/outbox', 'The mail outbox (operator)', undefined, { 200: { description: 'Mail, newest first' } });
}

/** Builds the OpenAPI document for the server at `basePath`. */
export function openApiDocument(basePath: string) {
  const registry = new OpenAPIRegistry();
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    summary: 'Whether the service and its database answer',
    responses: {
      200: { description: 'Healthy', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } },
      503: { description: 'The database does not answer' },
    },
  });
  const schemas = { organization, programme, case: bestPracticeCase };
  for (const [path, kind] of Object.entries(collections)) {
    const item = schemas[kind];
    registry.registerPath({
      method: 'get',
      path: `/api/v1/${path}`,
      summary: `Search and filter ${path}, with facet counts`,
      request: { query: listParams },
      responses: {
        200: {
          description: `A page of ${path}`,
          content: {
            'application/json': {
              schema: z.object({ items: z.array(item), total: z.number().int(), facets: z.record(z.string(), z.array(facetValue)), nextCursor: z.string().nullable() }),
            },
          },
        },
        400: problemResponse('A query parameter is not valid; `errors` names each one'),
        503: problemResponse('The database does not answer'),
      },
    });
    registry.registerPath({
      method: 'get',
      path: `/api/v1/${path}/{id}`,
      summary: `One ${kind}`,
      request: { params: z.object({ id: z.uuid() }) },
      responses: {
        200: { description: `The ${kind}`, content: { 'application/json': { schema: item } } },
        400: problemResponse('The id is not a UUID'),
        404: problemResponse('No published entry has this id'),
        410: problemResponse('The entry was deleted'),
      },
    });
  }
  registerWrites(registry, schemas);
  registry.registerPath({ method: 'post', path: '/api/v1/recommendations', summary: 'Organizations and programmes ranked by fit for a firm\'s need, each with its reasons (public; see the README for the weights)', request: { body: json(recommendationBody) }, responses: { 200: { description: 'Best first', ...json(recommendationResult) }, 400: problemResponse('A field is not valid; `errors` names each one by its dot path') } });
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Partnering Network API',
      version: '1.0.0',
      description: 'Directory of North-South and South-South inter-firm partnering programmes and the intermediaries that run them.',
    },
    servers: [{ url: basePath || '/' }],
  });
  return withIdempotencyKey(document);
}

type Document = ReturnType<OpenApiGeneratorV31['generateDocument']>;

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
  const posts = Object.values(document.paths ?? {}).flatMap((item) => (item?.post ? [item.post] : []));
  // The problem schema as the other refusals give it.
  const problemContent = posts.map((p) => (p.responses?.['401'] as { content?: unknown } | undefined)?.content).find(Boolean) ?? { 'application/problem+json': { schema: { type: 'object' } } };
  const problem = (description: string) => ({ description, content: problemContent });
  for (const post of posts) {
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
