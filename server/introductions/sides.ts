/**
 * Who speaks for each side of a request, as mail recipients: the firm that sent it, and the
 * editors of the organizations it went to, or, when no agency maintains them (a feed or demo
 * entry), the operators, who broker such requests as the network's secretariat.
 */
import type { Db } from '../db/client';
import { editorRecipientsOf, recipientById, staffRecipients, type Recipient } from '../db/users';

export async function firmRecipients(db: Db, firmId: string): Promise<Recipient[]> {
  const firm = await recipientById(db, firmId);
  return firm ? [firm] : [];
}

/** The agency's editors (each once, even when they edit several of the recipients), else the operators. */
export async function agencyRecipients(db: Db, organizations: readonly string[]): Promise<{ to: Recipient[]; brokered: boolean }> {
  const seen = new Map<string, Recipient>();
  for (const id of organizations) for (const r of await editorRecipientsOf(db, id)) seen.set(r.email, r);
  if (seen.size > 0) return { to: [...seen.values()], brokered: false };
  return { to: await staffRecipients(db), brokered: true };
}
