import type { AppContext } from '../context';
import { markReminded, organizationsToRemind } from '../db/writes';
import { mailTo } from '../localized-mail';

const REMIND_AFTER_MONTHS = 11;

/** Mails the editors of every entry not confirmed for 11 months (once a month at most), each in their language; returns how many entries. */
export async function sendConfirmReminders(ctx: Pick<AppContext, 'database' | 'env' | 'logger'>): Promise<number> {
  const stale = await organizationsToRemind(ctx.database, REMIND_AFTER_MONTHS);
  for (const entry of stale) {
    const { name } = entry;
    for (const to of entry.editors) {
      await mailTo(ctx, to, 'confirm-reminder', ({ t, date, page }) => ({
        subject: t('mailReminderSubject', { name }),
        text: [
          t('mailReminderText', { name, date: date(entry.confirmedAt) }),
          t('mailReminderAsk'),
          t('mailSeeEntry', { link: page(`/organizations/${entry.id}`) }),
          t('prfMailConfirm', { link: page(`/account/organizations/${entry.id}/edit`) }),
          t('mailEditEntry', { link: page(`/account/organizations/${entry.id}/edit`) }),
        ].join('\n\n'),
      }));
    }
  }
  await markReminded(ctx.database.db, stale.map((s) => s.id));
  return stale.length;
}
