/** Operators' and admins' tools: users and roles, the audit log, the mail outbox. */
import { Router } from 'express';
import type { AppContext } from '../../context';
import { requireStaff, actorOf } from '../../auth/middleware';
import type { CurrentUser } from '../../auth/roles';
import type { Role } from '../../db/enums';
import { createUser } from '../../commands/create-user';
import { manageUser } from '../../commands/manage-user';
import { listAudit, listMail } from '../../db/outbox';
import { pendingOrganizations } from '../../db/queues';
import { listUsers, userById } from '../../db/users';
import { forbidden, notFound } from '../../errors';
import { presentUser } from '../../presenters/user';
import { idParam, parse } from '../../schemas/validate';
import { auditQuery, outboxQuery, userCreate, userPatch } from '../../schemas/admin';


export function adminRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(requireStaff);

  router.get('/users', async (_req, res) => {
    res.json({ items: (await listUsers(ctx.database.db)).map(presentUser) });
  });

  router.post('/users', async (req, res) => {
    const body = parse(userCreate, req.body);
    const privileged = body.roles.some((r: Role) => r === 'admin' || r === 'operator');
    if (privileged && !(req.user as CurrentUser).roles.includes('admin')) throw forbidden('Only admins create operators and admins.');
    const id = await createUser(ctx, { ...body, actorId: (req.user as CurrentUser).id, requestId: String(req.id) });
    const user = await userById(ctx.database.db, id);
    if (!user) throw notFound('user');
    res.status(201).json(presentUser(user));
  });

  router.patch('/users/:id', async (req, res) => {
    const id = idParam(req.params.id);
    await manageUser(ctx, actorOf(req), id, parse(userPatch, req.body));
    const user = await userById(ctx.database.db, id);
    if (!user) throw notFound('user');
    res.json(presentUser(user));
  });

  router.get('/audit', async (req, res) => {
    const q = parse(auditQuery, req.query);
    const rows = await listAudit(ctx.database.db, { entityType: q.entityType, entityId: q.entityId, actorId: q.actor }, q.limit);
    res.json({
      items: rows.map((a) => ({ id: a.id, at: a.at.toISOString(), actor: a.actorId, token: a.tokenId, action: a.action, entityType: a.entityType, entityId: a.entityId, before: a.before, after: a.after, requestId: a.requestId })),
    });
  });

  // The registrations awaiting approval, each with the programmes and cases it would publish.
  router.get('/moderation', async (_req, res) => {
    const rows = await pendingOrganizations(ctx.database.db);
    res.json({ items: rows.map((o) => ({ ...o, createdAt: o.createdAt.toISOString() })) });
  });

  router.get('/outbox', async (req, res) => {
    const q = parse(outboxQuery, req.query);
    const rows = await listMail(ctx.database.db, { to: q.to, kind: q.kind }, q.limit);
    res.json({ items: rows.map((m) => ({ id: m.id, to: m.to, subject: m.subject, text: m.text, kind: m.kind, createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null, error: m.error })) });
  });
  return router;
}
