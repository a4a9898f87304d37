/** Adding, changing and removing linked feeds. */
import type { z } from 'zod';
import type { AppContext } from '../context';
import { checkFeedUrl, ForbiddenAddressError } from '../../jobs/address-guard';
import { connectorNamed, connectorNames } from '../../jobs/connectors';
import { mappedConfig } from '../../jobs/connectors/connector';
import { writeAudit } from '../db/outbox';
import { deleteSource, dropProvenanceOf, insertSource, lastFinishedRun, runById, sourceById, updateRun, updateSource, withdrawAllOf, withdrawOrphans, withdrawSeqs } from '../db/sync';
import { badRequest, conflict, notFound, type FieldError } from '../errors';
import type { sourceBody } from '../schemas/sources';
import { auditActor, type Actor } from './actor';

type Ctx = Pick<AppContext, 'database' | 'env'>;
type SourceInput = z.infer<typeof sourceBody>;

/** Where a source may still go wrong: the fields whose values were given, each checked, all problems listed. */
export type SourceFields = { connector?: string; url?: string; network?: string; mapping?: unknown };

/**
 * Every problem with a source's connector, address and mapping, at once: an operator fixes them
 * in one go instead of meeting them one per attempt. A field that is not given is not checked.
 */
export function sourceProblems(ctx: Pick<Ctx, 'env'>, s: SourceFields): FieldError[] {
  const problems: FieldError[] = [];
  const connector = s.connector === undefined ? undefined : connectorNamed(s.connector);
  if (s.connector !== undefined && !connector) {
    problems.push({ path: 'connector', message: `the ${s.connector} connector is not available yet; use ${connectorNames.join(' or ')}` });
  }
  if (s.url !== undefined) {
    try {
      checkFeedUrl(s.url, ctx.env.feedAllowPrivate);
    } catch (err) {
      if (!(err instanceof ForbiddenAddressError)) throw err;
      problems.push({ path: 'url', message: err.message });
    }
  }
  // Each connector checks the settings it reads; with no connector given, those of a mapped feed.
  const config = (connector?.config ?? mappedConfig).safeParse({ network: s.network, mapping: s.mapping });
  if (!config.success) problems.push(...config.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
  return problems;
}

/** Refuses a source its connector, address or mapping cannot serve, naming every field at fault (400). */
export function checkSource(ctx: Pick<Ctx, 'env'>, s: { connector: string; url: string; network: string; mapping?: unknown }): void {
  const problems = sourceProblems(ctx, s);
  if (problems.length) throw badRequest(problems);
}

/** What a source forgets so its next run reads the feed in full: the validators and the body's hash. */
const readInFull = { etag: null, lastModified: null, bodyHash: null };

/** Withdraws every record of the source, and the entries no other source or agency keeps. */
async function withdrawWhatOnlyItKept(tx: Ctx['database']['db'], id: string): Promise<void> {
  await withdrawAllOf(tx, id);
  await withdrawOrphans(tx);
}

export async function createSource(ctx: Ctx, actor: Actor, input: SourceInput): Promise<string> {
  checkSource(ctx, input);
  return ctx.database.db.transaction(async (tx) => {
    const row = await insertSource(tx, { ...input, mapping: input.mapping ?? null, schedule: input.schedule ?? null, createdBy: actor.user.id });
    await writeAudit(tx, { ...auditActor(actor), action: 'create', entityType: 'source', entityId: row.id, after: input });
    return row.id;
  });
}

export async function editSource(ctx: Ctx, actor: Actor, id: string, input: Partial<SourceInput>): Promise<void> {
  const before = await sourceById(ctx.database.db, id);
  if (!before) throw notFound('source');
  checkSource(ctx, { connector: input.connector ?? before.connector, url: input.url ?? before.url, network: input.network ?? before.network, mapping: input.mapping === undefined ? before.mapping : input.mapping });
  await ctx.database.db.transaction(async (tx) => {
    // A new address or mapping must be read in full again.
    const reset = input.url !== undefined || input.mapping !== undefined || input.connector !== undefined ? readInFull : {};
    await updateSource(tx, id, { ...input, ...reset });
    await writeAudit(tx, { ...auditActor(actor), action: 'update', entityType: 'source', entityId: id, before, after: input });
  });
}

/** Clears the source (entries only it kept are withdrawn) and deletes it with its runs. */
export async function removeSource(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  const before = await sourceById(ctx.database.db, id);
  if (!before) throw notFound('source');
  await ctx.database.db.transaction(async (tx) => {
    await withdrawWhatOnlyItKept(tx, id);
    await deleteSource(tx, id);
    await writeAudit(tx, { ...auditActor(actor), action: 'delete', entityType: 'source', entityId: id, before });
  });
}

/**
 * Clears a source: every record it brought is forgotten (its provenance removed) and entries
 * only it kept are withdrawn. The source stays, and its next run reads the feed in full as new;
 * operators' merge and keep-apart decisions on its records still hold then.
 */
export async function clearSource(ctx: Ctx, actor: Actor, id: string): Promise<{ forgotten: number }> {
  const before = await sourceById(ctx.database.db, id);
  if (!before) throw notFound('source');
  return ctx.database.db.transaction(async (tx) => {
    await withdrawWhatOnlyItKept(tx, id);
    const forgotten = await dropProvenanceOf(tx, id);
    await updateSource(tx, id, { ...readInFull, cursor: null });
    await writeAudit(tx, { ...auditActor(actor), action: 'clear', entityType: 'source', entityId: id, before: { forgotten } });
    return { forgotten };
  });
}

/**
 * An operator's answer to a safety stop: `confirm` withdraws the records the short feed no
 * longer lists (and its size becomes the new baseline), `dismiss` keeps them. Only the source's
 * latest run can be decided: a later run has read the feed again.
 */
export async function decideWithdrawals(ctx: Ctx, actor: Actor, sourceId: string, runId: string, decision: 'confirm' | 'dismiss'): Promise<{ withdrawn: number }> {
  const db = ctx.database.db;
  const run = await runById(db, sourceId, runId);
  if (!run) throw notFound('run');
  if (run.heldWithdrawals === null) throw conflict('This run held back no withdrawals.');
  if (run.withdrawalsDecision) throw conflict(`The withdrawals of this run were already ${run.withdrawalsDecision}.`);
  if ((await lastFinishedRun(db, sourceId))?.id !== run.id) throw conflict('A later run read the feed again: decide on that run instead.');
  return db.transaction(async (tx) => {
    let withdrawn = 0;
    if (decision === 'confirm') {
      const source = await sourceById(tx, sourceId);
      withdrawn = await withdrawSeqs(tx, sourceId, run.heldSeqs ?? [], source?.lastCompleteAt ?? null);
      await withdrawOrphans(tx);
      if (run.startedAt) await updateSource(tx, sourceId, { lastCompleteAt: run.startedAt });
    }
    const counts = { ...(run.counts as Record<string, number>), withdrawn };
    await updateRun(tx, run.id, { withdrawalsDecision: decision === 'confirm' ? 'confirmed' : 'dismissed', counts, heldSeqs: null });
    await writeAudit(tx, { ...auditActor(actor), action: `withdrawals-${decision}`, entityType: 'source', entityId: sourceId, after: { runId, withdrawn } });
    return { withdrawn };
  });
}
