/** A real SMTP server on loopback that keeps every message it receives, parsed, so tests read the mail a user would. */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface MailServer {
  /** The MAIL_URL that sends here. */
  url: string;
  messages: ParsedMail[];
  /** Messages to this address, oldest first. */
  to(address: string): ParsedMail[];
  close(): Promise<void>;
}

export async function mailServer(): Promise<MailServer> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      // The message is kept before the server answers, so a sent mail is readable as soon as sendMail returns.
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((a) => a.value.some((v) => v.address?.toLowerCase() === address.toLowerCase()))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The six-month question's links in the latest mail to `email` about request `id`: answer → path and query. */
export function followUpLinks(mail: MailServer, email: string, id: string): Record<string, string> {
  const m = mail.to(email).filter((x) => x.text?.includes(`/follow-up/${id}?`)).at(-1);
  const out: Record<string, string> = {};
  for (const [, href] of (m?.text ?? '').matchAll(/(\S+\/follow-up\/\S+)/g)) {
    const url = new URL(href ?? '');
    out[url.searchParams.get('answer') ?? ''] = `${url.pathname}${url.search}`;
  }
  return out;
}
