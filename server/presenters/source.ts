import type { RunRow, SourceRow } from '../db/sync';

/** A source with its last run, so the console can flag one whose last run failed. */
export const presentSource = (s: SourceRow, lastRun?: RunRow) => ({
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

export const presentRun = (r: RunRow) => ({
  id: r.id,
  source: r.sourceId,
  status: r.status,
  trigger: r.trigger,
  startedAt: r.startedAt?.toISOString() ?? null,
  finishedAt: r.finishedAt?.toISOString() ?? null,
  counts: r.counts,
  errors: r.errors,
  /** After a safety stop: how many withdrawals wait, and what an operator decided (confirmed, dismissed or null). */
  heldWithdrawals: r.heldWithdrawals,
  withdrawalsDecision: r.withdrawalsDecision,
});
