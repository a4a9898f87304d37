import type { AppContext } from '../context';
import { markReminded, organizationsToRemind } from '../db/writes';
import { sendMail } from '../mail';

const REMIND_AFTER_MONTHS = 11;

/** Mails the editors of every entry not confirmed for 11 months (once a month at most); returns how many entries. */
export async function sendConfirmReminders(ctx: Pick<AppContext, 'database' | 'env' | 'logger'>): Promise<number> {
  const stale = await organizationsToRemind(ctx.database, REMIND_AFTER_MONTHS);
  for (const entry of stale) {
    for (const to of entry.editors) {
      await sendMail(ctx, {
        to,
        kind: 'confirm-reminder',
        subject: `Is ${entry.name} still right?`,
        text: `${entry.name} was last confirmed on ${entry.confirmedAt.toISOString().slice(0, 10)}. Entries not confirmed for 12 months are shown as "not confirmed since" that date.\n\nPlease check it and confirm it: ${ctx.env.publicUrl}/organizations/${entry.id}`,
      });
    }
  }
  await markReminded(ctx.database.db, stale.map((s) => s.id));
  return stale.length;
}
