import { z } from 'zod';
import type { RunRow, SourceRow } from '../db/sync';
import { runCounts, runErrors, runJson } from '../schemas/sources';

const noCounts = { fetched: 0, created: 0, updated: 0, unchanged: 0, withdrawn: 0, rejected: 0 };

/** A source with its last run, so the console can flag one whose last run failed. */
export const sourceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    network: z.string(),
    connector: z.string(),
    url: z.string(),
    mapping: z.unknown().meta({ description: 'The mapping of the feed\'s fields, as given' }),
    schedule: z.string().nullable(),
    timezone: z.string(),
    enabled: z.boolean(),
    maxBytes: z.number().int().nullable(),
    timeLimitSeconds: z.number().int().nullable(),
    notify: z.string(),
    lastRun: z.object({ id: z.uuid(), status: z.string(), finishedAt: z.iso.datetime().nullable() }).nullable(),
    failing: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Source' });

export const presentSource = (s: SourceRow, lastRun?: RunRow): z.infer<typeof sourceSchema> => ({
  id: s.id,
  name: s.name,
  network: s.network,
  connector: s.connector,
  url: s.url,
  mapping: s.mapping,
  schedule: s.schedule,
  timezone: s.timezone,
  enabled: s.enabled,
  maxBytes: s.maxBytes,
  timeLimitSeconds: s.timeLimitSeconds,
  notify: s.notify,
  lastRun: lastRun ? { id: lastRun.id, status: lastRun.status, finishedAt: lastRun.finishedAt?.toISOString() ?? null } : null,
  failing: lastRun?.status === 'failed',
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

export const presentRun = (r: RunRow): z.infer<typeof runJson> => ({
  id: r.id,
  source: r.sourceId,
  status: r.status,
  trigger: r.trigger,
  startedAt: r.startedAt?.toISOString() ?? null,
  finishedAt: r.finishedAt?.toISOString() ?? null,
  // Stored as JSON: read as unknown and checked, so a run written by an older version still shows.
  counts: runCounts.safeParse(r.counts).data ?? noCounts,
  errors: runErrors.safeParse(r.errors).data ?? [],
  /** After a safety stop: how many withdrawals wait, and what an operator decided (confirmed, dismissed or null). */
  heldWithdrawals: r.heldWithdrawals,
  withdrawalsDecision: r.withdrawalsDecision,
});
