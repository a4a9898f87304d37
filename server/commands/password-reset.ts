import type { AppContext } from '../context';
import { hashPassword, hashSecret, newSecret, passwordWeakness } from '../auth/password';
import { writeAudit } from '../db/outbox';
import { consumePasswordReset, deleteSessionsOf, insertPasswordReset, updateUser, userByEmail, userById } from '../db/users';
import { badRequest } from '../errors';
import { sendMail } from '../mail';

const TTL_MINUTES = 60;

/** Mails a one-time reset link (on PUBLIC_URL, never the request's host) if the e-mail has an account; says nothing either way. */
export async function requestPasswordReset(ctx: Pick<AppContext, 'database' | 'env' | 'logger'>, email: string): Promise<void> {
  const user = await userByEmail(ctx.database.db, email.trim());
  if (!user || user.disabledAt) return;
  const { secret, hash } = newSecret('pnr');
  await insertPasswordReset(ctx.database.db, user.id, hash, TTL_MINUTES);
  await sendMail(ctx, {
    to: user.email,
    kind: 'password-reset',
    subject: 'Reset your Partnering Network password',
    text: `Someone asked to reset the password of this account. To choose a new password, open this link within ${TTL_MINUTES} minutes:\n\n${ctx.env.publicUrl}/reset-password?token=${secret}\n\nThen send the token with your new password to POST /api/v1/auth/password-reset/confirm.\nIf you did not ask for this, ignore this message.`,
  });
}

/** Sets a new password from a reset token (usable once), and ends every session of the account. */
export async function confirmPasswordReset(ctx: Pick<AppContext, 'database'>, token: string, password: string, requestId?: string): Promise<void> {
  const weakness = passwordWeakness(password);
  if (weakness) throw badRequest([{ path: 'password', message: weakness }]);
  const passwordHash = await hashPassword(password);
  await ctx.database.db.transaction(async (tx) => {
    const userId = await consumePasswordReset(tx, hashSecret(token));
    if (!userId) throw badRequest([{ path: 'token', message: 'this reset link is unknown, used or expired; ask for a new one' }]);
    const user = await userById(tx, userId);
    const tooClose = passwordWeakness(password, user?.email);
    if (tooClose) throw badRequest([{ path: 'password', message: tooClose }]);
    await updateUser(tx, userId, { passwordHash });
    await deleteSessionsOf(tx, userId);
    await writeAudit(tx, { actorId: userId, action: 'reset-password', entityType: 'user', entityId: userId, requestId: requestId ?? null });
  });
}
