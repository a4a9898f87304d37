/**
 * Turns what a firm types into a search plan: the places it names (countries and regions in
 * English, French or Spanish, see reference/places.ts), and the other words:
 * accent- and case-blind, stop words left out, the last word as a prefix (results while typing),
 * and each unknown word widened to the known words that look like it (trigram similarity over
 * the vocabulary the search index keeps), so "Empretek" finds "Empretec". The words are read by
 * PostgreSQL's text search parser, as the entries' words are (search-documents.ts).
 */
import type { Database } from '../db/client';
import { queryWords } from '../db/search-documents';
import { findPlaces, isStopWord, tokensOf, type FoundPlace, type Place, type Token } from '../reference/places';
import type { Vocabulary } from './vocabulary';

/** Lower bound of trigram similarity for a correction ("investmnet" → "investment" is 0.47). */
const SIMILARITY = 0.4;
const MAX_CORRECTIONS = 3;

interface WordRow {
  word: string;
  pos: number;
  exact: boolean;
  prefixed: boolean;
  similar: string[];
}

/** A place the query names, with its names' words for entries that mention it without being there. */
export interface PlannedPlace {
  type: Place['type'];
  code: string;
  /** The countries it covers (alpha-2). */
  countries: string[];
  /** Each name of the place as its words, stop words left out: an entry mentions the place when it holds every word of one. */
  names: string[][];
}

/** A word of the query that is not a place: as read (folded), whether it is the start of words, and the words it may be a slip of. */
export interface PlannedWord {
  word: string;
  prefix: boolean;
  alternatives: string[];
}

export interface SearchPlan {
  /** The words that are not places, in the order typed. */
  words: PlannedWord[];
  places: PlannedPlace[];
  /** The words as the search read them, when it corrected one ("investment kenya"); else null. */
  corrected: string | null;
}

/** The words of `q` in order, each with whether the directory knows it and, if not, the known words like it. */
async function wordsOf(database: Database, vocabulary: Vocabulary, q: string): Promise<WordRow[]> {
  return (await queryWords(database, q)).map(({ word, pos }) => {
    const exact = vocabulary.has(word);
    const prefixed = vocabulary.starts(word);
    // Corrections are looked for only for words the directory does not know.
    const similar = exact || prefixed || word.length < 4 ? [] : vocabulary.similar(word, SIMILARITY, MAX_CORRECTIONS);
    return { word, pos, exact, prefixed, similar };
  });
}

/** A place's names as words, stop words left out, each name once. */
function namesOf(place: Place): string[][] {
  const names = place.foldedNames.map((words) => words.filter((w) => !isStopWord(w))).filter((w) => w.length > 0);
  return [...new Map(names.map((w) => [w.join(' '), w])).values()];
}

/** The places among the `tokens` of `q`, and `q` with their names blanked out, so the rest is read as words. */
function placesOf(vocabulary: Vocabulary, q: string, tokens: Token[]): { found: FoundPlace[]; rest: string } {
  let found = findPlaces(tokens, () => true);
  // A slip is only read in a word the directory does not hold, even as the start of a word;
  // "chil", typed on the way to "children", is a word being typed, not a slip of "Chile".
  const slipped = found.filter((f) => f.slipped).flatMap((f) => tokens.slice(f.from, f.to).map((t) => t.word));
  if (slipped.length > 0) {
    const known = new Set(slipped.filter((word) => vocabulary.starts(word)));
    if (known.size > 0) found = findPlaces(tokens, (word) => !known.has(word));
  }
  let rest = q;
  for (const f of found) {
    const [first, last] = [tokens[f.from], tokens[f.to - 1]];
    if (first && last) rest = rest.slice(0, first.start) + ' '.repeat(last.end - first.start) + rest.slice(last.end);
  }
  return { found, rest };
}

/**
 * The plan for `q`: its places (unless `places` is false: every word is then a word), and its
 * other words. Null when `q` holds nothing to search for.
 */
export async function planSearch(database: Database, vocabulary: Vocabulary, typed: string, options: { places: boolean }): Promise<SearchPlan | null> {
  const q = typed.normalize('NFC');
  const tokens = tokensOf(q);
  const { found, rest } = options.places ? placesOf(vocabulary, q, tokens) : { found: [], rest: q };
  const all = await wordsOf(database, vocabulary, rest);
  // Stop words hold nothing to look for, unless they are all there is ("the one", typed to find it).
  const meaningful = all.filter((w) => !isStopWord(w.word));
  const words = meaningful.length > 0 || found.length > 0 ? meaningful : all;
  if (words.length === 0 && found.length === 0) return null;

  const last = Math.max(...all.map((w) => w.pos));
  const endsInSpace = /\s$/.test(rest);
  const planned = words.map((w): PlannedWord => {
    // The word being typed matches as a prefix; so does an earlier word the directory only knows as a prefix.
    const prefix = (!endsInSpace && w.pos === last) || (!w.exact && w.prefixed);
    return { word: w.word, prefix, alternatives: w.exact || w.prefixed ? [] : w.similar };
  });

  const replacements = new Map(all.filter((w) => !w.exact && !w.prefixed && w.similar[0]).map((w) => [w.word, w.similar[0] as string]));
  let corrected: string | null = null;
  if (replacements.size > 0 || found.some((f) => f.slipped)) {
    // The typed words, each corrected one replaced, a slipped place by the name it was read as.
    const typedWords = tokens.map((t) => t.word);
    const shown: string[] = [];
    typedWords.forEach((word, i) => {
      const place = found.find((f) => f.from <= i && i < f.to);
      if (!place) shown.push(replacements.get(word) ?? word);
      else if (place.from === i) shown.push(...(place.slipped ? place.name : typedWords.slice(place.from, place.to)));
    });
    corrected = shown.join(' ');
  }

  return {
    words: planned,
    places: found.map((f) => ({ type: f.place.type, code: f.place.code, countries: f.place.countries, names: namesOf(f.place) })),
    corrected,
  };
}
