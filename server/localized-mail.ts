/**
 * Mail written in its recipient's language: the sender gets the words of that language (the
 * catalogs' `t`, numbers, dates in words) and page links from PUBLIC_URL that open in it, and
 * writes the subject and text; the message then goes out through sendMail (outbox, MAIL_URL).
 */
import type { AppContext } from './context';
import type { Env } from './env';
import { dateLocales, translator, type Language, type Translator } from './i18n';
import type { Recipient } from './db/users';
import { sendMail, type MailKind } from './mail';

export interface MailWords {
  lang: Language;
  t: Translator['t'];
  number(n: number): string;
  /** A date in words in the mail's language ("3 December 2026", "3 décembre 2026", "3 de diciembre de 2026"). */
  date(value: Date | string): string;
  /** An absolute link to a page of the site, from PUBLIC_URL, that opens in the mail's language. */
  page(path: string): string;
}


const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The words of one language for mails; exported so that tests and previews write the same text. */
export function mailWords(env: Pick<Env, 'publicUrl'>, lang: Language): MailWords {
  const tr = translator(lang);
  // Dates are read in UTC: a day stored as yyyy-mm-dd is that day, wherever the server runs.
  const dates = new Intl.DateTimeFormat(dateLocales[lang], { dateStyle: 'long', timeZone: 'UTC' });
  return {
    lang,
    t: tr.t,
    number: tr.number,
    date(value) {
      const when = value instanceof Date ? value : new Date(ISO_DAY.test(value) ? `${value}T00:00:00Z` : value);
      return Number.isNaN(when.getTime()) ? String(value) : dates.format(when);
    },
    page(path) {
      const [beforeHash = '', hash] = path.split('#', 2);
      const [pathname = '', query = ''] = beforeHash.split('?', 2);
      // The query is kept byte for byte (not re-encoded), so a secret in it stays the string the outbox masks.
      const params = [...query.split('&').filter((p) => p !== '' && !p.startsWith('lang=')), `lang=${lang}`];
      const at = pathname.startsWith('/') ? pathname : `/${pathname}`;
      return `${env.publicUrl}${at}?${params.join('&')}${hash === undefined ? '' : `#${hash}`}`;
    },
  };
}

/** Writes a mail in the recipient's language and sends it (kept in the outbox, secrets masked there). */
export async function mailTo(
  ctx: Pick<AppContext, 'database' | 'env' | 'logger'>,
  to: Recipient,
  kind: MailKind,
  write: (w: MailWords) => { subject: string; text: string },
  options?: { secrets?: string[] },
): Promise<void> {
  const { subject, text } = write(mailWords(ctx.env, to.language));
  await sendMail(ctx, { to: to.email, subject, text, kind, ...(options?.secrets ? { secrets: options.secrets } : {}) });
}
