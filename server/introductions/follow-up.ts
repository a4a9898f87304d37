/**
 * A six-month follow-up link: the token it carries is the only authority (no sign-in), so it
 * is checked against the request named in the address too; a token of another request is
 * refused as plainly as an unknown one, and says which it is.
 */
import { hashSecret } from '../auth/password';
import type { AppContext } from '../context';
import { answerFollowUp, followUpByToken, type FollowUpRow } from '../db/introduction-follow-ups';
import { introductionById, type IntroductionRow } from '../db/introductions';
import type { FollowUpAnswer } from '../db/enums';

export type FollowUpLookup = { ok: true; followUp: FollowUpRow; introduction: IntroductionRow } | { ok: false; reason: 'unknown' | 'other-request' };

type Ctx = Pick<AppContext, 'database'>;

export async function findFollowUp(ctx: Ctx, introductionId: string, token: string): Promise<FollowUpLookup> {
  if (!token) return { ok: false, reason: 'unknown' };
  const followUp = await followUpByToken(ctx.database.db, hashSecret(token));
  if (!followUp) return { ok: false, reason: 'unknown' };
  if (followUp.introductionId !== introductionId) return { ok: false, reason: 'other-request' };
  const introduction = await introductionById(ctx.database.db, introductionId);
  return introduction ? { ok: true, followUp, introduction } : { ok: false, reason: 'unknown' };
}

/** Records or changes the answer of the token's side; the lookup's refusal when the token does not fit. */
export async function recordFollowUp(ctx: Ctx, introductionId: string, token: string, answer: FollowUpAnswer, now = new Date()): Promise<FollowUpLookup> {
  const found = await findFollowUp(ctx, introductionId, token);
  if (!found.ok) return found;
  await answerFollowUp(ctx.database.db, hashSecret(token), introductionId, answer, now);
  return findFollowUp(ctx, introductionId, token);
}
