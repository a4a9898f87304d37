/**
 * Outgoing mail. Every message is kept in the outbox (operators read it, tests check it), with
 * its secrets masked so that no operator can use them; with MAIL_URL set it is also sent,
 * secrets included, through that SMTP server and marked sent or failed.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppContext } from './context';
import { markMail, queueMail } from './db/outbox';

/** What a mail is about (the outbox shows it). One kind a line, so that each new mail adds its own. */
export type MailKind =
  | 'registration-received'
  | 'registration-approved'
  | 'registration-rejected'
  | 'password-reset'
  | 'confirm-reminder'
  | 'claim-decided'
  | 'welcome'
  | 'sync-failed'
  | 'sync-finished'
  | 'introduction-status'
  | 'introduction-received'
  | 'introduction-sent'
  | 'introductions-flagged'
  | 'saved-search-alert'
  | 'introduction-reminder'
  | 'introduction-expired'
  | 'introduction-follow-up';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  kind: MailKind;
  /** Strings of the text (reset tokens, say) that only the recipient may read: the real mail carries them, the outbox shows `[hidden]`. */
  secrets?: string[];
}

export const HIDDEN = '[hidden]';

const mask = (text: string, secrets: string[]) => secrets.filter((s) => s.length > 0).reduce((out, secret) => out.split(secret).join(HIDDEN), text);

const transports = new Map<string, Transporter>();

/** Keeps the mail in the outbox, without its secrets, and sends it through MAIL_URL when set. */
export async function sendMail(ctx: Pick<AppContext, 'database' | 'env' | 'logger'>, mail: Mail): Promise<void> {
  const secrets = mail.secrets ?? [];
  const id = await queueMail(ctx.database.db, { to: mail.to.toLowerCase(), subject: mask(mail.subject, secrets), text: mask(mail.text, secrets), kind: mail.kind });
  const url = ctx.env.mailUrl;
  if (!url) return;
  const transport = transports.get(url) ?? nodemailer.createTransport(url);
  transports.set(url, transport);
  try {
    await transport.sendMail({ from: ctx.env.mailFrom, to: mail.to, subject: mail.subject, text: mail.text });
    await markMail(ctx.database.db, id, { sentAt: new Date() });
  } catch (err) {
    ctx.logger.warn({ err, mailId: id }, 'mail not sent');
    await markMail(ctx.database.db, id, { error: err instanceof Error ? err.message : String(err) });
  }
}
