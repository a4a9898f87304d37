import { isAdmin } from '../auth/permissions';
import type { AppContext } from '../context';
import type { Db } from '../db/client';
import type { Role } from '../db/enums';
import { organizationsByIds } from '../db/entries';
import { writeAudit } from '../db/outbox';
import { countAdmins, deleteSessionsOf, setUserOrganizations, updateUser, userById } from '../db/users';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { presentUser } from '../presenters/user';
import { auditActor, type Actor } from './actor';

export interface UserChanges {
  roles?: Role[];
  organizations?: string[];
  disabled?: boolean;
}

/** An account can only be linked to organizations the directory holds: 400 naming the others. */
export async function mustExist(db: Db, organizationIds: string[]): Promise<void> {
  const found = await organizationsByIds(db, organizationIds);
  const missing = organizationIds.filter((o) => !found.some((f) => f.id === o));
  if (missing.length) throw badRequest([{ path: 'organizations', message: `unknown organization: ${missing.join(', ')}` }]);
}

/**
 * Changes a user's roles, organizations or disabled state. Only an admin grants or takes
 * away admin or operator; disabling ends the user's sessions; the last admin stays.
 */
export async function manageUser(ctx: Pick<AppContext, 'database'>, actor: Actor, id: string, changes: UserChanges): Promise<void> {
  const db = ctx.database.db;
  const user = await userById(db, id);
  if (!user) throw notFound('user');
  const byAdmin = isAdmin(actor.user);
  const privileged = (r: string[]) => r.filter((x) => x === 'admin' || x === 'operator').sort().join();
  if (!byAdmin && (privileged(user.roles) !== '' || (changes.roles && privileged(changes.roles) !== ''))) {
    throw forbidden('Only admins change operators and admins.');
  }
  if (changes.organizations) await mustExist(db, changes.organizations);
  const losesAdmin = user.roles.includes('admin') && ((changes.roles && !changes.roles.includes('admin')) || changes.disabled === true);
  if (losesAdmin && (await countAdmins(db)) <= 1) throw conflict('This is the last admin; make another admin first.');
  await db.transaction(async (tx) => {
    await updateUser(tx, id, {
      ...(changes.roles ? { roles: changes.roles } : {}),
      ...(changes.disabled !== undefined ? { disabledAt: changes.disabled ? new Date() : null } : {}),
    });
    if (changes.organizations) await setUserOrganizations(tx, id, changes.organizations);
    if (changes.disabled) await deleteSessionsOf(tx, id);
    await writeAudit(tx, { ...auditActor(actor), action: 'update', entityType: 'user', entityId: id, before: presentUser(user), after: changes });
  });
}
