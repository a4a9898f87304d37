/**
 * Reference data (countries, M49 regions, ISIC sectors) read from the data files
 * in server/reference/datasets, each with its source and date, validated at load.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { projectPath } from '../paths';
import { developmentStatuses, type DevelopmentStatus } from './vocabularies';

const names = z.object({ en: z.string(), fr: z.string(), es: z.string() });
const m49 = z.string().regex(/^\d{3}$/);

const countriesFile = z.object({
  sources: z.array(z.string()),
  date: z.string(),
  countries: z.array(
    z.object({
      alpha2: z.string().regex(/^[A-Z]{2}$/),
      alpha3: z.string().regex(/^[A-Z]{3}$/),
      m49,
      region: m49.nullable(),
      subregion: m49.nullable(),
      intermediateRegion: m49.nullable(),
      names,
      variants: z.array(z.string()),
      status: z.enum(developmentStatuses),
      ldc: z.boolean(),
      lldc: z.boolean(),
      sids: z.boolean(),
    }),
  ),
});

const regionsFile = z.object({
  source: z.string(),
  date: z.string(),
  regions: z.array(z.object({ code: m49, level: z.string(), parent: m49.nullable(), names, variants: z.array(z.string()).default([]) })),
});

const isicFile = z.object({
  source: z.string(),
  date: z.string(),
  sections: z.array(z.object({ code: z.string().regex(/^[A-U]$/), names, divisions: z.array(z.string()) })),
  divisions: z.array(
    z.object({
      code: z.string().regex(/^\d{2}$/),
      section: z.string(),
      names: z.object({ en: z.string(), fr: z.string().optional(), es: z.string().optional() }),
    }),
  ),
});

export type Country = z.infer<typeof countriesFile>['countries'][number];
export type Region = z.infer<typeof regionsFile>['regions'][number];
export type Sector = { code: string; section: string; names: { en: string; fr?: string; es?: string } };

export interface Reference {
  countries: Country[];
  regions: Region[];
  sectors: Sector[];
  countryByAlpha2: ReadonlyMap<string, Country>;
  regionByCode: ReadonlyMap<string, Region>;
  sectorByCode: ReadonlyMap<string, Sector>;
  /** A hash of the three files: a new hash means the data changed and must be reloaded. */
  hash: string;
  /** Resolves alpha-2, alpha-3 or a name in en/fr/es (any case, accents, common variants). */
  resolveCountry(input: string): Country | undefined;
  statusOf(alpha2: string): DevelopmentStatus | undefined;
}

/** Folds case, accents, punctuation and spacing so "Côte d’Ivoire" and "cote d ivoire" meet. */
export function foldName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'`´]/g, ' ')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function read(file: string): { text: string; json: unknown } {
  const text = fs.readFileSync(projectPath('server', 'reference', 'datasets', file), 'utf8');
  return { text, json: JSON.parse(text) };
}

let cached: Reference | undefined;

/** Loads (once per process) and indexes the reference data files. */
export function loadReference(): Reference {
  if (cached) return cached;
  const c = read('countries.json');
  const r = read('regions.json');
  const i = read('isic.json');
  const countries = countriesFile.parse(c.json).countries;
  const regions = regionsFile.parse(r.json).regions;
  const isic = isicFile.parse(i.json);
  const sectors: Sector[] = [
    ...isic.sections.map((s) => ({ code: s.code, section: s.code, names: s.names })),
    ...isic.divisions.map((d) => ({ code: d.code, section: d.section, names: d.names })),
  ];
  const hash = crypto.createHash('sha256').update(c.text).update(r.text).update(i.text).digest('hex');

  const countryByAlpha2 = new Map(countries.map((x) => [x.alpha2, x]));
  const byName = new Map<string, Country>();
  for (const x of countries) {
    for (const n of [x.alpha3, x.names.en, x.names.fr, x.names.es, ...x.variants]) {
      const key = foldName(n);
      if (key && !byName.has(key)) byName.set(key, x);
    }
  }
  cached = {
    countries,
    regions,
    sectors,
    countryByAlpha2,
    regionByCode: new Map(regions.map((x) => [x.code, x])),
    sectorByCode: new Map(sectors.map((x) => [x.code, x])),
    hash,
    resolveCountry(input) {
      const trimmed = input.trim();
      const byCode = /^[A-Za-z]{2}$/.test(trimmed) ? countryByAlpha2.get(trimmed.toUpperCase()) : undefined;
      return byCode ?? byName.get(foldName(trimmed));
    },
    statusOf: (alpha2) => countryByAlpha2.get(alpha2)?.status,
  };
  return cached;
}
