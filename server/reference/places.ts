/**
 * Places in what a firm types. Country and region names in English, French and Spanish, with or
 * without accents, in the variants the reference data knows ("Kenia", "Ivory Coast", "Afrique de
 * l'Ouest", "West Africa"), are found in a query, the longest name first, so that "south africa"
 * is a country and not a region. A name of five letters or more is also found with one slip of
 * the keyboard ("ugnada"), two from nine letters, when the slipped word is not a word the
 * directory already holds, nor the start of one (the caller says which): "child" stays a word
 * and does not become Chile.
 *
 * Also the stop words of the three languages, which a search drops rather than asks every entry to hold.
 */
import levenshtein from 'damerau-levenshtein';
import { eng, fra, spa } from 'stopword';
import { foldName, loadReference, type Reference } from './index';

export interface Place {
  type: 'country' | 'region';
  /** ISO 3166-1 alpha-2 for a country, UN M49 for a region. */
  code: string;
  names: { en: string; fr: string; es: string };
  /** The countries it covers (alpha-2): the country itself, or the countries of the region. */
  countries: string[];
  /** Every name and variant, folded (see foldName), each as its words. */
  foldedNames: string[][];
}

/** A word of the typed text: folded, with where it stands in the text (NFC) it came from. */
export interface Token {
  word: string;
  start: number;
  end: number;
}

/** A place named in the text: by which tokens, and whether a name was matched only with a slip. */
export interface FoundPlace {
  place: Place;
  /** Tokens [from, to) of the text. */
  from: number;
  to: number;
  /** The name it was found by, folded, as its words. */
  name: string[];
  slipped: boolean;
}

const stopWords: ReadonlySet<string> = new Set([...eng, ...fra, ...spa].map(foldName).filter(Boolean));

/** Whether a folded word is a stop word of English, French or Spanish, or a single letter ("d" of "d'affaires"). */
export const isStopWord = (word: string): boolean => word.length < 2 || stopWords.has(word);

/** The words of `text` (NFC), folded, with their offsets in it. */
export function tokensOf(text: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].flatMap((m) => {
    const word = foldName(m[0]).replace(/ /g, '');
    return word ? [{ word, start: m.index, end: m.index + m[0].length }] : [];
  });
}

interface PlaceIndex {
  /** Folded name (words joined by a space) → place, by the name's number of words. */
  byLength: Map<number, Map<string, Place>>;
  longest: number;
}

const indexes = new WeakMap<Reference, PlaceIndex>();

function indexOf(reference: Reference): PlaceIndex {
  const known = indexes.get(reference);
  if (known) return known;
  const places: Place[] = [
    ...reference.countries.map((c) => ({ type: 'country' as const, code: c.alpha2, names: c.names, countries: [c.alpha2], all: [c.names.en, c.names.fr, c.names.es, ...c.variants] })),
    // The world is no place to narrow to, and "world" is a word of many names (World Bank).
    ...reference.regions
      .filter((r) => r.level !== 'world')
      .map((r) => ({
        type: 'region' as const,
        code: r.code,
        names: r.names,
        countries: reference.countries.filter((c) => [c.region, c.subregion, c.intermediateRegion].includes(r.code)).map((c) => c.alpha2),
        all: [r.names.en, r.names.fr, r.names.es, ...r.variants],
      })),
  ].map(({ all, ...place }) => ({
    ...place,
    // A name made only of stop words and initials ("U.S.") would find places in ordinary sentences.
    foldedNames: all.map((n) => foldName(n).split(' ').filter(Boolean)).filter((words) => words.some((w) => !isStopWord(w))),
  }));
  const byLength = new Map<number, Map<string, Place>>();
  for (const place of places) {
    for (const words of place.foldedNames) {
      const names = byLength.get(words.length) ?? new Map<string, Place>();
      // Countries come first: a country keeps a name a region shares with it.
      if (!names.has(words.join(' '))) names.set(words.join(' '), place);
      byLength.set(words.length, names);
    }
  }
  const index = { byLength, longest: Math.max(...byLength.keys()) };
  indexes.set(reference, index);
  return index;
}

/** How many slips a typed word may hold and still be the name's word: none under five letters. */
const slipsAllowed = (word: string) => (word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0);

/**
 * Whether `typed` is `name` with slips only in the words `mayCorrect` allows, each slipped word
 * starting with the name's first letter (a firm rarely misses the first letter of a country).
 */
function slippedName(typed: string[], name: string[], mayCorrect: (word: string) => boolean): boolean {
  let slipped = false;
  for (let i = 0; i < name.length; i++) {
    const a = typed[i] as string;
    const b = name[i] as string;
    if (a === b) continue;
    const allowed = slipsAllowed(b);
    if (!allowed || a[0] !== b[0] || Math.abs(a.length - b.length) > allowed || !mayCorrect(a)) return false;
    if (levenshtein(a, b).steps > allowed) return false;
    slipped = true;
  }
  return slipped;
}

/**
 * The places named in `tokens`, left to right, none overlapping: at each word the longest name
 * that starts there, exact names before slipped ones. `mayCorrect` says whether a word may be
 * read as a slip (the search passes: the directory does not hold it).
 */
export function findPlaces(tokens: Token[], mayCorrect: (word: string) => boolean, reference: Reference = loadReference()): FoundPlace[] {
  const { byLength, longest } = indexOf(reference);
  const words = tokens.map((t) => t.word);
  const found: FoundPlace[] = [];
  for (let from = 0; from < words.length; ) {
    const match = exactAt(words, from, byLength, longest) ?? slippedAt(words, from, byLength, longest, mayCorrect);
    if (match) {
      found.push({ ...match, from });
      from = match.to;
    } else from++;
  }
  return found;
}

type Match = { place: Place; to: number; name: string[]; slipped: boolean };

function exactAt(words: string[], from: number, byLength: PlaceIndex['byLength'], longest: number): Match | undefined {
  for (let n = Math.min(longest, words.length - from); n >= 1; n--) {
    const name = words.slice(from, from + n);
    const place = byLength.get(n)?.get(name.join(' '));
    if (place) return { place, to: from + n, name, slipped: false };
  }
  return undefined;
}

function slippedAt(words: string[], from: number, byLength: PlaceIndex['byLength'], longest: number, mayCorrect: (word: string) => boolean): Match | undefined {
  for (let n = Math.min(longest, words.length - from); n >= 1; n--) {
    const typed = words.slice(from, from + n);
    for (const [joined, place] of byLength.get(n) ?? []) {
      const name = joined.split(' ');
      if (slippedName(typed, name, mayCorrect)) return { place, to: from + n, name, slipped: true };
    }
  }
  return undefined;
}
