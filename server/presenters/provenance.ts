import type { ProvenanceRow } from '../db/entries';

export interface ProvenanceJson {
  source: string;
  externalId: string;
  firstSeen: string;
  lastSeen: string;
  withdrawnAt: string | null;
}

export const presentProvenance = (p: ProvenanceRow): ProvenanceJson => ({
  source: p.sourceId,
  externalId: p.externalId,
  firstSeen: p.firstSeen.toISOString(),
  lastSeen: p.lastSeen.toISOString(),
  withdrawnAt: p.withdrawnAt?.toISOString() ?? null,
});

/** Entries not confirmed by their agency or a sync for 12 months say since when. */
export const STALE_AFTER_MONTHS = 12;
export function notConfirmedSince(confirmedAt: Date): string | null {
  const limit = new Date();
  limit.setMonth(limit.getMonth() - STALE_AFTER_MONTHS);
  return confirmedAt < limit ? confirmedAt.toISOString() : null;
}
