/**
 * Introduction requests as stories: a firm sends one, the agency moves it along, each side
 * says how it went, and a daily job flags the ones nobody answered. Each write is one
 * transaction; mail is queued after it commits, so a refused write mails nobody.
 */
import { maintainsAnyOf } from '../auth/permissions';
import { isStaff, type CurrentUser } from '../auth/roles';
import type { AppContext } from '../context';
import { conflict, forbidden, gone, HttpError, notFound } from '../errors';
import { mailTo } from '../localized-mail';
import { recipientById, staffRecipients } from '../db/users';
import { statusWord } from '../introductions/words';
import { announceIntroduction } from '../introductions/arrival';
import {
  eventsOf,
  flagStale,
  insertEvent,
  insertIntroduction,
  insertOutcome,
  introductionById,
  lockFirmTarget,
  organizationTarget,
  outcomesOf,
  programmeTarget,
  sentSince,
  setStatus,
  type EventRow,
  type IntroductionRow,
  type OutcomeRow,
} from '../db/introductions';
import { writeAudit } from '../db/outbox';
import type { Actor } from './actor';
import { auditActor } from './actor';
import { checkMove, FLAG_AFTER_DAYS, isClosed, nextStatuses } from '../introductions/statuses';
import type { IntroductionStatus, Outcome, Side } from '../db/enums';
import type { PartnershipType } from '../reference/vocabularies';

/** A 409 that names `status`, the field the client must change. */
const statusConflict = (message: string) => new HttpError(409, 'conflict', 'Conflict', `status: ${message}.`, [{ path: 'status', message }]);

/** An agency asks others, never itself: firms ask it through this same form. */
export const ownOrganization = (what: string) =>
  new HttpError(403, 'own-organization', 'Forbidden', `This ${what} is your own organization's: an agency does not ask itself for an introduction.`);

type Ctx = Pick<AppContext, 'database' | 'env' | 'logger'>;
const DAY = 86_400_000;

/** What a firm sends: exactly one of `organizationId` and `programmeId`. */
export interface SendProps {
  organizationId?: string;
  programmeId?: string;
  message: string;
  partnershipType?: PartnershipType;
  partnerCountries?: string[];
}

/** Sends a request; 404 unknown target, 410 deleted, 409 withdrawn, pending or sent within a day, 403 to the sender's own organization. */
export async function sendIntroduction(ctx: Ctx, actor: Actor, props: SendProps): Promise<string> {
  const what = props.organizationId ? 'organization' : 'programme';
  const targetId = props.organizationId ?? props.programmeId ?? '';
  const id = await ctx.database.db.transaction(async (tx) => {
    const target = props.organizationId ? await organizationTarget(tx, targetId) : await programmeTarget(tx, targetId);
    if (!target) throw notFound(what);
    if (target.deletedAt) throw gone(what);
    if (target.withdrawnAt) throw conflict(`This ${what} was withdrawn from the directory: it takes no requests.`);
    if (target.state !== 'published') throw conflict(`This ${what} is not published yet: it takes no requests.`);
    if (!target.recipients.length) throw conflict(`This ${what} has no operating organization to answer requests.`);
    if (maintainsAnyOf(actor.user, target.recipients)) throw ownOrganization(what);
    await lockFirmTarget(tx, actor.user.id, targetId);
    if (await sentSince(tx, actor.user.id, props, new Date(Date.now() - DAY))) {
      throw new HttpError(409, 'duplicate-request', 'Conflict', `You already sent a request to this ${what} within the last 24 hours.`);
    }
    const id = await insertIntroduction(tx, {
      firmId: actor.user.id,
      organizationId: props.organizationId ?? null,
      programmeId: props.programmeId ?? null,
      recipients: target.recipients,
      message: props.message,
      partnershipType: props.partnershipType ?? null,
      partnerCountries: props.partnerCountries ?? [],
    });
    await insertEvent(tx, { introductionId: id, actorId: actor.user.id, fromStatus: null, toStatus: 'new' });
    await writeAudit(tx, { ...auditActor(actor), action: 'introduction.send', entityType: 'introduction', entityId: id, after: { target: targetId } });
    return id;
  });
  await announceIntroduction(ctx, id);
  return id;
}

/** The side a user speaks for on this request, or undefined when the request is none of theirs. */
export function sideOf(user: CurrentUser | undefined, row: Pick<IntroductionRow, 'firmId' | 'recipients'>): Side | undefined {
  if (!user) return undefined;
  if (row.firmId === user.id) return 'firm';
  if (isStaff(user) || maintainsAnyOf(user, row.recipients)) return 'agency';
  return undefined;
}

export interface Detail {
  introduction: IntroductionRow;
  events: EventRow[];
  outcomes: OutcomeRow[];
  side: Side;
}

/** A request with its history, for its firm, its agency and staff; anyone else gets 404. */
export async function readIntroduction(ctx: Pick<AppContext, 'database'>, user: CurrentUser | undefined, id: string): Promise<Detail> {
  const introduction = await introductionById(ctx.database.db, id);
  const side = introduction && sideOf(user, introduction);
  if (!introduction || !side) throw notFound('introduction request');
  const [events, outcomes] = await Promise.all([eventsOf(ctx.database.db, id), outcomesOf(ctx.database.db, id)]);
  return { introduction, events, outcomes, side };
}

export interface MoveProps {
  status: IntroductionStatus;
  note?: string;
  followUpOn?: string;
}

/** Moves a request forward (agency or staff only) and mails the firm. */
export async function moveIntroduction(ctx: Ctx, actor: Actor, id: string, props: MoveProps): Promise<void> {
  const row = await ctx.database.db.transaction(async (tx) => {
    const current = await introductionById(tx, id, true);
    const side = current && sideOf(actor.user, current);
    if (!current || !side) throw notFound('introduction request');
    if (side !== 'agency') throw forbidden('Only the agency the request went to, or an operator, moves it.');
    const from = current.status;
    const move = checkMove(from, props.status);
    if (!move.ok) {
      const why = move.reason === 'closed' ? `the request is closed (${from})` : `it cannot go from ${from} to ${props.status}`;
      throw statusConflict(`${why}; a request moves to the next status (${nextStatuses(from).join(' or ') || 'none'}), one step at a time, or to closed-no-deal while open`);
    }
    await setStatus(tx, id, { status: props.status, followUpOn: props.followUpOn ?? null, closedAt: isClosed(props.status) ? new Date() : null });
    await insertEvent(tx, { introductionId: id, actorId: actor.user.id, fromStatus: from, toStatus: props.status, note: props.note ?? null, followUpOn: props.followUpOn ?? null });
    await writeAudit(tx, { ...auditActor(actor), action: 'introduction.status', entityType: 'introduction', entityId: id, before: { status: from }, after: { status: props.status } });
    return current;
  });
  const firm = await recipientById(ctx.database.db, row.firmId);
  if (firm) {
    await mailTo(ctx, firm, 'introduction-status', (w) => {
      const status = statusWord(w.t, props.status);
      const target = row.targetName ?? w.t('mailAnIntermediary');
      const lines = [w.t(isClosed(props.status) ? 'mailIntroClosedText' : 'mailIntroStatusText', { target, status })];
      if (props.note) lines.push(w.t('mailIntroNote', { note: props.note }));
      if (props.followUpOn) lines.push(w.t('mailIntroFollowUp', { date: w.date(props.followUpOn) }));
      lines.push(w.t('mailIntroLink', { link: w.page(`/introductions/${id}`) }));
      return { subject: w.t('mailIntroStatusSubject', { status }), text: lines.join('\n\n') };
    });
  }
}

export interface OutcomeProps {
  outcome: Outcome;
  comment?: string;
}

/** Records how a closed request went, once for the firm's side and once for the agency's. */
export async function recordOutcome(ctx: Ctx, actor: Actor, id: string, props: OutcomeProps): Promise<Side> {
  return ctx.database.db.transaction(async (tx) => {
    const current = await introductionById(tx, id, true);
    const side = current && sideOf(actor.user, current);
    if (!current || !side) throw notFound('introduction request');
    if (!isClosed(current.status)) throw statusConflict('an outcome can be given once the request is closed');
    const saved = await insertOutcome(tx, { introductionId: id, side, outcome: props.outcome, comment: props.comment ?? null, userId: actor.user.id });
    if (!saved) throw conflict(`The ${side} side already said how this request went.`);
    await writeAudit(tx, { ...auditActor(actor), action: 'introduction.outcome', entityType: 'introduction', entityId: id, after: { side, outcome: props.outcome } });
    return side;
  });
}

/** Flags requests left `new` for 14 days and mails each operator one digest in their language; returns how many. */
export async function flagUnansweredIntroductions(ctx: Ctx, now = new Date()): Promise<number> {
  // One update marks and returns them: a second instance or a re-run finds them flagged and mails nobody.
  const flagged = await flagStale(ctx.database.db, new Date(now.getTime() - FLAG_AFTER_DAYS * DAY), now);
  if (!flagged.length) return 0;
  const count = flagged.length;
  for (const to of await staffRecipients(ctx.database.db)) {
    await mailTo(ctx, to, 'introductions-flagged', (w) => ({
      subject: w.t('fuFlagSubject', { count, days: w.number(FLAG_AFTER_DAYS) }),
      text: [
        w.t('fuFlagText', { count, days: w.number(FLAG_AFTER_DAYS) }),
        '',
        ...flagged.map((f) => `- ${w.t('fuFlagLine', { name: f.targetName ?? '', date: w.date(f.createdAt) })} ${w.page(`/introductions/${f.id}`)}`),
        '',
        w.t('fuFlagAll'),
        w.page('/introductions?flagged=true'),
      ].join('\n'),
    }));
  }
  return count;
}
