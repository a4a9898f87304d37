/**
 * Builds server/reference/datasets/countries.json and regions.json.
 *
 *   npx tsx scripts/reference/build-countries.ts
 *
 * Inputs: ISO 3166-1 codes and en/fr/es names from i18n-iso-countries (7.x), extra
 * names from world-countries (5.x), and the classifications held in ./classifications.ts
 * (M49 areas, UNCTADstat status, LDC, LLDC, SIDS, display names, extra variants).
 * The script checks its inputs and stops with an error rather than write bad data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { alpha2ToNumeric, getAlpha2Codes, type LocaleData } from 'i18n-iso-countries';
import worldCountries from 'world-countries';
import { foldName } from '../../server/reference';
import {
  DEVELOPED_OUTSIDE_EUROPE,
  DISPLAY_NAMES,
  EXTRA_VARIANTS,
  LDC,
  LLDC,
  M49_AREAS,
  M49_REGIONS,
  REFERENCE_DATE,
  SIDS,
  TRANSITION_ECONOMIES,
  type Lang,
  type M49Area,
  type Names,
} from './classifications';

type Status = 'developed' | 'developing' | 'transition';

interface CountryRecord {
  alpha2: string;
  alpha3: string;
  m49: string;
  region: string | null;
  subregion: string | null;
  intermediateRegion: string | null;
  names: Names;
  variants: string[];
  status: Status;
  ldc: boolean;
  lldc: boolean;
  sids: boolean;
}

const LANGS: Lang[] = ['en', 'fr', 'es'];
const OUT_DIR = path.resolve(__dirname, '../../server/reference/datasets');

/* eslint-disable @typescript-eslint/no-require-imports */
const locales: Record<Lang, LocaleData> = {
  en: require('i18n-iso-countries/langs/en.json') as LocaleData,
  fr: require('i18n-iso-countries/langs/fr.json') as LocaleData,
  es: require('i18n-iso-countries/langs/es.json') as LocaleData,
};
/* eslint-enable @typescript-eslint/no-require-imports */

const problems: string[] = [];
const fail = (msg: string): void => void problems.push(msg);

/** Trims, collapses spaces, straightens apostrophes, closes stray spaces ("d' Ivoire", "République -Unie"). */
function tidy(s: string): string {
  return s.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').replace(/' /g, "'").replace(/ -/g, '-').trim();
}

/** All names a locale gives for a code (some entries are arrays: official name first). */
function localeNames(lang: Lang, alpha2: string): string[] {
  const v = locales[lang].countries[alpha2];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(tidy);
}

const LATIN = /^[\p{Script=Latin}\p{M}\p{N}\s'.,()&/-]+$/u;

// ISO 3166-1 entries: i18n-iso-countries also carries XK (Kosovo, a user-assigned code).
const isoCodes = Object.entries(getAlpha2Codes())
  .filter(([alpha2]) => alpha2 !== 'XK')
  .sort(([a], [b]) => a.localeCompare(b));
if (isoCodes.length !== 249) fail(`expected 249 ISO 3166-1 entries, got ${isoCodes.length}`);
const isoSet = new Set(isoCodes.map(([alpha2]) => alpha2));

// Every code in a hand-held list must be an ISO code, listed once.
function checkList(name: string, list: string[], expected?: number): Set<string> {
  const set = new Set(list);
  if (set.size !== list.length) fail(`${name}: duplicate codes`);
  for (const c of list) if (!isoSet.has(c)) fail(`${name}: unknown code ${c}`);
  if (expected !== undefined && set.size !== expected) fail(`${name}: expected ${expected}, got ${set.size}`);
  return set;
}
const ldc = checkList('LDC', LDC, 44);
const lldc = checkList('LLDC', LLDC, 32);
const sids = checkList('SIDS', SIDS, 58);
const transition = checkList('TRANSITION_ECONOMIES', TRANSITION_ECONOMIES, 17);
const developedOutsideEurope = checkList('DEVELOPED_OUTSIDE_EUROPE', DEVELOPED_OUTSIDE_EUROPE);
checkList('DISPLAY_NAMES', Object.keys(DISPLAY_NAMES));
checkList('EXTRA_VARIANTS', Object.keys(EXTRA_VARIANTS));

const areaOf = new Map<string, M49Area>();
for (const a of M49_AREAS) {
  for (const c of a.members) {
    if (areaOf.has(c)) fail(`M49: ${c} is in two areas`);
    areaOf.set(c, a);
  }
}
checkList('M49_AREAS', [...areaOf.keys()], 248);
const regionCodes = new Set(M49_REGIONS.map((r) => r.code));
for (const a of M49_AREAS) {
  for (const code of [a.region, a.subregion, a.intermediateRegion]) {
    if (code !== null && !regionCodes.has(code)) fail(`M49: region ${code} missing from M49_REGIONS`);
  }
}

const wcByAlpha2 = new Map(worldCountries.map((c) => [c.cca2, c]));

function statusOf(alpha2: string, area: M49Area | undefined): Status {
  if (transition.has(alpha2)) return 'transition';
  if (area?.region === '150' || developedOutsideEurope.has(alpha2)) return 'developed';
  return 'developing';
}

/** Candidate variants for one country, before cross-country de-duplication. */
function candidateVariants(alpha2: string): string[] {
  const out = [...(EXTRA_VARIANTS[alpha2] ?? [])];
  for (const lang of LANGS) out.push(...localeNames(lang, alpha2));
  const wc = wcByAlpha2.get(alpha2);
  if (wc) {
    out.push(wc.name.common, wc.name.official);
    for (const key of ['fra', 'spa']) {
      const t = wc.translations[key];
      if (t) out.push(t.common, t.official);
    }
    // altSpellings also hold codes and native-script names: keep Latin-script names only.
    out.push(...wc.altSpellings.filter((s) => LATIN.test(s)));
  }
  return out.map(tidy).filter((s) => s !== '' && s.toUpperCase() !== alpha2);
}

const countries: CountryRecord[] = isoCodes.map(([alpha2, alpha3]) => {
  const numeric = alpha2ToNumeric(alpha2);
  if (numeric === undefined) fail(`${alpha2}: no numeric code`);
  const m49 = String(numeric ?? '').padStart(3, '0');
  const wc = wcByAlpha2.get(alpha2);
  if (!wc) fail(`${alpha2}: missing from world-countries`);
  else if (wc.cca3 !== alpha3 || wc.ccn3 !== m49) fail(`${alpha2}: world-countries has ${wc.cca3}/${wc.ccn3}, ISO ${alpha3}/${m49}`);

  const override = DISPLAY_NAMES[alpha2] ?? {};
  const names = {} as Names;
  for (const lang of LANGS) {
    const name = override[lang] ?? localeNames(lang, alpha2)[0];
    if (name === undefined) fail(`${alpha2}: no ${lang} name`);
    names[lang] = name ?? '';
  }

  const area = areaOf.get(alpha2);
  if (!area && alpha2 !== 'AQ') fail(`${alpha2}: no M49 area`);
  if (lldc.has(alpha2) && wc && !wc.landlocked) console.warn(`note: ${alpha2} is an LLDC but world-countries says not landlocked`);

  return {
    alpha2,
    alpha3,
    m49,
    region: area?.region ?? null,
    subregion: area?.subregion ?? null,
    intermediateRegion: area?.intermediateRegion ?? null,
    names,
    variants: candidateVariants(alpha2),
    status: statusOf(alpha2, area),
    ldc: ldc.has(alpha2),
    lldc: lldc.has(alpha2),
    sids: sids.has(alpha2),
  };
});

// Cross-country clean-up. The importer matches folded names (case, accents, punctuation)
// and the first country wins, so a folded key must point at one country only:
//  - display names must not clash between countries;
//  - a variant that folds to another country's display name or code is dropped;
//  - a variant claimed by several countries stays only with the country that lists it in
//    EXTRA_VARIANTS, if exactly one does; otherwise it is dropped from all of them.
const nameOwner = new Map<string, string>();
for (const c of countries) {
  for (const key of [c.alpha3, ...LANGS.map((l) => c.names[l])].map((n) => foldName(n))) {
    const owner = nameOwner.get(key);
    if (owner !== undefined && owner !== c.alpha2) fail(`name "${key}" used by ${owner} and ${c.alpha2}`);
    nameOwner.set(key, c.alpha2);
  }
}
const variantOwners = new Map<string, Set<string>>();
for (const c of countries) {
  for (const v of c.variants) {
    const key = foldName(v);
    const owners = variantOwners.get(key) ?? new Set<string>();
    owners.add(c.alpha2);
    variantOwners.set(key, owners);
  }
}
/** The one country whose EXTRA_VARIANTS list has this folded variant, if exactly one does. */
function curatedOwner(key: string): string | undefined {
  const owners = Object.keys(EXTRA_VARIANTS).filter((a2) => (EXTRA_VARIANTS[a2] ?? []).some((v) => foldName(v) === key));
  return owners.length === 1 ? owners[0] : undefined;
}
const dropped: string[] = [];
for (const c of countries) {
  const seen = new Set(LANGS.map((l) => c.names[l].toLowerCase()));
  c.variants = c.variants.filter((v) => {
    const lower = v.toLowerCase();
    if (seen.has(lower)) return false;
    seen.add(lower);
    const key = foldName(v);
    const owner = nameOwner.get(key) ?? curatedOwner(key);
    const owners = variantOwners.get(key);
    if ((owner !== undefined && owner !== c.alpha2) || (owner === undefined && owners !== undefined && owners.size > 1)) {
      dropped.push(`${c.alpha2}:"${v}"`);
      return false;
    }
    return true;
  });
}
if (dropped.length > 0) console.log(`dropped ambiguous variants: ${dropped.join(', ')}`);

if (problems.length > 0) {
  console.error(problems.map((p) => `error: ${p}`).join('\n'));
  process.exit(1);
}

function write(file: string, data: unknown): void {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, file), JSON.stringify(data, null, 2) + '\n');
}

write('countries.json', {
  sources: [
    'ISO 3166-1 (via i18n-iso-countries 7.x)',
    'UN M49 Standard country or area codes for statistical use',
    'UNCTADstat country classification (developed/developing/transition)',
    'UN-OHRLLS lists of LDCs, LLDCs and SIDS',
  ],
  date: REFERENCE_DATE,
  countries,
});
write('regions.json', { source: 'UN M49', date: REFERENCE_DATE, regions: M49_REGIONS });

const count = (p: (c: CountryRecord) => boolean): number => countries.filter(p).length;
console.log(
  `wrote ${countries.length} countries (${count((c) => c.status === 'developed')} developed, ` +
    `${count((c) => c.status === 'transition')} transition, ${count((c) => c.status === 'developing')} developing; ` +
    `${count((c) => c.ldc)} LDC, ${count((c) => c.lldc)} LLDC, ${count((c) => c.sids)} SIDS) ` +
    `and ${M49_REGIONS.length} regions to ${path.relative(process.cwd(), OUT_DIR)}`,
);
