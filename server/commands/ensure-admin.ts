import type { AppContext } from '../context';
import { countAdmins } from '../db/users';
import { createUser } from './create-user';
import { EnvError } from '../env';
import { HttpError } from '../errors';

export type EnsureAdminResult = 'created' | 'exists' | 'not-configured';

/** Creates the admin of ADMIN_EMAIL/ADMIN_PASSWORD when the directory has no admin yet. */
export async function ensureAdmin(ctx: Pick<AppContext, 'database' | 'env'>): Promise<EnsureAdminResult> {
  const { adminEmail, adminPassword } = ctx.env;
  if (!adminEmail || !adminPassword) return 'not-configured';
  if ((await countAdmins(ctx.database.db)) > 0) return 'exists';
  try {
    await createUser(ctx, { email: adminEmail, password: adminPassword, roles: ['admin'], actorId: null });
  } catch (err) {
    // Say which setting to fix: the refusal names `password`, the operator set ADMIN_PASSWORD.
    if (err instanceof HttpError && err.errors) throw new EnvError(`Invalid configuration:\n  ADMIN_PASSWORD: ${err.errors.map((e) => e.message).join('; ')}`);
    throw err;
  }
  return 'created';
}
