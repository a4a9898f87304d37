/** Writes to organizations, programmes and cases, moderation, confirmation and claims. */
import { Router } from 'express';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import { requireStaff, requireUser, actorOf } from '../../auth/middleware';
import { claimOrganization, decideOnClaim } from '../../commands/claims';
import { createCase, deleteCase, editCase } from '../../commands/cases';
import { confirmOrganization, deleteOrganization, editOrganization, moderateOrganization, registerOrganization } from '../../commands/organizations';
import { acceptOperator } from '../../commands/accept-operator';
import { confirmProgramme, createProgramme, deleteProgramme, editProgramme } from '../../commands/programmes';
import type { Actor } from '../../commands/actor';
import { claimStatuses } from '../../db/enums';
import { listClaims } from '../../db/writes';
import { presentEntries } from '../../directory/read';
import { badRequest } from '../../errors';
import { idParam, parse, uuidParam } from '../../schemas/validate';
import { caseBody, casePatch, claimBody, moderationBody, organizationBody, organizationPatch, programmeBody, programmePatch } from '../../schemas/entries';


/** A PATCH must change something. */
function nonEmpty<T extends object>(body: T): T {
  if (Object.keys(body).length === 0) throw badRequest([{ path: '(root)', message: 'give at least one field to change' }]);
  return body;
}

export function entriesRouter(ctx: AppContext): Router {
  const router = Router();
  const one = async (kind: 'organization' | 'programme' | 'case', id: string) => (await presentEntries(ctx, kind, [id]))[0];

  /** POST, PATCH and DELETE of one kind of entry, each answered with the entry's JSON. */
  function crud<I extends object>(
    path: string,
    kind: 'organization' | 'programme' | 'case',
    body: z.ZodType<I>,
    patch: z.ZodType<Partial<I>>,
    write: { create(ctx: AppContext, a: Actor, input: I): Promise<string>; edit(ctx: AppContext, a: Actor, id: string, input: Partial<I>): Promise<void>; remove(ctx: AppContext, a: Actor, id: string): Promise<void> },
  ) {
    router.post(`/${path}`, requireUser, async (req, res) => {
      const id = await write.create(ctx, actorOf(req), parse(body, req.body));
      res.status(201).json(await one(kind, id));
    });
    router.patch(`/${path}/:id`, requireUser, async (req, res) => {
      const id = idParam(req.params.id);
      await write.edit(ctx, actorOf(req), id, nonEmpty(parse(patch, req.body)));
      res.json(await one(kind, id));
    });
    router.delete(`/${path}/:id`, requireUser, async (req, res) => {
      await write.remove(ctx, actorOf(req), idParam(req.params.id));
      res.status(204).end();
    });
  }
  crud('organizations', 'organization', organizationBody, organizationPatch, { create: registerOrganization, edit: editOrganization, remove: deleteOrganization });
  crud('programmes', 'programme', programmeBody, programmePatch, { create: createProgramme, edit: editProgramme, remove: deleteProgramme });
  crud('cases', 'case', caseBody, casePatch, { create: createCase, edit: editCase, remove: deleteCase });

  // An invited co-operator accepts (its editor or an operator): from then on it is listed and may edit.
  router.post('/programmes/:id/operators/:organizationId/accept', requireUser, async (req, res) => {
    const id = idParam(req.params.id);
    const organizationId = uuidParam(req.params.organizationId, 'organizationId');
    await acceptOperator(ctx, actorOf(req), id, organizationId);
    res.json(await one('programme', id));
  });
  router.post('/organizations/:id/confirm', requireUser, async (req, res) => {
    const id = idParam(req.params.id);
    await confirmOrganization(ctx, actorOf(req), id);
    res.json(await one('organization', id));
  });
  router.post('/organizations/:id/approve', requireStaff, async (req, res) => {
    const id = idParam(req.params.id);
    await moderateOrganization(ctx, actorOf(req), id, { decision: 'approve' });
    res.json(await one('organization', id));
  });
  router.post('/organizations/:id/reject', requireStaff, async (req, res) => {
    const id = idParam(req.params.id);
    const { reason } = parse(moderationBody, req.body ?? {});
    if (!reason) throw badRequest([{ path: 'reason', message: 'say why, so the agency can correct its entry' }]);
    await moderateOrganization(ctx, actorOf(req), id, { decision: 'reject', reason });
    res.json(await one('organization', id));
  });
  router.post('/organizations/:id/claims', requireUser, async (req, res) => {
    const { message } = parse(claimBody, req.body ?? {});
    const id = await claimOrganization(ctx, actorOf(req), idParam(req.params.id), message ?? null);
    res.status(201).json({ id, status: 'pending' });
  });
  router.get('/claims', requireStaff, async (req, res) => {
    const asked = typeof req.query.status === 'string' ? req.query.status : undefined;
    const status = claimStatuses.find((s) => s === asked);
    // A status no claim can have lists none, as it always did.
    const rows = asked !== undefined && status === undefined ? [] : await listClaims(ctx.database.db, status);
    res.json({
      items: rows.map((c) => ({ id: c.id, organization: c.organizationId, user: c.userId, message: c.message, status: c.status, reason: c.reason, createdAt: c.createdAt.toISOString(), decidedAt: c.decidedAt?.toISOString() ?? null })),
    });
  });
  router.post('/claims/:id/verify', requireStaff, async (req, res) => {
    await decideOnClaim(ctx, actorOf(req), idParam(req.params.id), 'verified', null);
    res.status(204).end();
  });
  router.post('/claims/:id/reject', requireStaff, async (req, res) => {
    const { reason } = parse(moderationBody, req.body ?? {});
    await decideOnClaim(ctx, actorOf(req), idParam(req.params.id), 'rejected', reason ?? null);
    res.status(204).end();
  });

  router.post('/programmes/:id/confirm', requireUser, async (req, res) => {
    const id = idParam(req.params.id);
    await confirmProgramme(ctx, actorOf(req), id);
    res.json(await one('programme', id));
  });
  return router;
}
