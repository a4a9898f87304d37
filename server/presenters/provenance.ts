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
