/** Creating, editing and deleting best-practice cases; drafts stay private. */
import type { AppContext } from '../context';
import { editsAnyOf, foreignOrganizations } from '../auth/permissions';
import { casesByIds, insertCase, organizationsByIds, programmesByIds } from '../db/entries';
import { writeAudit } from '../db/outbox';
import { updateCase, type CaseChanges } from '../db/writes';
import { badRequest, forbidden, gone, notFound } from '../errors';
import { presentCase } from '../presenters/case';
import type { CaseInput } from '../schemas/entries';
import { auditActor, type Actor } from './actor';

type Ctx = Pick<AppContext, 'database'>;

async function checkReferences(ctx: Ctx, input: Partial<CaseInput>): Promise<void> {
  if (input.organizations) {
    const rows = await organizationsByIds(ctx.database.db, input.organizations);
    const missing = input.organizations.filter((id) => !rows.some((r) => r.id === id && !r.deletedAt));
    if (missing.length) throw badRequest([{ path: 'organizations', message: `unknown organization: ${missing.join(', ')}` }]);
  }
  if (input.programme) {
    const [p] = await programmesByIds(ctx.database.db, [input.programme]);
    if (!p || p.deletedAt) throw badRequest([{ path: 'programme', message: 'unknown programme' }]);
  }
}

async function snapshot(ctx: Ctx, id: string) {
  const [row] = await casesByIds(ctx.database.db, [id]);
  if (!row) throw notFound('case');
  if (row.deletedAt) throw gone('case');
  return { row, json: presentCase(row) };
}

function columns(input: Partial<CaseInput>): CaseChanges {
  const { organizations: _o, programme, ...rest } = input;
  return { ...rest, ...(programme !== undefined ? { programmeId: programme ?? null } : {}) };
}

export async function createCase(ctx: Ctx, actor: Actor, input: CaseInput): Promise<string> {
  if (foreignOrganizations(actor.user, input.organizations).length === input.organizations.length) {
    throw forbidden('A case you add must name an organization you maintain.');
  }
  await checkReferences(ctx, input);
  return ctx.database.db.transaction(async (tx) => {
    const id = await insertCase(tx, { ...columns(input), title: input.title }, input.organizations);
    await writeAudit(tx, { ...auditActor(actor), action: 'create', entityType: 'case', entityId: id, after: input });
    return id;
  });
}

export async function editCase(ctx: Ctx, actor: Actor, id: string, input: Partial<CaseInput>): Promise<void> {
  const before = await snapshot(ctx, id);
  if (!editsAnyOf(actor.user, before.row.organizations)) throw forbidden("This is another organization's case.");
  if (input.organizations && foreignOrganizations(actor.user, input.organizations).length === input.organizations.length) {
    throw forbidden('A case you edit must keep an organization you maintain.');
  }
  await checkReferences(ctx, input);
  await ctx.database.db.transaction(async (tx) => {
    await updateCase(tx, id, columns(input), input.organizations);
    await writeAudit(tx, { ...auditActor(actor), action: 'update', entityType: 'case', entityId: id, before: before.json, after: input });
  });
}

export async function deleteCase(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  const before = await snapshot(ctx, id);
  if (!editsAnyOf(actor.user, before.row.organizations)) throw forbidden("This is another organization's case.");
  await ctx.database.db.transaction(async (tx) => {
    await updateCase(tx, id, { deletedAt: new Date() });
    await writeAudit(tx, { ...auditActor(actor), action: 'delete', entityType: 'case', entityId: id, before: before.json });
  });
}
