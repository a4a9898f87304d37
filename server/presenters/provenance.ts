import { z } from 'zod';
import type { ProvenanceRow } from '../db/entries';

/** Which feed brought an entry, under which id, and when it was first and last seen there. */
export const provenanceSchema = z
  .object({ source: z.uuid(), externalId: z.string(), firstSeen: z.iso.datetime(), lastSeen: z.iso.datetime(), withdrawnAt: z.iso.datetime().nullable() })
  .meta({ id: 'Provenance' });
export type ProvenanceJson = z.infer<typeof provenanceSchema>;

export const presentProvenance = (p: ProvenanceRow): ProvenanceJson => ({
  source: p.sourceId,
  externalId: p.externalId,
  firstSeen: p.firstSeen.toISOString(),
  lastSeen: p.lastSeen.toISOString(),
  withdrawnAt: p.withdrawnAt?.toISOString() ?? null,
});

/** The fields every entry's JSON ends with: its publication state, local edits and freshness. */
export const entryStateFields = {
  state: z.string().meta({ description: 'draft, pending (awaiting approval), published or rejected; only published entries are public' }),
  localFields: z.array(z.string()).meta({ description: 'Fields edited in this directory: no sync overwrites them' }),
  confirmedAt: z.iso.datetime().meta({ description: 'When its agency or a sync last confirmed it is current' }),
  notConfirmedSince: z.iso.datetime().nullable().meta({ description: 'confirmedAt, when that is more than 12 months ago; otherwise null' }),
};

/** The fields an organization's or a programme's JSON ends with (entries a feed may bring): demo flag, sources, withdrawal, state and times. */
export const feedEntryFields = {
  demo: z.boolean(),
  provenance: z.array(provenanceSchema),
  withdrawnAt: z.iso.datetime().nullable(),
  ...entryStateFields,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

/** Entries not confirmed by their agency or a sync for 12 months say since when. */
export const STALE_AFTER_MONTHS = 12;
export function notConfirmedSince(confirmedAt: Date): string | null {
  const limit = new Date();
  limit.setMonth(limit.getMonth() - STALE_AFTER_MONTHS);
  return confirmedAt < limit ? confirmedAt.toISOString() : null;
}
