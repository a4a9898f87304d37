import type { AppContext } from '../context';
import { hashPassword, hashSecret, newSecret, passwordWeakness } from '../auth/password';
import type { Db } from '../db/client';
import { writeAudit } from '../db/outbox';
import { consumePasswordReset, endAccessOf, insertPasswordReset, lockUser, passwordResetOwner, updateUser, userByEmail } from '../db/users';
import { badRequest, HttpError, notFound } from '../errors';
import { mailTo } from '../localized-mail';

const TTL_MINUTES = 60;

/** Without MAIL_URL a reset link could reach no one but the operators who read the outbox: none is made. */
export const resetByMailUnavailable = () =>
  new HttpError(
    409,
    'reset-by-mail-unavailable',
    'Password reset by e-mail is not available',
    'This site sends no e-mail, so it cannot send you a reset link. Ask an operator of the network to set a new password for your account.',
  );

/**
 * Mails a one-time reset link (on PUBLIC_URL, never the request's host) if the e-mail has an
 * account; says nothing either way. The outbox keeps the mail with the token hidden.
 */
export async function requestPasswordReset(ctx: Pick<AppContext, 'database' | 'env' | 'logger'>, email: string): Promise<void> {
  if (!ctx.env.mailUrl) throw resetByMailUnavailable();
  const user = await userByEmail(ctx.database.db, email.trim());
  if (!user || user.disabledAt) return;
  const { secret, hash } = newSecret('pnr');
  await insertPasswordReset(ctx.database.db, user.id, hash, TTL_MINUTES);
  await mailTo(
    ctx,
    user,
    'password-reset',
    ({ t, page }) => ({
      subject: t('mailResetSubject', { brand: t('brand') }),
      text: [t('mailResetText', { minutes: TTL_MINUTES }), page(`/reset-password?token=${secret}`), t('mailResetIgnore')].join('\n\n'),
    }),
    { secrets: [secret] },
  );
}

/** With the account locked: the new password, and every session, API token and reset link of the account ended. */
async function replacePassword(tx: Db, userId: string, passwordHash: string, audit: { actorId: string; requestId: string | null }): Promise<void> {
  await updateUser(tx, userId, { passwordHash });
  await endAccessOf(tx, userId);
  await writeAudit(tx, { actorId: audit.actorId, action: 'reset-password', entityType: 'user', entityId: userId, requestId: audit.requestId });
}

/**
 * Sets a new password from a reset token (usable once). The account is locked first, so of two
 * reset links used at once only one succeeds: completing a reset ends every other.
 */
export async function confirmPasswordReset(ctx: Pick<AppContext, 'database'>, token: string, password: string, requestId?: string): Promise<void> {
  const weakness = passwordWeakness(password);
  if (weakness) throw badRequest([{ path: 'password', message: weakness }]);
  const passwordHash = await hashPassword(password);
  const unusable = () => badRequest([{ path: 'token', message: 'this reset link is unknown, used or expired; ask for a new one' }]);
  await ctx.database.db.transaction(async (tx) => {
    const owner = await passwordResetOwner(tx, hashSecret(token));
    const user = owner ? await lockUser(tx, owner) : undefined;
    if (!user || !(await consumePasswordReset(tx, hashSecret(token)))) throw unusable();
    const tooClose = passwordWeakness(password, user.email);
    if (tooClose) throw badRequest([{ path: 'password', message: tooClose }]);
    await replacePassword(tx, user.id, passwordHash, { actorId: user.id, requestId: requestId ?? null });
  });
}

/** An operator sets an account's password (the way back in when the site sends no mail); every other way in ends. */
export async function setPassword(ctx: Pick<AppContext, 'database'>, email: string, password: string, actor: { actorId: string; requestId: string | null }): Promise<void> {
  const found = await userByEmail(ctx.database.db, email.trim());
  if (!found) throw notFound('account');
  const weakness = passwordWeakness(password, found.email);
  if (weakness) throw badRequest([{ path: 'password', message: weakness }]);
  const passwordHash = await hashPassword(password);
  await ctx.database.db.transaction(async (tx) => {
    if (!(await lockUser(tx, found.id))) throw notFound('account');
    await replacePassword(tx, found.id, passwordHash, actor);
  });
}
