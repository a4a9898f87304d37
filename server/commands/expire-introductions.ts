/**
 * Requests do not rot: one open for 60 days without a move (no status change) is closed as
 * `expired`, its history says so, and the firm is mailed in its language, after the commit.
 */
import type { AppContext } from '../context';
import { lockExpirable } from '../db/introduction-follow-ups';
import { insertEvent, introductionById, setStatus } from '../db/introductions';
import { writeAudit } from '../db/outbox';
import { mailTo } from '../localized-mail';
import { firmRecipients } from '../introductions/sides';
import { EXPIRE_AFTER_DAYS, openStatuses } from '../introductions/statuses';

const DAY = 86_400_000;

/** Closes the requests left without a move for 60 days and mails their firms; returns how many. */
export async function expireIntroductions(ctx: Pick<AppContext, 'database' | 'env' | 'logger'>, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - EXPIRE_AFTER_DAYS * DAY);
  // The rows are locked and re-read in the transaction: an agency's move at the same moment
  // either lands first (the request then has a move and stays open) or waits and finds it closed.
  const expired = await ctx.database.db.transaction(async (tx) => {
    const rows = await lockExpirable(tx, openStatuses, before);
    for (const row of rows) {
      await setStatus(tx, row.id, { status: 'expired', followUpOn: null, closedAt: now });
      await insertEvent(tx, { introductionId: row.id, actorId: null, fromStatus: row.status, toStatus: 'expired', at: now });
      await writeAudit(tx, { actorId: null, action: 'introduction.expire', entityType: 'introduction', entityId: row.id, before: { status: row.status }, after: { status: 'expired' } });
    }
    return rows;
  });
  for (const { id } of expired) {
    const row = await introductionById(ctx.database.db, id);
    if (!row) continue;
    const name = row.targetName ?? '';
    for (const firm of await firmRecipients(ctx.database.db, row.firmId)) {
      await mailTo(ctx, firm, 'introduction-expired', (w) => ({
        subject: w.t('fuExpiredSubject', { name }),
        text: [
          w.t('fuExpiredText', { name, date: w.date(row.createdAt), days: w.number(EXPIRE_AFTER_DAYS) }),
          '',
          w.t('fuExpiredAgain'),
          w.page('/search'),
          '',
          w.t('fuExpiredRequest'),
          w.page(`/introductions/${id}`),
        ].join('\n'),
      }));
    }
  }
  return expired.length;
}
