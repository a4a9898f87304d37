/**
 * The agency's first reminder: a request still `new` after 7 days is mailed to the editors of
 * the organizations it went to (the operators, for requests they broker), once per request.
 * The operators' flag after 14 days is `flagUnansweredIntroductions`.
 */
import type { AppContext } from '../context';
import { markAgencyReminded } from '../db/introduction-follow-ups';
import { introductionById } from '../db/introductions';
import { mailTo } from '../localized-mail';
import { askingLines, whoAsks } from '../introductions/arrival';
import { agencyRecipients } from '../introductions/sides';
import { REMIND_AFTER_DAYS } from '../introductions/statuses';

const DAY = 86_400_000;

/** Reminds the agencies of requests unanswered for 7 days; returns how many requests. */
export async function remindUnansweredIntroductions(ctx: Pick<AppContext, 'database' | 'env' | 'logger'>, now = new Date()): Promise<number> {
  // Marked before mailing, in one update: a second instance or a re-run finds them marked and mails nobody.
  const due = await markAgencyReminded(ctx.database.db, new Date(now.getTime() - REMIND_AFTER_DAYS * DAY), now);
  for (const { id } of due) {
    const row = await introductionById(ctx.database.db, id);
    if (!row) continue;
    const { to } = await agencyRecipients(ctx.database.db, row.recipients);
    const name = row.targetName ?? '';
    const who = whoAsks(row);
    for (const recipient of to) {
      await mailTo(ctx, recipient, 'introduction-reminder', (w) => ({
        subject: w.t('fuRemindSubject', { name }),
        text: [
          w.t('fuRemindText', { who, name, date: w.date(row.createdAt), days: w.number(REMIND_AFTER_DAYS) }),
          '',
          ...askingLines(row, w),
          '',
          w.t('fuRemindAnswer'),
          w.page(`/introductions/${id}`),
          '',
          w.t('fuRemindLater'),
        ].join('\n'),
      }));
    }
  }
  return due.length;
}
