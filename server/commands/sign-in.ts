import type { AppContext } from '../context';
import { decoyHash, verifyPassword } from '../auth/password';
import { toCurrentUser, type CurrentUser } from '../auth/roles';
import { forgiveAttempts, pruneAttempts, reserveAttempt } from '../db/sign-in-attempts';
import { updateUser, userByEmail } from '../db/users';
import { HttpError, unauthorized } from '../errors';

const WINDOW_MINUTES = 15;
const MAX_ATTEMPTS = 10;

export type SignInResult = { ok: true; user: CurrentUser } | { ok: false; error: HttpError };

/** Waits `ms` before a failure is answered; tests pass their own to see the delay without waiting for it. */
export type Pause = (ms: number) => Promise<void>;
const sleep: Pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Checks an e-mail and password. Each check is reserved first, atomically, so at most 10
 * passwords are checked per e-mail or address within 15 minutes however many requests come
 * at once; past that every attempt gets 429 until the oldest falls out of the window. Each
 * failure answers a little later than the one before. A disabled account answers exactly as
 * a wrong password does, so the answer never confirms a password.
 */
export async function signIn(ctx: Pick<AppContext, 'database' | 'env'>, email: string, password: string, address: string, pause: Pause = sleep): Promise<SignInResult> {
  const db = ctx.database.db;
  const emailKey = `email:${email.trim().toLowerCase()}`;
  const attempt = await reserveAttempt(db, [emailKey, `ip:${address}`], MAX_ATTEMPTS, WINDOW_MINUTES);
  if (!attempt.reserved) {
    const retryAfter = Math.max(1, Math.ceil((attempt.oldest.getTime() + WINDOW_MINUTES * 60_000 - Date.now()) / 1000));
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
    await pause(Math.min(ctx.env.signInDelayMs * 2 ** attempt.before, 4_000));
    return { ok: false, error: unauthorized('Wrong e-mail address or password.') };
  }
  await forgiveAttempts(db, emailKey, attempt.ids);
  await updateUser(db, user.id, { lastSignInAt: new Date() });
  return { ok: true, user: toCurrentUser(user) };
}

/** Forgets the attempts that no longer count (the scheduler's hourly prune). */
export const pruneSignInAttempts = (ctx: Pick<AppContext, 'database'>) => pruneAttempts(ctx.database.db, WINDOW_MINUTES);
