/**
 * The code lists the server accepts, as the OpenAPI document states them: countries (ISO 3166-1
 * alpha-2), regions (UN M49) and sectors (ISIC Rev.4) from the reference data, network labels by
 * their pattern. Validation itself stays with each schema (its messages are part of the API);
 * these only say which values exist.
 */
import { z } from 'zod';
import { loadReference } from '../reference';

export const NETWORK_LABEL = /^[a-z0-9][a-z0-9-]{0,63}$/;

const reference = loadReference();

/** OpenAPI keywords for a country code. */
export const countryDoc = { enum: reference.countries.map((c) => c.alpha2), description: 'ISO 3166-1 alpha-2 code, such as KE' };
/** OpenAPI keywords for a region code. */
export const regionDoc = { enum: reference.regions.map((r) => r.code), description: 'UN M49 region, sub-region or intermediate region code, such as 002 (Africa)' };
/** OpenAPI keywords for a sector code. */
export const sectorDoc = { enum: reference.sectors.map((s) => s.code), description: 'ISIC Rev.4 section (A-U) or division (01-99)' };
/** OpenAPI keywords for an ISIC section alone. */
export const sectionDoc = { enum: reference.sectors.filter((s) => s.code === s.section).map((s) => s.code), description: 'ISIC Rev.4 section (A-U)' };
/** OpenAPI keywords for a network label. */
export const networkDoc = { pattern: NETWORK_LABEL.source, description: 'A lowercase network label, such as empretec or waipa' };

/** A value of a vocabulary, documented with its values; typed as a string while the column is text. */
export const documentedEnum = (values: readonly string[], description?: string) => z.string().meta({ enum: [...values], ...(description ? { description } : {}) });

export const countryCode = z.string().meta(countryDoc);
export const regionCode = z.string().meta(regionDoc);
export const sectorCode = z.string().meta(sectorDoc);
export const networkLabel = z.string().meta(networkDoc);
