/** What a list asks of the search index, and what it answers. */
import type { PlannedPlace } from './plan';

export type { EntityKind } from '../db/search-documents';

export interface ListFilters {
  q?: string;
  country: string[];
  region: string[];
  sector: string[];
  service: string[];
  partnershipType: string[];
  kind: string[];
  network: string[];
  direction: string[];
  ldc?: boolean;
  /** Only entries confirmed within the last 12 months. */
  confirmed?: 'recent';
  /** `none`: read every word of `q` as a word, not the names of places among them as places. */
  places?: 'auto' | 'none';
}

/** Where the previous page stopped: by relevance when searching text, by name otherwise. */
export type SortKey = { by: 'rank'; rank: number; id: string } | { by: 'name'; name: string; id: string };

export type FacetValue = { value: string | boolean; count: number };

/** How the search read `q`: the places it named, the words it corrected, and whether entries hold all of them. */
export interface Understood {
  places: { type: PlannedPlace['type']; code: string }[];
  corrected: string | null;
  /** `some`: no entry held every word and place, so words were left out (the last typed first). */
  match: 'all' | 'some';
  /** The words left out, as read. */
  leftOut: string[];
}

export interface ListResult {
  ids: string[];
  total: number;
  facets: Record<string, FacetValue[]>;
  next: SortKey | null;
  understood: Understood | null;
}
