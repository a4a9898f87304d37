import type { SavedSearchRow } from '../db/saved-searches';

/** The JSON of a saved search, as its owner sees it. */
export function presentSavedSearch(s: SavedSearchRow) {
  return { id: s.id, name: s.name, frequency: s.frequency, lang: s.lang, query: s.query, lastSentAt: s.lastSentAt.toISOString(), createdAt: s.createdAt.toISOString() };
}
