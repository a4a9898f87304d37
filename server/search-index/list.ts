/**
 * Lists of organizations, programmes and cases, answered by the search index: the words of
 * `q` are read against its vocabulary (plan.ts), then matched, ranked, filtered, counted by
 * facet and paged in memory.
 */
import type { Database } from '../db/client';
import { planSearch, type PlannedWord, type SearchPlan } from './plan';
import type { SearchIndex } from './index';
import type { TextMatch, WordMatch } from './kind-index';
import type { EntityKind, ListFilters, ListResult, SortKey, Understood } from './types';

const asMatch = (word: PlannedWord): WordMatch => ({ exact: [...(word.prefix ? [] : [word.word]), ...word.alternatives], prefix: word.prefix ? word.word : null });

/** What the plan asks of an entry, leaving out its last `leftOut` words. */
function textMatch(plan: SearchPlan, leftOut: number): TextMatch {
  return {
    required: plan.words.slice(0, plan.words.length - leftOut).map(asMatch),
    places: plan.places.map((p) => ({ countries: p.countries, names: p.names })),
    scored: plan.words.map(asMatch),
  };
}

/**
 * One page of `kind` entries matching `filters`, after `after` when given. When no entry holds
 * every word and place of `q`, words are left out from the last typed until some entry holds the
 * rest (places are kept: a firm that names a country means it).
 */
export async function listEntries(
  where: { database: Database; searchIndex: SearchIndex },
  kind: EntityKind,
  filters: ListFilters,
  limit: number,
  after: SortKey | undefined,
  /** facets false: no facet counts (an empty object), for lists that show only the entries. */
  options: { facets: boolean; now?: number } = { facets: true },
): Promise<ListResult> {
  const { entries, vocabulary } = await where.searchIndex.current(kind);
  const plan = filters.q ? await planSearch(where.database, vocabulary, filters.q, { places: filters.places !== 'none' }) : null;
  // From here on nothing awaits: the index is read as it stands now.
  const index = entries();
  const { q: _q, places: _places, ...rest } = filters;
  const query = (leftOut: number) => ({ filters: rest, text: plan && textMatch(plan, leftOut), now: options.now ?? Date.now() });
  // Something must be left to look for: a word, or a place.
  const mostLeftOut = plan ? (plan.places.length ? plan.words.length : Math.max(0, plan.words.length - 1)) : 0;
  let leftOut = 0;
  while (leftOut < mostLeftOut && index.count(query(leftOut)) === 0) leftOut += 1;
  // Leaving words out found nothing either: nothing was left out, and the list says only that nothing matches.
  if (leftOut > 0 && index.count(query(leftOut)) === 0) leftOut = 0;
  const page = index.search(query(leftOut), limit, after, options.facets);
  const understood: Understood | null = plan && {
    places: plan.places.map(({ type, code }) => ({ type, code })),
    corrected: plan.corrected,
    match: leftOut ? 'some' : 'all',
    leftOut: plan.words.slice(plan.words.length - leftOut).map((w) => w.word),
  };
  return { ...page, understood };
}
