/** API tokens: shown once at creation, stored hashed, revocable. */
import { z } from 'zod';
import { defineRoute, empty, json, noContent, ok, problem, reply, type Route } from '../api/route';
import { idParams } from '../api/params';
import { newSecret } from '../auth/password';
import { revokesToken } from '../auth/permissions';
import { writeAudit } from '../db/outbox';
import { insertToken, revokeToken, tokenById, tokensOf } from '../db/users';
import { notFound } from '../errors';
import { tokenBody } from '../schemas/auth';

const tokenSchema = z
  .object({ id: z.uuid(), name: z.string().nullable(), createdAt: z.iso.datetime(), lastUsedAt: z.iso.datetime().nullable(), revokedAt: z.iso.datetime().nullable() })
  .meta({ id: 'Token' });

export const tokenRoutes: Route[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/tokens',
    auth: 'user',
    operationId: 'createToken',
    summary: 'Create an API token (shown once)',
    tags: ['Accounts'],
    body: tokenBody,
    responses: { 201: json('The token; its value is never shown again', z.object({ id: z.uuid(), name: z.string().nullable(), token: z.string() }).meta({ id: 'NewToken' })) },
    handler: async ({ ctx, req, user, body }) => {
      const name = body.name ?? null;
      const { secret, hash } = newSecret('pnt');
      const id = await ctx.database.db.transaction(async (tx) => {
        const tokenId = await insertToken(tx, user.id, name, hash);
        await writeAudit(tx, { actorId: user.id, tokenId: user.tokenId ?? null, action: 'create', entityType: 'token', entityId: tokenId, after: { name }, requestId: String(req.id) });
        return tokenId;
      });
      return reply(201, { id, name, token: secret });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/tokens',
    auth: 'user',
    operationId: 'listTokens',
    summary: 'Your API tokens (never their values)',
    tags: ['Accounts'],
    responses: { 200: json('Tokens', z.object({ items: z.array(tokenSchema) })) },
    handler: async ({ ctx, user }) => {
      const rows = await tokensOf(ctx.database.db, user.id);
      return ok({ items: rows.map((t) => ({ id: t.id, name: t.name, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null })) });
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/tokens/{id}',
    auth: 'user',
    operationId: 'revokeToken',
    summary: 'Revoke an API token',
    description: "Another user's token is as good as unknown (404), unless an admin revokes it.",
    tags: ['Accounts'],
    params: idParams,
    responses: { 204: empty('Revoked'), 404: problem('No token of yours has this id') },
    handler: async ({ ctx, req, user, params }) => {
      const token = await tokenById(ctx.database.db, params.id);
      if (!token || !revokesToken(user, token.userId)) throw notFound('token');
      await ctx.database.db.transaction(async (tx) => {
        await revokeToken(tx, token.id);
        await writeAudit(tx, { actorId: user.id, tokenId: user.tokenId ?? null, action: 'revoke', entityType: 'token', entityId: token.id, requestId: String(req.id) });
      });
      return noContent();
    },
  }),
];
