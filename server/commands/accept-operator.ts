/** An invited organization accepts to co-operate a programme: from then on it is listed and its editors may edit it. */
import type { AppContext } from '../context';
import { editsOrganization } from '../auth/permissions';
import { programmesByIds } from '../db/entries';
import { acceptInvitation, invitedTo, isOperator } from '../db/invitations';
import { writeAudit } from '../db/outbox';
import { updateProgramme } from '../db/writes';
import { forbidden, gone, notFound } from '../errors';
import { auditActor, type Actor } from './actor';
import { direction } from './programmes';

type Ctx = Pick<AppContext, 'database' | 'reference'>;

/**
 * Accepts `organizationId`'s invitation to run programme `id`. Only that organization's
 * editors and operators of the network may (403 for anyone else, before anything is said about
 * the invitation); 404 when the programme or the invitation does not exist. Accepting twice is
 * not an error: the organization already runs it.
 */
export async function acceptOperator(ctx: Ctx, actor: Actor, id: string, organizationId: string): Promise<void> {
  const [row] = await programmesByIds(ctx.database.db, [id]);
  if (!row) throw notFound('programme');
  if (row.deletedAt) throw gone('programme');
  if (!editsOrganization(actor.user, organizationId)) throw forbidden('Only the invited organization’s editors, or an operator, accept this invitation.');
  if (await isOperator(ctx.database.db, id, organizationId)) return;
  if (!(await invitedTo(ctx.database.db, id)).includes(organizationId)) throw notFound('invitation');
  const dir = await direction(ctx, { ...row, operators: [...row.operators, organizationId] });
  await ctx.database.db.transaction(async (tx) => {
    if (!(await acceptInvitation(tx, id, organizationId))) throw notFound('invitation');
    // A new operator can change the direction (a developed-country operator makes it triangular) and the listing: a new change number.
    await updateProgramme(tx, id, { direction: dir });
    await writeAudit(tx, { ...auditActor(actor), action: 'accept-operator', entityType: 'programme', entityId: id, after: { organizationId } });
  });
}
