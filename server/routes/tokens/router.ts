/** API tokens: shown once at creation, stored hashed, revocable. */
import { Router } from 'express';
import type { AppContext } from '../../context';
import { newSecret } from '../../auth/password';
import { requireUser } from '../../auth/middleware';
import type { CurrentUser } from '../../auth/roles';
import { writeAudit } from '../../db/outbox';
import { insertToken, revokeToken, tokenById, tokensOf } from '../../db/users';
import { notFound } from '../../errors';
import { tokenBody } from '../../schemas/auth';
import { idParam, parse } from '../../schemas/validate';

export function tokensRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(requireUser);

  router.post('/', async (req, res) => {
    const user = req.user as CurrentUser;
    const { name } = parse(tokenBody, req.body ?? {});
    const { secret, hash } = newSecret('pnt');
    const id = await ctx.database.db.transaction(async (tx) => {
      const tokenId = await insertToken(tx, user.id, name ?? null, hash);
      await writeAudit(tx, { actorId: user.id, tokenId: user.tokenId ?? null, action: 'create', entityType: 'token', entityId: tokenId, after: { name: name ?? null }, requestId: String(req.id) });
      return tokenId;
    });
    res.status(201).json({ id, name: name ?? null, token: secret });
  });

  router.get('/', async (req, res) => {
    const rows = await tokensOf(ctx.database.db, (req.user as CurrentUser).id);
    res.json({
      items: rows.map((t) => ({ id: t.id, name: t.name, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null })),
    });
  });

  router.delete('/:id', async (req, res) => {
    const user = req.user as CurrentUser;
    const token = await tokenById(ctx.database.db, idParam(req.params.id));
    // Another user's token is as good as unknown, unless an admin revokes it.
    if (!token || (token.userId !== user.id && !user.roles.includes('admin'))) throw notFound('token');
    await ctx.database.db.transaction(async (tx) => {
      await revokeToken(tx, token.id);
      await writeAudit(tx, { actorId: user.id, tokenId: user.tokenId ?? null, action: 'revoke', entityType: 'token', entityId: token.id, requestId: String(req.id) });
    });
    res.status(204).end();
  });
  return router;
}
