/**
 * Six months after a request closes (any closed status, expiry included), both sides are asked
 * what came of it: the firm, and the agency's editors (the operators, for requests they broker).
 * Each side gets one random token, stored hashed; its links open /follow-up/:id, where the
 * answer is confirmed with one button. The outbox shows the links masked.
 */
import { newSecret } from '../auth/password';
import type { AppContext } from '../context';
import { insertFollowUp, markFollowUpAsked } from '../db/introduction-follow-ups';
import { introductionById } from '../db/introductions';

import type { Recipient } from '../db/users';
import { mailTo } from '../localized-mail';
import { agencyRecipients, firmRecipients } from '../introductions/sides';
import { FOLLOW_UP_AFTER_MONTHS } from '../introductions/statuses';
import { followUpAnswers, type Side } from '../db/enums';
import type { MessageKey } from '../i18n/messages';
import { statusWord } from '../introductions/words';

export const answerKeys: Record<(typeof followUpAnswers)[number], MessageKey> = {
  'no-further-contact': 'fuAnswerNoFurtherContact',
  'useful-contact': 'fuAnswerUsefulContact',
  'negotiation-started': 'fuAnswerNegotiationStarted',
  'agreement-reached': 'fuAnswerAgreementReached',
};

/** `now` less the follow-up delay, in calendar months (UTC). */
export function followUpCutoff(now: Date): Date {
  const at = new Date(now);
  at.setUTCMonth(at.getUTCMonth() - FOLLOW_UP_AFTER_MONTHS);
  return at;
}

/** Asks both sides of every request closed 6 months ago, once per request; returns how many requests. */
export async function askIntroductionFollowUps(ctx: Pick<AppContext, 'database' | 'env' | 'logger'>, now = new Date()): Promise<number> {
  // Marked and given their tokens in one transaction, before any mail: a re-run or a second instance finds nothing to ask.
  const asked = await ctx.database.db.transaction(async (tx) => {
    const due = await markFollowUpAsked(tx, followUpCutoff(now), now);
    const out: { id: string; tokens: Record<Side, string> }[] = [];
    for (const { id } of due) {
      const firm = newSecret('pnf');
      const agency = newSecret('pnf');
      await insertFollowUp(tx, { introductionId: id, side: 'firm', tokenHash: firm.hash });
      await insertFollowUp(tx, { introductionId: id, side: 'agency', tokenHash: agency.hash });
      out.push({ id, tokens: { firm: firm.secret, agency: agency.secret } });
    }
    return out;
  });
  for (const { id, tokens } of asked) {
    const row = await introductionById(ctx.database.db, id);
    if (!row) continue;
    const agency = await agencyRecipients(ctx.database.db, row.recipients);
    const sides: [Side, Recipient[]][] = [
      ['firm', await firmRecipients(ctx.database.db, row.firmId)],
      ['agency', agency.to],
    ];
    for (const [side, recipients] of sides) {
      const token = tokens[side];
      const name = row.targetName ?? '';
      for (const recipient of recipients) {
        await mailTo(
          ctx,
          recipient,
          'introduction-follow-up',
          (w) => ({
            subject: w.t('fuAskSubject', { name }),
            text: [
              w.t(side === 'firm' ? 'fuAskFirm' : 'fuAskAgency', { name, sent: w.date(row.createdAt), closed: w.date(row.closedAt ?? now), status: statusWord(w.t, row.status) }),
              '',
              w.t('fuAskChoose'),
              '',
              ...followUpAnswers.map((a) => `- ${w.t('labelled', { label: w.t(answerKeys[a]), value: w.page(`/follow-up/${id}?token=${encodeURIComponent(token)}&answer=${a}`) })}`),
              '',
              w.t('fuAskChange'),
            ].join('\n'),
          }),
          { secrets: [token] },
        );
      }
    }
  }
  return asked.length;
}
