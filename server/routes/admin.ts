/** Operators' and admins' tools: users and roles, the audit log, the registrations to approve, the mail outbox. */
import { z } from 'zod';
import { defineRoute, json, ok, problem, reply, type Route } from '../api/route';
import { idParams } from '../api/params';
import { createsUserWith } from '../auth/permissions';
import { createUser } from '../commands/create-user';
import { manageUser } from '../commands/manage-user';
import type { AppContext } from '../context';
import { listAudit, listMail } from '../db/outbox';
import { pendingOrganizations } from '../db/queues';
import { listUsers, userById } from '../db/users';
import { forbidden, notFound } from '../errors';
import { presentUser, userSchema } from '../presenters/user';
import { organizationKinds } from '../reference/vocabularies';
import { auditQuery, outboxQuery, userCreate, userPatch } from '../schemas/admin';
import { countryCode, documentedEnum } from '../schemas/codes';

const auditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.iso.datetime(),
    actor: z.uuid().nullable(),
    token: z.uuid().nullable().meta({ description: 'The API token the actor used, if any' }),
    action: z.string(),
    entityType: z.string(),
    entityId: z.uuid().nullable(),
    before: z.unknown().meta({ description: 'The record before the change, as the action saw it' }),
    after: z.unknown().meta({ description: 'The record after the change' }),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

const heldEntrySchema = z.object({ id: z.uuid(), name: z.string(), state: documentedEnum(['draft', 'published'], 'What its editor chose, applied on approval') }).meta({ id: 'HeldEntry' });
const pendingRegistrationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: documentedEnum(organizationKinds),
    country: countryCode,
    website: z.string().nullable(),
    description: z.string().nullable(),
    createdAt: z.iso.datetime(),
    registeredBy: z.string().nullable().meta({ description: 'The e-mail of the account that registered it' }),
    programmes: z.array(heldEntrySchema),
    cases: z.array(heldEntrySchema),
  })
  .meta({ id: 'PendingRegistration' });

const mailSchema = z
  .object({
    id: z.uuid(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    kind: z.string(),
    createdAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
    error: z.string().nullable().meta({ description: 'Why the last attempt to send it failed' }),
  })
  .meta({ id: 'Mail' });

/** The user as the list shows them, after a change. */
async function loadUser(ctx: AppContext, id: string): Promise<z.infer<typeof userSchema>> {
  const user = await userById(ctx.database.db, id);
  if (!user) throw notFound('user');
  return presentUser(user);
}

export const adminRoutes: Route[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/admin/users',
    auth: 'staff',
    operationId: 'listUsers',
    summary: 'Users',
    tags: ['Administration'],
    responses: { 200: json('Users', z.object({ items: z.array(userSchema) })) },
    handler: async ({ ctx }) => ok({ items: (await listUsers(ctx.database.db)).map(presentUser) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/admin/users',
    auth: 'staff',
    operationId: 'createUser',
    summary: 'Create a user',
    description: 'Only an admin creates operators and admins.',
    tags: ['Administration'],
    body: userCreate,
    responses: { 201: json('Created', userSchema), 403: problem('Not an operator or admin, an operator creating an operator or admin, or the X-CSRF-Token header is missing on a write signed in by cookie') },
    handler: async ({ ctx, req, user, body }) => {
      if (!createsUserWith(user, body.roles)) throw forbidden('Only admins create operators and admins.');
      const id = await createUser(ctx, { ...body, actorId: user.id, requestId: String(req.id) });
      return reply(201, await loadUser(ctx, id));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/admin/users/{id}',
    auth: 'staff',
    operationId: 'updateUser',
    summary: 'Change roles, organizations or disable a user',
    description: 'Only an admin grants or takes away the operator and admin roles; disabling ends the user’s sessions and tokens; the last admin stays.',
    tags: ['Administration'],
    params: idParams,
    body: userPatch,
    responses: {
      200: json('Changed', userSchema),
      403: problem('Not an operator or admin, an operator changing an operator or admin, or the X-CSRF-Token header is missing on a write signed in by cookie'),
      404: problem('No such user'),
      409: problem('The last admin would be disabled or lose the role'),
    },
    handler: async ({ ctx, actor, params, body }) => {
      await manageUser(ctx, actor, params.id, body);
      return ok(await loadUser(ctx, params.id));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/admin/audit',
    auth: 'staff',
    operationId: 'listAudit',
    summary: 'The audit log, newest first',
    tags: ['Administration'],
    query: auditQuery,
    responses: { 200: json('Entries, newest first', z.object({ items: z.array(auditEntrySchema) })) },
    handler: async ({ ctx, query }) => {
      const rows = await listAudit(ctx.database.db, { entityType: query.entityType, entityId: query.entityId, actorId: query.actor }, query.limit);
      return ok({
        items: rows.map((a) => ({ id: a.id, at: a.at.toISOString(), actor: a.actorId, token: a.tokenId, action: a.action, entityType: a.entityType, entityId: a.entityId, before: a.before, after: a.after, requestId: a.requestId })),
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/admin/moderation',
    auth: 'staff',
    operationId: 'listPendingRegistrations',
    summary: 'Registrations awaiting approval, oldest first',
    description: 'Each with the programmes and cases it runs or is named in, held private until approval.',
    tags: ['Moderation'],
    responses: { 200: json('Pending organizations', z.object({ items: z.array(pendingRegistrationSchema) })) },
    handler: async ({ ctx }) => {
      const rows = await pendingOrganizations(ctx.database.db);
      return ok({ items: rows.map((o) => ({ ...o, createdAt: o.createdAt.toISOString() })) });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/admin/outbox',
    auth: 'staff',
    operationId: 'listOutbox',
    summary: 'The mail outbox, newest first',
    tags: ['Administration'],
    query: outboxQuery,
    responses: { 200: json('Mail, newest first', z.object({ items: z.array(mailSchema) })) },
    handler: async ({ ctx, query }) => {
      const rows = await listMail(ctx.database.db, { to: query.to, kind: query.kind }, query.limit);
      return ok({
        items: rows.map((m) => ({ id: m.id, to: m.to, subject: m.subject, text: m.text, kind: m.kind, createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null, error: m.error })),
      });
    },
  }),
];
