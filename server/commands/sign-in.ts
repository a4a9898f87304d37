import type { AppContext } from '../context';
import { toCurrentUser } from '../auth/middleware';
import { decoyHash, verifyPassword } from '../auth/password';
import type { CurrentUser } from '../auth/roles';
import { clearSignInFailures, recentFailures, recordSignInFailure, updateUser, userByEmail } from '../db/users';
import { HttpError, unauthorized } from '../errors';

const WINDOW_MINUTES = 15;
const MAX_FAILURES = 10;

export type SignInResult = { ok: true; user: CurrentUser } | { ok: false; error: HttpError };

/**
 * Checks an e-mail and password. After 10 failures for one e-mail or one address within
 * 15 minutes every attempt gets 429 until the oldest falls out of the window; each failure
 * answers a little later than the one before.
 */
export async function signIn(ctx: Pick<AppContext, 'database' | 'env'>, email: string, password: string, address: string): Promise<SignInResult> {
  const db = ctx.database.db;
  const keys = [`email:${email.trim().toLowerCase()}`, `ip:${address}`];
  const before = await recentFailures(db, keys, WINDOW_MINUTES);
  if (before.count >= MAX_FAILURES) {
    const retryAfter = Math.max(1, Math.ceil(((before.oldest?.getTime() ?? Date.now()) + WINDOW_MINUTES * 60_000 - Date.now()) / 1000));
    return {
      ok: false,
      error: new HttpError(429, 'too-many-sign-ins', 'Too many failed sign-ins', `Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`, undefined, {
        'Retry-After': String(retryAfter),
      }),
    };
  }
  const user = await userByEmail(db, email.trim());
  const valid = user ? await verifyPassword(password, user.passwordHash) : (await verifyPassword(password, await decoyHash()), false);
  if (!user || !valid || user.disabledAt) {
    await recordSignInFailure(db, keys);
    await new Promise((r) => setTimeout(r, Math.min(ctx.env.signInDelayMs * 2 ** before.count, 4_000)));
    return { ok: false, error: unauthorized(user?.disabledAt && valid ? 'This account is disabled.' : 'Wrong e-mail address or password.') };
  }
  await clearSignInFailures(db, keys[0] as string);
  await updateUser(db, user.id, { lastSignInAt: new Date() });
  return { ok: true, user: toCurrentUser(user) };
}
