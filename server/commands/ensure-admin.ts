import type { AppContext } from '../context';
import { countAdmins } from '../db/users';
import { createUser } from './create-user';

export type EnsureAdminResult = 'created' | 'exists' | 'not-configured';

/** Creates the admin of ADMIN_EMAIL/ADMIN_PASSWORD when the directory has no admin yet. */
export async function ensureAdmin(ctx: Pick<AppContext, 'database' | 'env'>): Promise<EnsureAdminResult> {
  const { adminEmail, adminPassword } = ctx.env;
  if (!adminEmail || !adminPassword) return 'not-configured';
  if ((await countAdmins(ctx.database.db)) > 0) return 'exists';
  await createUser(ctx, { email: adminEmail, password: adminPassword, roles: ['admin'], actorId: null });
  return 'created';
}
