/** Writes to organizations, programmes and cases, moderation, confirmation and claims. */
import { z } from 'zod';
import { defineRoute, empty, json, noContent, ok, problem, reply, type ProblemResponse, type Route } from '../api/route';
import { idParams, uuidParam } from '../api/params';
import type { AppContext } from '../context';
import { acceptOperator } from '../commands/accept-operator';
import type { Actor } from '../commands/actor';
import { createCase, deleteCase, editCase } from '../commands/cases';
import { claimOrganization, decideOnClaim } from '../commands/claims';
import { confirmOrganization, deleteOrganization, editOrganization, moderateOrganization, registerOrganization } from '../commands/organizations';
import { confirmProgramme, createProgramme, deleteProgramme, editProgramme } from '../commands/programmes';
import type { EntityType } from '../db/entries';
import { claimStatuses } from '../db/enums';
import { listClaims, type ClaimRow } from '../db/writes';
import { presentEntries, type EntryJson } from '../directory/read';
import { badRequest, notFound } from '../errors';
import { caseSchema } from '../presenters/case';
import { organizationSchema } from '../presenters/organization';
import { programmeSchema } from '../presenters/programme';
import { caseBody, casePatch, claimBody, moderationBody, organizationBody, organizationPatch, programmeBody, programmePatch } from '../schemas/entries';

const claimSchema = z
  .object({
    id: z.uuid(),
    organization: z.uuid(),
    user: z.uuid(),
    message: z.string().nullable(),
    status: z.enum(claimStatuses),
    reason: z.string().nullable(),
    createdAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Claim' });
type ClaimJson = z.infer<typeof claimSchema>;

const presentClaim = (c: ClaimRow): ClaimJson => ({
  id: c.id,
  organization: c.organizationId,
  user: c.userId,
  message: c.message,
  status: c.status,
  reason: c.reason,
  createdAt: c.createdAt.toISOString(),
  decidedAt: c.decidedAt?.toISOString() ?? null,
});

// Anything else than a claim's status is no error: it lists none, as it always did.
const claimsQuery = z.object({ status: z.string().optional().meta({ description: `One of ${claimStatuses.join(', ')}; any other value lists no claim` }) });

/** The entry as its JSON after a write; a write that succeeded leaves it there. */
async function one<K extends EntityType>(ctx: AppContext, kind: K, id: string): Promise<EntryJson<K>> {
  const [entry] = await presentEntries(ctx, kind, [id]);
  if (!entry) throw notFound(kind);
  return entry;
}

/** A PATCH must change something. */
function nonEmpty<T extends object>(body: T): T {
  if (Object.keys(body).length === 0) throw badRequest([{ path: '(root)', message: 'give at least one field to change' }]);
  return body;
}

const capitalized = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
const missing = (kind: EntityType) => ({ 404: problem(`No ${kind} has this id`), 410: problem(`The ${kind} was deleted`) });
const notYours = (kind: EntityType): ProblemResponse => problem(`Not allowed to change this ${kind}, or the X-CSRF-Token header is missing on a write signed in by cookie`);

interface Writes<I> {
  create(ctx: AppContext, actor: Actor, input: I): Promise<string>;
  edit(ctx: AppContext, actor: Actor, id: string, input: Partial<I>): Promise<void>;
  remove(ctx: AppContext, actor: Actor, id: string): Promise<void>;
}

/** POST, PATCH and DELETE of one kind of entry, each answered with the entry's JSON. */
function crud<K extends EntityType, I extends object>(
  path: string,
  kind: K,
  schemas: { item: z.ZodType<EntryJson<K>>; body: z.ZodType<I>; patch: z.ZodType<Partial<I>> },
  write: Writes<I>,
): Route[] {
  return [
    defineRoute({
      method: 'post',
      path: `/api/v1/${path}`,
      auth: 'user',
      operationId: `create${capitalized(kind)}`,
      summary: `Add a ${kind}`,
      tags: ['Directory'],
      body: schemas.body,
      responses: { 201: json('Created', schemas.item), 403: notYours(kind) },
      handler: async ({ ctx, actor, body }) => reply(201, await one(ctx, kind, await write.create(ctx, actor, body))),
    }),
    defineRoute({
      method: 'patch',
      path: `/api/v1/${path}/{id}`,
      auth: 'user',
      operationId: `update${capitalized(kind)}`,
      summary: `Change a ${kind}; changed fields become local`,
      description: 'A field changed here is no longer overwritten by the feed that brought the entry.',
      tags: ['Directory'],
      params: idParams,
      body: schemas.patch,
      responses: { 200: json('Changed', schemas.item), 403: notYours(kind), ...missing(kind) },
      handler: async ({ ctx, actor, params: { id }, body }) => {
        await write.edit(ctx, actor, id, nonEmpty(body));
        return ok(await one(ctx, kind, id));
      },
    }),
    defineRoute({
      method: 'delete',
      path: `/api/v1/${path}/{id}`,
      auth: 'user',
      operationId: `delete${capitalized(kind)}`,
      summary: `Delete a ${kind}`,
      tags: ['Directory'],
      params: idParams,
      responses: { 204: empty('Deleted'), 403: notYours(kind), ...missing(kind) },
      handler: async ({ ctx, actor, params }) => {
        await write.remove(ctx, actor, params.id);
        return noContent();
      },
    }),
  ];
}

export const entryRoutes: Route[] = [
  ...crud('organizations', 'organization', { item: organizationSchema, body: organizationBody, patch: organizationPatch }, { create: registerOrganization, edit: editOrganization, remove: deleteOrganization }),
  ...crud('programmes', 'programme', { item: programmeSchema, body: programmeBody, patch: programmePatch }, { create: createProgramme, edit: editProgramme, remove: deleteProgramme }),
  ...crud('cases', 'case', { item: caseSchema, body: caseBody, patch: casePatch }, { create: createCase, edit: editCase, remove: deleteCase }),
  defineRoute({
    method: 'post',
    path: '/api/v1/programmes/{id}/operators/{organizationId}/accept',
    auth: 'user',
    operationId: 'acceptProgrammeOperator',
    summary: 'Accept an invitation to co-operate a programme',
    description:
      "By the invited organization's editor, or an operator. Another agency's organization named as an operator is only invited: not listed, no rights over the programme, until this call; accepting twice is no error.",
    tags: ['Directory'],
    params: z.object({ id: uuidParam, organizationId: uuidParam }),
    responses: {
      200: json('Accepted: the organization is listed among the operators', programmeSchema),
      403: problem("Not the invited organization's editor nor an operator, or the X-CSRF-Token header is missing on a write signed in by cookie"),
      404: problem('No such programme, or no invitation of this organization to it'),
      410: problem('The programme was deleted'),
    },
    handler: async ({ ctx, actor, params }) => {
      await acceptOperator(ctx, actor, params.id, params.organizationId);
      return ok(await one(ctx, 'programme', params.id));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/organizations/{id}/confirm',
    auth: 'user',
    operationId: 'confirmOrganization',
    summary: 'Confirm the organization is current',
    tags: ['Moderation'],
    params: idParams,
    responses: { 200: json('Confirmed', organizationSchema), 403: notYours('organization'), ...missing('organization') },
    handler: async ({ ctx, actor, params }) => {
      await confirmOrganization(ctx, actor, params.id);
      return ok(await one(ctx, 'organization', params.id));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/organizations/{id}/approve',
    auth: 'staff',
    operationId: 'approveOrganization',
    summary: 'Approve a pending registration (operator)',
    tags: ['Moderation'],
    params: idParams,
    responses: { 200: json('Published', organizationSchema), ...missing('organization'), 409: problem('The organization is not pending approval') },
    handler: async ({ ctx, actor, params }) => {
      await moderateOrganization(ctx, actor, params.id, { decision: 'approve' });
      return ok(await one(ctx, 'organization', params.id));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/organizations/{id}/reject',
    auth: 'staff',
    operationId: 'rejectOrganization',
    summary: 'Reject a pending registration with a reason (operator)',
    description: 'The reason is required: the agency reads it to correct its entry.',
    tags: ['Moderation'],
    params: idParams,
    body: moderationBody,
    responses: { 200: json('Rejected', organizationSchema), ...missing('organization'), 409: problem('The organization is not pending approval') },
    handler: async ({ ctx, actor, params, body }) => {
      if (!body.reason) throw badRequest([{ path: 'reason', message: 'say why, so the agency can correct its entry' }]);
      await moderateOrganization(ctx, actor, params.id, { decision: 'reject', reason: body.reason });
      return ok(await one(ctx, 'organization', params.id));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/organizations/{id}/claims',
    auth: 'user',
    operationId: 'claimOrganization',
    summary: 'Claim an entry brought by a feed (agency editor)',
    tags: ['Moderation'],
    params: idParams,
    body: claimBody,
    responses: {
      201: json('Claim pending', z.object({ id: z.uuid(), status: z.literal('pending') }).meta({ id: 'NewClaim' })),
      403: problem('Not an agency editor, or the X-CSRF-Token header is missing on a write signed in by cookie'),
      404: problem('No published organization has this id'),
      409: problem('You maintain this organization already, or your claim of it awaits an operator'),
    },
    handler: async ({ ctx, actor, params, body }) => reply(201, { id: await claimOrganization(ctx, actor, params.id, body.message ?? null), status: 'pending' as const }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/claims',
    auth: 'staff',
    operationId: 'listClaims',
    summary: 'Claims, oldest first (operator)',
    tags: ['Moderation'],
    query: claimsQuery,
    responses: { 200: json('Claims', z.object({ items: z.array(claimSchema) })) },
    handler: async ({ ctx, query }) => {
      const status = claimStatuses.find((s) => s === query.status);
      const rows = query.status !== undefined && status === undefined ? [] : await listClaims(ctx.database.db, status);
      return ok({ items: rows.map(presentClaim) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/claims/{id}/verify',
    auth: 'staff',
    operationId: 'verifyClaim',
    summary: 'Verify a claim (operator): the claimant maintains the organization from then on',
    tags: ['Moderation'],
    params: idParams,
    responses: { 204: empty('Verified'), 404: problem('No claim has this id'), 409: problem('The claim was decided already') },
    handler: async ({ ctx, actor, params }) => {
      await decideOnClaim(ctx, actor, params.id, 'verified', null);
      return noContent();
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/claims/{id}/reject',
    auth: 'staff',
    operationId: 'rejectClaim',
    summary: 'Reject a claim (operator)',
    tags: ['Moderation'],
    params: idParams,
    body: moderationBody,
    responses: { 204: empty('Rejected'), 404: problem('No claim has this id'), 409: problem('The claim was decided already') },
    handler: async ({ ctx, actor, params, body }) => {
      await decideOnClaim(ctx, actor, params.id, 'rejected', body.reason ?? null);
      return noContent();
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/programmes/{id}/confirm',
    auth: 'user',
    operationId: 'confirmProgramme',
    summary: 'Confirm the programme is current',
    tags: ['Moderation'],
    params: idParams,
    responses: { 200: json('Confirmed', programmeSchema), 403: notYours('programme'), ...missing('programme') },
    handler: async ({ ctx, actor, params }) => {
      await confirmProgramme(ctx, actor, params.id);
      return ok(await one(ctx, 'programme', params.id));
    },
  }),
];
