/** Creating, editing and deleting programmes: drafts stay private; the direction is always derived. */
import type { AppContext } from '../context';
import { editsAnyOf, foreignOrganizations } from '../auth/permissions';
import { insertProgramme, organizationsByIds, programmesByIds, provenanceOf } from '../db/entries';
import { writeAudit } from '../db/outbox';
import { updateProgramme, type ProgrammeChanges } from '../db/writes';
import { badRequest, forbidden, gone, notFound } from '../errors';
import { presentProgramme } from '../presenters/programme';
import { deriveDirection } from '../reference/direction';
import type { ProgrammeInput } from '../routes/entries/schema';
import { auditActor, type Actor } from './actor';

type Ctx = Pick<AppContext, 'database' | 'reference'>;

/** The operators' countries, after checking every operator exists. */
async function operatorCountries(ctx: Ctx, operators: string[]): Promise<string[]> {
  const rows = await organizationsByIds(ctx.database.db, operators);
  const missing = operators.filter((id) => !rows.some((r) => r.id === id && !r.deletedAt));
  if (missing.length) throw badRequest([{ path: 'operators', message: `unknown organization: ${missing.join(', ')}` }]);
  return rows.map((r) => r.country);
}

async function direction(ctx: Ctx, p: Pick<ProgrammeInput, 'originCountries' | 'targetCountries' | 'funderCountries' | 'operators'>) {
  const supporters = [...p.funderCountries, ...(await operatorCountries(ctx, p.operators))];
  return deriveDirection({ origin: p.originCountries, target: p.targetCountries, supporters }, ctx.reference.statusOf);
}

async function snapshot(ctx: Ctx, id: string) {
  const [row] = await programmesByIds(ctx.database.db, [id]);
  if (!row) throw notFound('programme');
  if (row.deletedAt) throw gone('programme');
  return { row, json: presentProgramme(row, await provenanceOf(ctx.database.db, 'programme', [id])) };
}

export async function createProgramme(ctx: Ctx, actor: Actor, input: ProgrammeInput): Promise<string> {
  const foreign = foreignOrganizations(actor.user, input.operators);
  if (foreign.length === input.operators.length) throw forbidden('A programme you add must name an organization you maintain among its operators.');
  const { operators, ...fields } = input;
  const dir = await direction(ctx, input);
  return ctx.database.db.transaction(async (tx) => {
    const id = await insertProgramme(tx, { ...fields, direction: dir, createdBy: actor.user.id }, operators);
    await writeAudit(tx, { ...auditActor(actor), action: 'create', entityType: 'programme', entityId: id, after: input });
    return id;
  });
}

export async function editProgramme(ctx: Ctx, actor: Actor, id: string, input: Partial<ProgrammeInput>): Promise<void> {
  const before = await snapshot(ctx, id);
  if (!editsAnyOf(actor.user, before.row.operators)) throw forbidden("This is another organization's programme.");
  if (input.operators && foreignOrganizations(actor.user, input.operators).length === input.operators.length) {
    throw forbidden('A programme you edit must keep an organization you maintain among its operators.');
  }
  const merged = {
    originCountries: input.originCountries ?? before.row.originCountries,
    targetCountries: input.targetCountries ?? before.row.targetCountries,
    funderCountries: input.funderCountries ?? before.row.funderCountries,
    operators: input.operators ?? before.row.operators,
  };
  const { operators, ...fields } = input;
  const changes: ProgrammeChanges = { ...fields, direction: await direction(ctx, merged), localFields: [...new Set([...before.row.localFields, ...Object.keys(input)])] };
  await ctx.database.db.transaction(async (tx) => {
    await updateProgramme(tx, id, changes, operators);
    await writeAudit(tx, { ...auditActor(actor), action: 'update', entityType: 'programme', entityId: id, before: before.json, after: input });
  });
}

export async function deleteProgramme(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  const before = await snapshot(ctx, id);
  if (!editsAnyOf(actor.user, before.row.operators)) throw forbidden("This is another organization's programme.");
  await ctx.database.db.transaction(async (tx) => {
    await updateProgramme(tx, id, { deletedAt: new Date() });
    await writeAudit(tx, { ...auditActor(actor), action: 'delete', entityType: 'programme', entityId: id, before: before.json });
  });
}

/** Records that an operator of the programme (or an operator of the network) checked it is still right. */
export async function confirmProgramme(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  const before = await snapshot(ctx, id);
  if (!editsAnyOf(actor.user, before.row.operators)) throw forbidden("This is another organization's programme.");
  await ctx.database.db.transaction(async (tx) => {
    await updateProgramme(tx, id, { confirmedAt: new Date(), remindedAt: null });
    await writeAudit(tx, { ...auditActor(actor), action: 'confirm', entityType: 'programme', entityId: id });
  });
}
