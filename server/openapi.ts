/** The OpenAPI 3.1 document, built from the same zod schemas that validate requests. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { documentOf, problemSchema, type Document } from './api/document';
import type { Route } from './api/route';
import { z } from 'zod';
import { detailsBody, loginBody, resetConfirmBody, resetRequestBody, sessionUser, signupBody, tokenBody } from './schemas/auth';
import { changesQuery, exportQuery } from './schemas/federation';
import { previewResult, runJson, runStarted, sourceBody, sourcePatch, withdrawalsBody } from './schemas/sources';
import { duplicateDecision } from './schemas/duplicates';
import { statsBody, statsCsvQuery } from './schemas/stats';
import { introductionBody, introductionResponse, listQuery as introductionListQuery, outcomeBody, statusBody } from './schemas/introductions';

const problem = problemSchema;

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: problem } } });

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const refusals = {
  400: problemResponse('A field is not valid; `errors` names each one by its dot path'),
  401: problemResponse('Not signed in, or the token is unknown or revoked'),
  403: problemResponse('Not allowed, or the X-CSRF-Token header is missing on a cookie-authenticated write'),
};
const sessionBody = z.object({ user: sessionUser.nullable(), csrfToken: z.string().nullable() });

/** Accounts, tokens, writes, moderation and the operators' tools. */
function registerWrites(registry: OpenAPIRegistry) {
  const id = z.object({ id: z.uuid() });
  const route = (method: 'get' | 'post' | 'patch' | 'delete', path: string, summary: string, body: z.ZodType | undefined, ok: Record<number, { description: string; content?: object }>, params = false) =>
    registry.registerPath({ method, path, summary, request: { ...(params ? { params: id } : {}), ...(body ? { body: json(body) } : {}) }, responses: { ...ok, ...refusals } });

  route('post', '/api/v1/introductions', 'Ask an organization or a programme (its operators) for an introduction (signed in)', introductionBody, { 201: { description: 'Sent', ...json(introductionResponse) }, 404: problemResponse('Unknown organization or programme'), 409: problemResponse('Withdrawn or pending entry, or the same request within 24 hours'), 410: problemResponse('Deleted entry') });
  registry.registerPath({ method: 'get', path: '/api/v1/introductions', summary: 'Introduction requests: a firm its own, an agency editor its inbox, staff all (flagged first)', request: { query: introductionListQuery }, responses: { 200: { description: 'Requests', ...json(z.object({ items: z.array(introductionResponse), total: z.number().int() })) }, ...refusals } });
  route('get', '/api/v1/introductions/{id}', 'One introduction request with its history and outcomes (its firm, its agency, staff); anyone else 404', undefined, { 200: { description: 'Request', ...json(introductionResponse) }, 404: problemResponse('Unknown, or not yours') }, true);
  route('post', '/api/v1/introductions/{id}/status', 'Move a request to its next status, one step at a time, or to closed-no-deal (its agency or staff); the firm is mailed', statusBody, { 200: { description: 'Moved', ...json(introductionResponse) }, 409: problemResponse('A skipped step, backwards, the same status, or out of a closed status (errors name status)') }, true);
  route('post', '/api/v1/introductions/{id}/outcome', 'Say how a closed request went, once per side (firm, agency)', outcomeBody, { 201: { description: 'Recorded', ...json(introductionResponse) }, 409: problemResponse('Not closed yet, or this side already answered') }, true);
}

/** Routes still registered by hand until each becomes a route definition. */
function registerUnconverted(registry: OpenAPIRegistry) {
  registerWrites(registry);
}

/** Builds the OpenAPI document for the server at `basePath`. */
export function openApiDocument(basePath: string, routes: readonly Route[]): Document {
  return documentOf(routes, basePath, registerUnconverted);
}
