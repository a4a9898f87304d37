/**
 * The statistics' JSON. Counts of public entries are exact; counts drawn from firms' private
 * data (introductions and their outcomes) go through `suppressSmall`, so no cell under 5 can
 * point at one firm's request.
 */
import type { IntroductionCounts } from '../db/introductions';
import type { Cell, PublicCounts, SourceHealth } from '../db/stats';
import { followUpAnswers, outcomes, introductionStatuses } from '../db/enums';

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
  /** How closed requests went, as both sides told it. */
  outcomes: SuppressedCell[];
  /** What came of closed requests six months on, one answer per side. */
  sixMonthsOn: SuppressedCell[];
}

export interface Stats {
  programmes: { byDirection: Cell[]; byRegion: Cell[] };
  organizations: { byCountry: Cell[]; byRegion: Cell[]; byLdc: Cell[] };
  introductions: IntroductionStats;
  sources: SourceHealth[];
}

/** No introduction has been recorded yet: the shape readers will get, with nothing in it. */
export const noIntroductions: IntroductionStats = { byStatus: [], timeToConclusion: null, concludedByDirection: [], concludedByRegion: [], outcomes: [], sixMonthsOn: [] };

/** Every status and every outcome is listed (a zero too, suppressed like any small cell), so readers see the whole scale. */
export function presentIntroductionStats(counts: IntroductionCounts, sixMonthsOn: Cell[] = []): IntroductionStats {
  const all = (values: readonly string[], cells: Cell[]): Cell[] => {
    const found = new Map(cells.map((c) => [c.value, c.count]));
    return values.map((value) => ({ value, count: found.get(value) ?? 0 }));
  };
  // Until a first request is recorded the block stays empty, which says "not counted yet" rather than "none".
  if (!counts.byStatus.length) return noIntroductions;
  const { medianDays, count } = counts.conclusion;
  return {
    byStatus: suppressSmall(all(introductionStatuses, counts.byStatus)),
    timeToConclusion: medianDays === null || count < SUPPRESS_BELOW ? null : { medianDays: Math.round(medianDays * 10) / 10, count },
    concludedByDirection: suppressSmall(counts.concludedByDirection),
    concludedByRegion: suppressSmall(counts.concludedByRegion),
    outcomes: suppressSmall(all(outcomes, counts.outcomes)),
    sixMonthsOn: suppressSmall(all(followUpAnswers, sixMonthsOn)),
  };
}

export function presentStats(counts: PublicCounts, introductions: IntroductionStats, sources: SourceHealth[]): Stats {
  return {
    programmes: { byDirection: counts.programmesByDirection, byRegion: counts.programmesByRegion },
    organizations: { byCountry: counts.organizationsByCountry, byRegion: counts.organizationsByRegion, byLdc: counts.organizationsByLdc },
    introductions,
    sources,
  };
}
