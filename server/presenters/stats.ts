/**
 * The statistics' JSON. Counts of public entries are exact; counts drawn from firms' private
 * data (introductions and their outcomes) go through `suppressSmall`, so no cell under 5 can
 * point at one firm's request.
 */
import type { Cell, PublicCounts, SourceHealth } from '../db/stats';

/** Cells under this count are published as `null`. */
export const SUPPRESS_BELOW = 5;

/** A cell from private data: its count, or `null` when it is under `SUPPRESS_BELOW`. */
export interface SuppressedCell {
  value: string;
  count: number | null;
}

/** Hides every count under 5 (zero included: "none" is as telling as "one" in a small country). */
export function suppressSmall(cells: Cell[]): SuppressedCell[] {
  return cells.map((c) => ({ value: c.value, count: c.count < SUPPRESS_BELOW ? null : c.count }));
}

/** Introduction requests and their outcomes; empty until requests are recorded. */
export interface IntroductionStats {
  byStatus: SuppressedCell[];
  /** Median days from request to a concluded partnership, over `count` requests; null when fewer than 5. */
  timeToConclusion: { medianDays: number; count: number } | null;
  concludedByDirection: SuppressedCell[];
  concludedByRegion: SuppressedCell[];
}

export interface Stats {
  programmes: { byDirection: Cell[]; byRegion: Cell[] };
  organizations: { byCountry: Cell[]; byRegion: Cell[]; byLdc: Cell[] };
  introductions: IntroductionStats;
  sources: SourceHealth[];
}

/** No introduction has been recorded yet: the shape readers will get, with nothing in it. */
export const noIntroductions: IntroductionStats = { byStatus: [], timeToConclusion: null, concludedByDirection: [], concludedByRegion: [] };

export function presentStats(counts: PublicCounts, introductions: IntroductionStats, sources: SourceHealth[]): Stats {
  return {
    programmes: { byDirection: counts.programmesByDirection, byRegion: counts.programmesByRegion },
    organizations: { byCountry: counts.organizationsByCountry, byRegion: counts.organizationsByRegion, byLdc: counts.organizationsByLdc },
    introductions,
    sources,
  };
}
