/** Query parameters shared by every list endpoint, checked against the vocabularies and reference data. */
import { z } from 'zod';
import { loadReference } from '../reference';
import { directions, organizationKinds, partnershipTypes, services } from '../reference/vocabularies';
import { countryDoc, NETWORK_LABEL, networkDoc, regionDoc, sectorDoc } from './codes';

/** Accepts `a=1&a=2` and `a=1,2` alike. */
const many = <T extends z.ZodType<string>>(item: T) =>
  z.preprocess(
    (v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((x) => x.trim()).filter(Boolean)),
    z.array(item).max(50, 'at most 50 values'),
  );

const oneOf = (values: readonly string[], what: string) =>
  z.string().refine((v) => values.includes(v), { message: `unknown ${what}; expected one of: ${values.join(', ')}` }).meta({ enum: [...values] });

const country = z
  .string()
  .transform((v) => v.toUpperCase())
  .refine((v) => loadReference().countryByAlpha2.has(v), { message: 'unknown country; expected an ISO 3166-1 alpha-2 code such as KE' })
  .meta(countryDoc);

const region = z
  .string()
  .refine((v) => loadReference().regionByCode.has(v), { message: 'unknown region; expected a UN M49 region code such as 002 (Africa)' })
  .meta(regionDoc);

const sector = z
  .string()
  .transform((v) => v.toUpperCase())
  .refine((v) => loadReference().sectorByCode.has(v), { message: 'unknown sector; expected an ISIC Rev.4 section (A-U) or division (01-99)' })
  .meta(sectorDoc);

const single = (v: unknown) => (Array.isArray(v) ? v[v.length - 1] : v);
/** Words to search for: only spaces are no words, and mean no query at all. */
const words = (v: unknown) => {
  const s = single(v);
  return typeof s === 'string' && s.trim() === '' ? undefined : s;
};

export const listQuery = z
  .strictObject({
    q: z
      .preprocess(words, z.string().max(200, 'at most 200 characters').optional())
      .meta({ description: 'Full text, accent- and case-insensitive, en/fr/es; the last word matches as a prefix; misspellings are corrected; stop words are left out; countries and regions named are read as places (see places). When no entry holds every word, words are left out from the last typed (see understood).' }),
    places: z
      .preprocess(single, z.enum(['auto', 'none'], 'expected auto or none').optional())
      .meta({
        description:
          'auto (the default): a country or region named in q, in English, French or Spanish, is read as a place: entries based in or working there come first, then those mentioning it. none: every word of q is a word.',
      }),
    country: many(country),
    region: many(region),
    sector: many(sector),
    service: many(oneOf(services, 'service')),
    partnershipType: many(oneOf(partnershipTypes, 'partnership type')),
    kind: many(oneOf(organizationKinds, 'kind')),
    network: many(z.string().regex(NETWORK_LABEL, 'a network is a lowercase label such as empretec or waipa').meta(networkDoc)),
    direction: many(oneOf(directions, 'direction')),
    ldc: z.preprocess(single, z.enum(['true', 'false'], 'expected true or false').optional()),
    confirmed: z.preprocess(single, z.enum(['recent'], 'expected recent (confirmed within 12 months)').optional()),
    limit: z.preprocess(
      single,
      z.coerce.number('expected a whole number from 1 to 100').int('expected a whole number from 1 to 100').min(1, 'must be at least 1').max(100, 'must be at most 100').default(20),
    ),
    cursor: z.preprocess(single, z.string().max(1000).optional()).meta({ description: 'The nextCursor of the previous page; opaque and signed.' }),
    facets: z.preprocess(single, z.enum(['all', 'none'], 'expected all or none').optional()).meta({
      description: 'none: no facet counts (facets is an empty object), for typeahead and other clients that show only the entries; the entries and the total are the same.',
    }),
    lang: z.preprocess(single, z.enum(['en', 'fr', 'es']).optional()),
  })
  .meta({ id: 'ListQuery' });

export type ListQuery = z.infer<typeof listQuery>;
