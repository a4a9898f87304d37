/** What a firm tells the directory about the partnership it seeks, checked against the vocabularies and reference data. */
import { z } from 'zod';
import { loadReference } from '../reference';
import { firmSizes, partnershipTypes } from '../reference/vocabularies';

const country = z
  .string('expected an ISO 3166-1 alpha-2 code such as KE')
  .transform((v) => v.toUpperCase())
  .refine((v) => loadReference().countryByAlpha2.has(v), { message: 'unknown country; expected an ISO 3166-1 alpha-2 code such as KE' });

const section = z
  .string('expected an ISIC Rev.4 section (A-U)')
  .transform((v) => v.toUpperCase())
  .refine((v) => /^[A-U]$/.test(v) && loadReference().sectorByCode.has(v), { message: 'unknown sector; expected an ISIC Rev.4 section (A-U)' });

const region = z.string('expected a UN M49 region code such as 002').refine((v) => loadReference().regionByCode.has(v), { message: 'unknown region; expected a UN M49 region code such as 002 (Africa)' });

const language = z
  .string('expected an ISO 639-1 code such as fr')
  .transform((v) => v.toLowerCase())
  .refine((v) => /^[a-z]{2}$/.test(v), { message: 'expected an ISO 639-1 code such as fr' });

export const recommendationBody = z
  .strictObject({
    country: country.meta({ description: 'The firm\'s country (ISO 3166-1 alpha-2).' }),
    sector: section.optional().meta({ description: 'The firm\'s ISIC Rev.4 section (A-U).' }),
    firmSize: z.enum(firmSizes, `expected one of: ${firmSizes.join(', ')}`).optional(),
    partnershipType: z.enum(partnershipTypes, `expected one of: ${partnershipTypes.join(', ')}`).optional(),
    partnerCountries: z.array(country).max(50, 'at most 50 values').default([]).meta({ description: 'Countries where the firm seeks partners (alpha-2).' }),
    partnerRegions: z.array(region).max(20, 'at most 20 values').default([]).meta({ description: 'UN M49 regions where the firm seeks partners.' }),
    languages: z.array(language).max(10, 'at most 10 values').default([]).meta({ description: 'Languages the firm works in (ISO 639-1).' }),
    limit: z.number('expected a whole number from 1 to 50').int('expected a whole number from 1 to 50').min(1, 'must be at least 1').max(50, 'must be at most 50').default(10),
  })
  .meta({ id: 'RecommendationRequest' });

export type FirmNeed = z.infer<typeof recommendationBody>;
