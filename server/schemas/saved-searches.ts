/** A saved search: a name, how often to mail, and the filters of a /search query. */
import { z } from 'zod';
import { frequencies } from '../db/enums';
import { listQuery } from './lists';

/** The filters of a list query, without its paging, language and freshness flag. */
export const searchFilters = listQuery.omit({ limit: true, cursor: true, lang: true, confirmed: true, facets: true }).meta({ id: 'SavedSearchQuery' });
export type SearchFilters = z.infer<typeof searchFilters>;

export const savedSearchBody = z
  .strictObject({
    name: z.string('a name is required').trim().min(1, 'a name is required').max(100, 'at most 100 characters'),
    frequency: z.enum(frequencies, 'expected weekly or monthly'),
    query: z.preprocess((v) => v ?? {}, searchFilters).meta({ description: 'The filters of GET /api/v1/organizations (q, places, country, region, sector, service, partnershipType, kind, network, direction, ldc).' }),
    lang: z.enum(['en', 'fr', 'es'], 'expected en, fr or es').optional().meta({ description: 'The language of the alerts; the request’s language when left out.' }),
  })
  .meta({ id: 'SavedSearchBody' });
export type SavedSearchBody = z.infer<typeof savedSearchBody>;
