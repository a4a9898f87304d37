import { z } from 'zod';
import type { SavedSearchRow } from '../db/saved-searches';
import { frequencies } from '../db/enums';
import { languages } from '../i18n';

/** The JSON of a saved search, as its owner sees it. */
export const savedSearchSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    frequency: z.enum(frequencies),
    lang: z.enum(languages).meta({ description: 'The language of its alerts' }),
    query: z.record(z.string(), z.unknown()).meta({ description: 'The filters of GET /api/v1/organizations it was saved with' }),
    lastSentAt: z.iso.datetime(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'SavedSearch' });
export type SavedSearchJson = z.infer<typeof savedSearchSchema>;

export function presentSavedSearch(s: SavedSearchRow): SavedSearchJson {
  return { id: s.id, name: s.name, frequency: s.frequency, lang: s.lang, query: s.query, lastSentAt: s.lastSentAt.toISOString(), createdAt: s.createdAt.toISOString() };
}
