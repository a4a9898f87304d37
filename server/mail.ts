/**
 * Outgoing mail. Every message is kept in the outbox (operators read it, tests check it);
 * with MAIL_URL set it is also sent through that SMTP server and marked sent or failed.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppContext } from './context';
import { markMail, queueMail } from './db/outbox';

export type MailKind = 'registration-received' | 'registration-approved' | 'registration-rejected' | 'password-reset' | 'confirm-reminder' | 'claim-decided' | 'welcome' | 'sync-failed' | 'sync-finished' | 'introduction-status' | 'introductions-flagged' | 'saved-search-alert';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  kind: MailKind;
}

let transport: Transporter | undefined;

export async function sendMail(ctx: Pick<AppContext, 'database' | 'env' | 'logger'>, mail: Mail): Promise<void> {
  const id = await queueMail(ctx.database.db, { ...mail, to: mail.to.toLowerCase() });
  if (!ctx.env.mailUrl) return;
  transport ??= nodemailer.createTransport(ctx.env.mailUrl);
  try {
    await transport.sendMail({ from: `Partnering Network <no-reply@${new URL(ctx.env.mailUrl).hostname}>`, to: mail.to, subject: mail.subject, text: mail.text });
    await markMail(ctx.database.db, id, { sentAt: new Date() });
  } catch (err) {
    ctx.logger.warn({ err, mailId: id }, 'mail not sent');
    await markMail(ctx.database.db, id, { error: err instanceof Error ? err.message : String(err) });
  }
}
