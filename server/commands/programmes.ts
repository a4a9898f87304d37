/** Creating, editing and deleting programmes: drafts stay private; the direction is always derived. */
import type { AppContext } from '../context';
import { editsAnyOf, foreignOrganizations } from '../auth/permissions';
import { insertProgramme, organizationsByIds, programmesByIds, provenanceOf } from '../db/entries';
import { setInvitations, type NamedOperator } from '../db/invitations';
import { writeAudit } from '../db/outbox';
import { updateProgramme, type ProgrammeChanges } from '../db/writes';
import { badRequest, forbidden, gone, notFound } from '../errors';
import { presentProgramme } from '../presenters/programme';
import { deriveDirection } from '../reference/direction';
import type { ProgrammeInput } from '../schemas/entries';
import { auditActor, type Actor } from './actor';

type Ctx = Pick<AppContext, 'database' | 'reference'>;

/** The operators' countries, after checking every operator exists. */
async function operatorCountries(ctx: Ctx, operators: string[]): Promise<string[]> {
  const rows = await organizationsByIds(ctx.database.db, operators);
  const missing = operators.filter((id) => !rows.some((r) => r.id === id && !r.deletedAt));
  if (missing.length) throw badRequest([{ path: 'operators', message: `unknown organization: ${missing.join(', ')}` }]);
  return rows.map((r) => r.country);
}

/** The programme's direction from its countries and its (accepted) operators' countries. */
export async function direction(ctx: Ctx, p: Pick<ProgrammeInput, 'originCountries' | 'targetCountries' | 'funderCountries' | 'operators'>) {
  const supporters = [...p.funderCountries, ...(await operatorCountries(ctx, p.operators))];
  return deriveDirection({ origin: p.originCountries, target: p.targetCountries, supporters }, ctx.reference.statusOf);
}

async function snapshot(ctx: Ctx, id: string) {
  const [row] = await programmesByIds(ctx.database.db, [id]);
  if (!row) throw notFound('programme');
  if (row.deletedAt) throw gone('programme');
  return { row, json: presentProgramme(row, await provenanceOf(ctx.database.db, 'programme', [id])) };
}

/**
 * Splits the operators a write names into those that run the programme at once and those
 * invited. An agency names its own organizations at once (and keeps those already accepted);
 * another agency's organization is only invited, so naming it gives that agency neither a
 * listing it did not ask for nor rights over the programme until its editor accepts. Staff
 * name at once: operators may accept on any organization's behalf anyway, they are the
 * network's accountable moderators, and feed or demo organizations have no editor who could
 * ever accept; requiring a second click from the same operator would protect no one.
 */
function splitOperators(actor: Actor, operators: string[], accepted: string[] = []): { now: string[]; invited: NamedOperator[] } {
  const foreign = new Set(foreignOrganizations(actor.user, operators).filter((id) => !accepted.includes(id)));
  return {
    now: operators.filter((id) => !foreign.has(id)),
    invited: operators.map((organizationId, position) => ({ organizationId, position })).filter((o) => foreign.has(o.organizationId)),
  };
}

export async function createProgramme(ctx: Ctx, actor: Actor, input: ProgrammeInput): Promise<string> {
  const foreign = foreignOrganizations(actor.user, input.operators);
  if (foreign.length === input.operators.length) throw forbidden('A programme you add must name an organization you maintain among its operators.');
  const { operators: named, ...fields } = input;
  await operatorCountries(ctx, named);
  const { now: operators, invited } = splitOperators(actor, named);
  const dir = await direction(ctx, { ...input, operators });
  return ctx.database.db.transaction(async (tx) => {
    const id = await insertProgramme(tx, { ...fields, direction: dir, createdBy: actor.user.id }, operators);
    await setInvitations(tx, id, invited, actor.user.id);
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
  if (input.operators) await operatorCountries(ctx, input.operators);
  const split = input.operators ? splitOperators(actor, input.operators, before.row.operators) : undefined;
  const merged = {
    originCountries: input.originCountries ?? before.row.originCountries,
    targetCountries: input.targetCountries ?? before.row.targetCountries,
    funderCountries: input.funderCountries ?? before.row.funderCountries,
    operators: split?.now ?? before.row.operators,
  };
  const { operators: _named, ...fields } = input;
  const changes: ProgrammeChanges = { ...fields, direction: await direction(ctx, merged), localFields: [...new Set([...before.row.localFields, ...Object.keys(input)])] };
  await ctx.database.db.transaction(async (tx) => {
    await updateProgramme(tx, id, changes, split?.now);
    if (split) await setInvitations(tx, id, split.invited, actor.user.id);
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
