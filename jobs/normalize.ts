/**
 * Turns a mapped feed record into an organization the directory can store, or says why
 * not: a record without a name or with an unknown country is rejected; a bad website or
 * e-mail is dropped with a warning; HTML is sanitised; unknown services become `other`.
 */
import crypto from 'node:crypto';
import * as cheerio from 'cheerio';
import sanitizeHtml from 'sanitize-html';
import { isEmailAddress } from '../server/email';
import type { Reference } from '../server/reference';
import { markupFree, sanitize } from '../server/sanitize';
import { storableText } from '../server/storable';
import { firmSizes, organizationKinds, partnershipTypes, programmeStatuses, services as serviceVocabulary, type OrganizationKind, type ProgrammeStatus } from '../server/reference/vocabularies';
import type { Mapping } from './mapping';
import type { RawRecord } from './connectors/connector';

export interface OrganizationRecord {
  externalId: string;
  name: string;
  acronym: string | null;
  kind: OrganizationKind;
  country: string;
  website: string | null;
  email: string | null;
  phone: string | null;
  address: { text?: string; city?: string } | null;
  description: string | null;
  services: string[];
  sectors: string[];
  languages: string[];
  networks: string[];
  /** Identifiers with their scheme the feed gave (a registry number, a peer's identifiers). */
  identifiers: { scheme: string; value: string }[];
}

/** A record made ready to store, with its warnings, or why it was rejected. */
export type Normalization<R> = { ok: true; record: R; warnings: string[] } | { ok: false; externalId?: string; reason: string };

export type Normalized = Normalization<OrganizationRecord>;

const LIMITS = { name: 300, description: 20_000 };

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const s = (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '').replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
};

/** Lists come as arrays or as strings split on ; , or |. */
const list = (v: unknown, separators = /[;,|]/): string[] =>
  (Array.isArray(v) ? v.map(text) : (text(v) ?? '').split(separators).map((x) => x.trim())).filter((x): x is string => !!x);

/**
 * Names are text: markup a feed put in them is dropped and entities decoded ("AT&amp;T" is
 * AT&T), and no angle bracket is kept, so a name can never read as a tag anywhere.
 */
const plainText = (s: string) =>
  markupFree(s) ? s : cheerio.load(sanitizeHtml(s, { allowedTags: [], allowedAttributes: {} }), null, false).text().replace(/[<>]/g, '').replace(/\s+/g, ' ').trim();

const hash = (...parts: string[]) => crypto.createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);

/**
 * What PostgreSQL cannot store is taken out of a feed's strings before anything reads them
 * (server/storable.ts). Left in, one such record failed its whole batch, and with it the run.
 */
function storable(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]): [string, unknown] => [storableText(k), storable(v)]));
  }
  return value;
}

/** Reads a target field of a record through the mapping; an empty value takes the mapping's default. */
function fieldReader(raw: RawRecord, mapping: Mapping) {
  return (name: string): unknown => {
    const path = mapping.fields[name];
    const value = path === undefined ? undefined : storable(raw.get(path));
    const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    return empty ? mapping.defaults[name] : value;
  };
}

/** Markup where the format keeps it (html, atom), else the text: sanitised either way, by the caller. */
function descriptionOf(raw: RawRecord, mapping: Mapping, field: (name: string) => unknown): string | null {
  const path = mapping.fields.description;
  const markup = path && raw.html ? (storable(raw.html(path)) as string | undefined) : undefined;
  return markup?.trim() ? markup.trim() : text(field('description'));
}

export function normalizeOrganization(raw: RawRecord, mapping: Mapping, ref: Reference): Normalized {
  const field = fieldReader(raw, mapping);
  const warnings: string[] = [];
  const name = text(field('name'));
  const rawCountry = text(field('country'));
  const country = rawCountry ? ref.resolveCountry(rawCountry) : undefined;
  const externalId = text(field('externalId')) ?? (name ? `h-${hash(name.toLowerCase(), country?.alpha2 ?? rawCountry ?? '')}` : undefined);
  if (!name) return { ok: false, externalId, reason: 'no name' };
  if (name.length > LIMITS.name) return { ok: false, externalId, reason: `name over ${LIMITS.name} characters` };
  if (!country) return { ok: false, externalId, reason: rawCountry ? `unknown country "${rawCountry}"` : 'no country' };

  let website = text(field('website'));
  if (website) {
    try {
      const u = new URL(website);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
      website = u.toString();
    } catch {
      warnings.push(`website "${website}" is not an http(s) address: dropped`);
      website = null;
    }
  }
  let email = text(field('email'));
  if (email && !isEmailAddress(email)) {
    warnings.push(`e-mail "${email}" is malformed: dropped`);
    email = null;
  }
  const rawDescription = descriptionOf(raw, mapping, field);
  const description = rawDescription ? sanitize(rawDescription) || null : null;
  if (description && description.length > LIMITS.description) return { ok: false, externalId, reason: `description over ${LIMITS.description} characters` };

  const kindValue = text(field('kind'));
  const kind = organizationKinds.find((k) => k === kindValue) ?? 'other';
  if (kindValue && kind === 'other' && kindValue !== 'other') warnings.push(`kind "${kindValue}" is unknown: stored as other`);
  const services = [...new Set(list(field('services')).map((s) => {
    if ((serviceVocabulary as readonly string[]).includes(s)) return s;
    warnings.push(`service "${s}" is unknown: stored as other`);
    return 'other';
  }))];
  const sectors = list(field('sectors')).map((s) => s.toUpperCase()).filter((s) => {
    const known = ref.sectorByCode.has(s);
    if (!known) warnings.push(`sector "${s}" is unknown: dropped`);
    return known;
  });
  const addressText = text(typeof field('address') === 'string' ? (field('address') as string).replace(/\s*\n\s*/g, ', ') : null);
  const city = text(field('city'));
  return {
    ok: true,
    warnings,
    record: {
      externalId: externalId as string,
      name: plainText(name),
      acronym: text(field('acronym')),
      kind,
      country: country.alpha2,
      website,
      email,
      phone: text(field('phone')),
      address: addressText || city ? { ...(addressText ? { text: addressText } : {}), ...(city ? { city } : {}) } : null,
      description,
      services,
      sectors: [...new Set(sectors)],
      languages: list(field('languages')).map((l) => l.toLowerCase()),
      networks: [...new Set(list(field('networks')).map((n) => n.toLowerCase()))],
      identifiers: identifiersOf(field, country.alpha2),
    },
  };
}

/** A registry number (scheme `registry`, value `<country>:<number>`) and any identifiers a peer lists, the website aside. */
function identifiersOf(field: (name: string) => unknown, country: string): { scheme: string; value: string }[] {
  const out: { scheme: string; value: string }[] = [];
  const registry = text(field('registryNumber'));
  if (registry) out.push({ scheme: 'registry', value: `${country}:${registry.toUpperCase().replace(/\s+/g, '')}` });
  const listed = field('identifiers');
  for (const item of Array.isArray(listed) ? listed : []) {
    const { scheme, value } = (item ?? {}) as { scheme?: unknown; value?: unknown };
    if (typeof scheme === 'string' && typeof value === 'string' && scheme && value && scheme !== 'website' && scheme.length <= 60 && value.length <= 200) {
      if (!out.some((i) => i.scheme === scheme && i.value === value)) out.push({ scheme, value });
    }
  }
  return out;
}

/** The content hash of a normalized record: equal hashes mean nothing to write. */
export const contentHash = (r: OrganizationRecord) => crypto.createHash('sha256').update(JSON.stringify(r)).digest('hex');

export interface ProgrammeRecord {
  externalId: string;
  name: string;
  description: string | null;
  website: string | null;
  originCountries: string[];
  targetCountries: string[];
  funderCountries: string[];
  partnershipTypes: string[];
  services: string[];
  sectors: string[];
  firmSizes: string[];
  status: ProgrammeStatus;
  /** The source's own ids of the organizations that run it (a peer lists them): resolved through provenance. */
  operatorRefs: string[];
}

export type NormalizedProgramme = Normalization<ProgrammeRecord>;

/** A programme from a feed: countries resolved (lists split on ; and | only), vocabularies checked. */
export function normalizeProgramme(raw: RawRecord, mapping: Mapping, ref: Reference): NormalizedProgramme {
  const field = fieldReader(raw, mapping);
  const warnings: string[] = [];
  const name = text(field('name'));
  const externalId = text(field('externalId')) ?? (name ? `h-${hash(name.toLowerCase())}` : undefined);
  if (!name) return { ok: false, externalId, reason: 'no name' };
  if (name.length > LIMITS.name) return { ok: false, externalId, reason: `name over ${LIMITS.name} characters` };
  const countries = (key: string): string[] | string => {
    const out: string[] = [];
    for (const c of list(field(key), /[;|]/)) {
      const found = ref.resolveCountry(c);
      if (!found) return `unknown country "${c}" in ${key}`;
      out.push(found.alpha2);
    }
    return [...new Set(out)];
  };
  const origin = countries('originCountries');
  const target = countries('targetCountries');
  const funders = countries('funderCountries');
  for (const c of [origin, target, funders]) if (typeof c === 'string') return { ok: false, externalId, reason: c };
  const vocabulary = (key: string, known: readonly string[]) =>
    [...new Set(list(field(key)).map((v) => {
      if (known.includes(v)) return v;
      warnings.push(`${key} value "${v}" is unknown: stored as other`);
      return 'other';
    }))];
  let website = text(field('website'));
  if (website && !/^https?:\/\//i.test(website)) {
    warnings.push(`website "${website}" is not an http(s) address: dropped`);
    website = null;
  }
  const rawDescription = descriptionOf(raw, mapping, field);
  const description = rawDescription ? sanitize(rawDescription) || null : null;
  if (description && description.length > LIMITS.description) return { ok: false, externalId, reason: `description over ${LIMITS.description} characters` };
  const status = text(field('status'));
  return {
    ok: true,
    warnings,
    record: {
      externalId: externalId as string,
      name: plainText(name),
      description,
      website,
      originCountries: origin as string[],
      targetCountries: target as string[],
      funderCountries: funders as string[],
      partnershipTypes: vocabulary('partnershipTypes', partnershipTypes),
      services: vocabulary('services', serviceVocabulary),
      sectors: list(field('sectors')).map((s) => s.toUpperCase()).filter((s) => ref.sectorByCode.has(s)),
      firmSizes: list(field('firmSizes')).filter((s) => (firmSizes as readonly string[]).includes(s)),
      status: programmeStatuses.find((s) => s === status) ?? 'active',
      operatorRefs: list(field('operators')),
    },
  };
}

export const programmeHash = (r: ProgrammeRecord) => crypto.createHash('sha256').update(JSON.stringify(r)).digest('hex');
