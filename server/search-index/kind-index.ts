/**
 * The search index of one kind of entry, in memory: a bitmap of documents per word and weight,
 * and per filter value, as search engines that count facets fast keep them (Meilisearch among
 * them). A query's matching set is the intersection of its words' and filters' bitmaps; facets
 * are counted over that set from each document's values (facet-columns.ts), so counts stay exact.
 *
 * Documents are numbered in the order they arrive. A changed entry gets a new number and its
 * old one leaves the `live` bitmap: bitmaps only grow, and the index is rebuilt when the dead
 * numbers outweigh the live ones (see SearchIndex).
 */
import { RoaringArenaAllocator, RoaringBitmap32 } from 'roaring-wasm';
import type { DocumentField, EntityKind, SearchDocument } from '../db/search-documents';
import { FacetColumns, type FacetColumnsSnapshot } from './facet-columns';
import { byCodeUnits, firstNotBefore, SortedList } from './sorted-list';
import { grown } from './typed-arrays';
import type { FacetValue, ListFilters, SortKey } from './types';

/** One word of a query: the words it may be, and the start of words it may be (the word being typed). */
export interface WordMatch {
  exact: string[];
  prefix: string | null;
}

/** A place a query names: entries based or working there, or whose text holds every word of one of its names. */
export interface PlaceMatch {
  countries: string[];
  names: string[][];
}

export interface TextMatch {
  /** Every one must be in an entry's text. */
  required: WordMatch[];
  places: PlaceMatch[];
  /** What ranks an entry: every word typed, those left out too. */
  scored: WordMatch[];
}

export interface KindQuery {
  filters: Omit<ListFilters, 'q' | 'places'>;
  text: TextMatch | null;
  /** Milliseconds since the epoch: "confirmed within the last 12 months" is counted from it. */
  now: number;
}

export interface KindPage {
  ids: string[];
  total: number;
  facets: Record<string, FacetValue[]>;
  next: SortKey | null;
}

type Weight = 0 | 1 | 2;
/** Whether a word is in an entry's name, labels, description: every combination, highest rank first. */
const CLASSES: readonly (readonly [boolean, boolean, boolean])[] = [
  [true, true, true],
  [true, true, false],
  [true, false, true],
  [true, false, false],
  [false, true, true],
  [false, true, false],
  [false, false, true],
  [false, false, false],
];
/** ts_rank's default weights of A, B and C. */
const WEIGHTS = [1, 0.4, 0.2] as const;

/** The facets each kind counts, in the order lists show them, and the field each reads. */
const facetsOf: Record<EntityKind, readonly FacetName[]> = {
  organization: ['country', 'region', 'subregion', 'ldc', 'kind', 'network', 'sector', 'service', 'partnershipType', 'direction'],
  programme: ['country', 'region', 'subregion', 'ldc', 'direction', 'sector', 'service', 'partnershipType', 'kind', 'network'],
  case: ['country', 'region', 'subregion', 'ldc', 'sector', 'partnershipType', 'direction'],
};
type FacetName = Exclude<DocumentField, 'intermediateRegion'>;

/** The filters each kind reads (besides region and ldc, which every kind reads through its countries). */
/** The filters that list values of a field. */
type ValueFilter = 'country' | 'sector' | 'service' | 'kind' | 'network' | 'partnershipType' | 'direction';
const filtersOf: Record<EntityKind, readonly ValueFilter[]> = {
  organization: ['country', 'sector', 'service', 'kind', 'network', 'partnershipType', 'direction'],
  programme: ['country', 'sector', 'service', 'partnershipType', 'direction', 'kind', 'network'],
  case: ['country', 'sector', 'partnershipType', 'direction', 'service', 'kind', 'network'],
};

/** Below this many matches, a name-ordered page sorts the matches; above, it walks the name order. */
const SORT_BELOW = 20_000;

/** A word with its bitmaps by weight (name, labels, description), serialized; null where the word is not in that weight. */
export type WordPostings = [string, (Uint8Array | null)[]];

/** A kind's index as plain data (bitmaps in roaring's portable format), for the snapshot on disk. */
export interface KindSnapshot {
  kind: EntityKind;
  ids: string[];
  names: string[];
  confirmed: Float64Array;
  live: Uint8Array;
  /** Each word with its bitmaps by weight; a snapshot being taken serializes them as they are read. */
  words: Iterable<WordPostings>;
  values: [DocumentField, [string, Uint8Array][]][];
  /** Document numbers in (name, id) order. */
  nameOrder: Uint32Array;
  facets: FacetColumnsSnapshot;
}

export class KindIndex {
  private ids: string[] = [];
  private names: string[] = [];
  private confirmed: Float64Array<ArrayBufferLike> = new Float64Array(1024);
  private readonly numberOf = new Map<string, number>();
  private live = new RoaringBitmap32();
  private readonly words = new Map<string, [RoaringBitmap32 | null, RoaringBitmap32 | null, RoaringBitmap32 | null]>();
  private readonly values = new Map<DocumentField, Map<string, RoaringBitmap32>>();
  /** Every word, in order, for prefixes. */
  private readonly sortedWords = new SortedList<string>(byCodeUnits);
  /** Document numbers in (name, id) order. */
  private readonly nameOrder = new SortedList<number>((x, y) => this.byNameBefore(x, y));
  private scores = new Float64Array(1024);
  private ranks = new Float32Array(1024);
  /** The first 32 bits of each document's id: ties of rank are broken by id, and these tell most ids apart without comparing strings. */
  private idKeys: Uint32Array<ArrayBufferLike> = new Uint32Array(1024);
  /** During a search, the entries holding each word of the query, by weight (see weighted). */
  private unions: Map<string, RoaringBitmap32[]> | null = null;
  /** Each document's facet values, for counting them. */
  private columns = new FacetColumns<FacetName>();

  constructor(readonly kind: EntityKind) {}

  /** Live documents. */
  get size(): number {
    return this.live.size;
  }

  /** Numbers given to documents since changed or removed. */
  get dead(): number {
    return this.ids.length - this.live.size;
  }

  /** Adds documents, replacing those of the same ids. Returns the words the index did not hold. */
  put(documents: SearchDocument[]): string[] {
    this.remove(documents.map((d) => d.id));
    const first = this.ids.length;
    const byWord = new Map<string, [number[], number[], number[]]>();
    const byValue = new Map<DocumentField, Map<string, number[]>>();
    if (this.confirmed.length < first + documents.length) this.confirmed = grown(this.confirmed, first + documents.length);
    if (this.idKeys.length < first + documents.length) this.idKeys = grown(this.idKeys, first + documents.length);
    documents.forEach((doc, i) => {
      const n = first + i;
      this.ids.push(doc.id);
      this.names.push(doc.sortName);
      this.confirmed[n] = doc.confirmedAt ?? Number.NaN;
      this.idKeys[n] = idKey(doc.id);
      this.numberOf.set(doc.id, n);
      this.columns.push(facetsOf[this.kind].map((field) => [field, doc.values[field] ?? []] as const));
      ([doc.words.a, doc.words.b, doc.words.c] as const).forEach((list, weight) => {
        for (const word of list) {
          let lists = byWord.get(word);
          if (!lists) byWord.set(word, (lists = [[], [], []]));
          lists[weight as Weight].push(n);
        }
      });
      for (const [field, list] of Object.entries(doc.values) as [DocumentField, string[]][]) {
        let fieldMap = byValue.get(field);
        if (!fieldMap) byValue.set(field, (fieldMap = new Map()));
        for (const value of list) {
          const numbers = fieldMap.get(value);
          if (numbers) numbers.push(n);
          else fieldMap.set(value, [n]);
        }
      }
    });
    const added: string[] = [];
    for (const [word, lists] of byWord) {
      let postings = this.words.get(word);
      if (!postings) {
        this.words.set(word, (postings = [null, null, null]));
        added.push(word);
      }
      for (const weight of [0, 1, 2] as const) {
        const numbers = lists[weight];
        if (numbers.length === 0) continue;
        const bitmap = postings[weight] ?? (postings[weight] = new RoaringBitmap32());
        bitmap.addMany(Uint32Array.from(numbers));
      }
    }
    for (const [field, fieldMap] of byValue) {
      let bitmaps = this.values.get(field);
      if (!bitmaps) this.values.set(field, (bitmaps = new Map()));
      for (const [value, numbers] of fieldMap) {
        let bitmap = bitmaps.get(value);
        if (!bitmap) bitmaps.set(value, (bitmap = new RoaringBitmap32()));
        bitmap.addMany(Uint32Array.from(numbers));
      }
    }
    this.sortedWords.add(added);
    this.nameOrder.add(documents.map((_, i) => first + i));
    if (documents.length > 0) this.live.addRange(first, first + documents.length);
    return added;
  }

  /** Takes entries out of every list (they were deleted, or are no longer public). */
  remove(ids: string[]): void {
    for (const id of ids) {
      const n = this.numberOf.get(id);
      if (n === undefined) continue;
      this.live.delete(n);
      this.numberOf.delete(id);
    }
  }

  /** Sorts what the first searches would otherwise sort: the words (for prefixes) and the name order. */
  settle(): void {
    this.sortedWords.read();
    this.nameOrder.read();
  }

  /** How many entries match, without ranking or counting facets (to find which words to leave out). */
  count(query: KindQuery): number {
    return this.inArena(() => this.matching(query).size);
  }

  /** One page of entries matching `query`, after `after`, with the total and (when `counted`) facet counts. */
  search(query: KindQuery, limit: number, after: SortKey | undefined, counted: boolean): KindPage {
    return this.inArena(() => {
      const matched = this.matching(query);
      const total = matched.size;
      const page = query.text ? this.byRank(matched, query.text, limit, after) : this.byName(matched, limit, after);
      return { ...page, total, facets: counted ? this.facets(matched) : {} };
    });
  }

  /** The index as plain data: everything settled, the bitmaps serialized. */
  snapshot(): KindSnapshot {
    this.settle();
    const portable = (bitmap: RoaringBitmap32) => bitmap.serialize('portable');
    return {
      kind: this.kind,
      ids: this.ids,
      names: this.names,
      confirmed: this.confirmed.slice(0, this.ids.length),
      live: portable(this.live),
      words: (function* (words) {
        for (const [word, postings] of words) yield [word, postings.map((b) => (b ? portable(b) : null))];
      })(this.words),
      values: [...this.values].map(([field, bitmaps]) => [field, [...bitmaps].map(([value, bitmap]): [string, Uint8Array] => [value, portable(bitmap)])]),
      nameOrder: Uint32Array.from(this.nameOrder.read()),
      facets: this.columns.snapshot(),
    };
  }

  /** The index a snapshot was taken of. */
  static restore(snapshot: KindSnapshot): KindIndex {
    const index = new KindIndex(snapshot.kind);
    const bitmap = (bytes: Uint8Array) => RoaringBitmap32.deserialize(bytes, 'portable');
    index.ids = snapshot.ids;
    index.names = snapshot.names;
    index.idKeys = Uint32Array.from(snapshot.ids, idKey);
    // Taken as it is: put grows it when documents are added.
    index.confirmed = snapshot.confirmed;
    index.live.dispose();
    index.live = bitmap(snapshot.live);
    for (const n of index.live.toUint32Array()) index.numberOf.set(snapshot.ids[n] as string, n);
    for (const [word, postings] of snapshot.words) {
      index.words.set(word, [0, 1, 2].map((w) => (postings[w] ? bitmap(postings[w]) : null)) as [RoaringBitmap32 | null, RoaringBitmap32 | null, RoaringBitmap32 | null]);
    }
    for (const [field, values] of snapshot.values) index.values.set(field, new Map(values.map(([value, bytes]) => [value, bitmap(bytes)])));
    index.sortedWords.add(index.words.keys());
    index.nameOrder.adopt(snapshot.nameOrder);
    index.columns = FacetColumns.restore(snapshot.facets);
    index.settle();
    return index;
  }

  /** Frees the bitmaps' memory; the index cannot be used after. */
  dispose(): void {
    this.live.dispose();
    for (const postings of this.words.values()) for (const bitmap of postings) bitmap?.dispose();
    for (const bitmaps of this.values.values()) for (const bitmap of bitmaps.values()) bitmap.dispose();
  }

  // Bitmaps made below are freed with the arena of the search that made them.

  /** Runs a search in an arena that frees the bitmaps it makes, the unions of its words among them. */
  private inArena<T>(search: () => T): T {
    this.unions = new Map();
    try {
      return new RoaringArenaAllocator().with(search);
    } finally {
      this.unions = null;
    }
  }

  /** The entries holding a word of the query, in a name, a label, a description: each union made once per search. */
  private weighted(word: WordMatch): RoaringBitmap32[] {
    const key = JSON.stringify(word);
    let found = this.unions?.get(key);
    if (!found) {
      const postings = this.spelled(word).map((w) => this.words.get(w));
      found = ([0, 1, 2] as const).map((weight) => RoaringBitmap32.orMany(postings.map((p) => p?.[weight])));
      this.unions?.set(key, found);
    }
    return found;
  }

  private matching(query: KindQuery): RoaringBitmap32 {
    const { filters, text } = query;
    const matched = this.live.clone();
    const and = (bitmap: RoaringBitmap32) => matched.andInPlace(bitmap);
    for (const field of filtersOf[this.kind]) {
      const wanted = filters[field];
      if (wanted.length > 0) and(this.anyValue(field, wanted));
    }
    if (filters.region.length > 0) and(this.inRegions(filters.region));
    if (filters.ldc !== undefined) {
      const ldc = this.value('ldc', 'true');
      if (filters.ldc) and(ldc ?? new RoaringBitmap32());
      else if (ldc) matched.andNotInPlace(ldc);
    }
    if (text) {
      for (const word of text.required) and(this.holding(word));
      for (const place of text.places) and(RoaringBitmap32.or(this.anyValue('country', place.countries), this.mentioning(place)));
    }
    if (filters.confirmed === 'recent' && this.kind !== 'case') {
      const since = monthsBefore(query.now, 12);
      const numbers = matched.toUint32Array().filter((n) => (this.confirmed[n] ?? 0) > since);
      return new RoaringBitmap32(numbers);
    }
    return matched;
  }

  private value(field: DocumentField, value: string): RoaringBitmap32 | undefined {
    return this.values.get(field)?.get(value);
  }

  private anyValue(field: DocumentField, wanted: string[]): RoaringBitmap32 {
    return RoaringBitmap32.orMany(wanted.map((v) => this.value(field, v)));
  }

  /** Entries with a country in any of the regions, at any level (region, subregion, intermediate region). */
  private inRegions(codes: string[]): RoaringBitmap32 {
    return RoaringBitmap32.orMany((['region', 'subregion', 'intermediateRegion'] as const).flatMap((field) => codes.map((c) => this.value(field, c))));
  }

  /** The words a word of the query may be: itself or its corrections, and the words it starts. */
  private spelled(word: WordMatch): string[] {
    const found = word.exact.filter((w) => this.words.has(w));
    if (word.prefix !== null) {
      const { prefix } = word;
      const sorted = this.sortedWords.read();
      for (let i = firstNotBefore(sorted.length, (j) => (sorted[j] as string) < prefix); sorted[i]?.startsWith(prefix); i += 1) found.push(sorted[i] as string);
    }
    return found;
  }

  /** Entries holding the word with the given weight, or with any weight. */
  private holding(word: WordMatch, weight?: Weight): RoaringBitmap32 {
    const byWeight = this.weighted(word);
    return weight === undefined ? RoaringBitmap32.orMany(byWeight) : (byWeight[weight] as RoaringBitmap32);
  }

  private mentioning(place: PlaceMatch): RoaringBitmap32 {
    return RoaringBitmap32.orMany(
      place.names.map((name) => {
        const all = new RoaringBitmap32();
        name.forEach((word, i) => {
          const holding = this.holding({ exact: [word], prefix: null });
          if (i === 0) all.orInPlace(holding);
          else all.andInPlace(holding);
        });
        return all;
      }),
    );
  }

  /**
   * Entries by rank: entries where the named places are first (one point for each), then by
   * the weights of the words they hold (1 in a name, 0.4 in a label, 0.2 in a description,
   * summed over the words typed and the places' names, and scaled to 0-1 as ts_rank's
   * normalization 32 does), then by id.
   */
  private byRank(matched: RoaringBitmap32, text: TextMatch, limit: number, after: SortKey | undefined): Omit<KindPage, 'total' | 'facets'> {
    const [only] = text.scored;
    if (text.scored.length === 1 && only && text.places.length === 0) return this.byClass(matched, only, limit, after);
    const numbers = matched.toUint32Array();
    if (this.scores.length < this.ids.length) this.scores = new Float64Array(Math.max(this.ids.length, this.scores.length * 2));
    const scores = this.scores;
    const add = (bitmap: RoaringBitmap32, points: number) => {
      const hits = RoaringBitmap32.and(bitmap, matched).toUint32Array();
      for (let i = 0; i < hits.length; i += 1) {
        const n = hits[i] as number;
        scores[n] = (scores[n] as number) + points;
      }
    };
    const nameWords = text.places.flatMap((p) => p.names.flat().map((w): WordMatch => ({ exact: [w], prefix: null })));
    for (const word of [...text.scored, ...nameWords]) for (const weight of [0, 1, 2] as const) add(this.holding(word, weight), WEIGHTS[weight]);
    // Ranks are compared in single precision, as ts_rank's float4; the scores are left at zero for the next search.
    if (this.ranks.length < scores.length) this.ranks = new Float32Array(scores.length);
    const ranks = this.ranks;
    const places = text.places.length > 0;
    for (let i = 0; i < numbers.length; i += 1) {
      const n = numbers[i] as number;
      const s = scores[n] as number;
      if (places) scores[n] = s / (s + 1);
      else {
        ranks[n] = s / (s + 1);
        scores[n] = 0;
      }
    }
    if (places) {
      for (const place of text.places) add(this.anyValue('country', place.countries), 1);
      for (let i = 0; i < numbers.length; i += 1) {
        const n = numbers[i] as number;
        ranks[n] = scores[n] as number;
        scores[n] = 0;
      }
    }

    const rankOf = (n: number) => ranks[n] as number;
    const before = (x: number, y: number) => {
      const rx = ranks[x] as number;
      const ry = ranks[y] as number;
      return rx !== ry ? rx > ry : this.idBefore(x, y);
    };
    const passes =
      after?.by === 'rank' ? (n: number) => rankOf(n) < after.rank || (rankOf(n) === after.rank && (this.ids[n] as string) > after.id) : () => true;
    const best = topK(numbers, limit + 1, passes, before);
    const page = best.slice(0, limit);
    const last = page[page.length - 1];
    const result = {
      ids: page.map((n) => this.ids[n] as string),
      next: best.length > limit && last !== undefined ? ({ by: 'rank', rank: rankOf(last), id: this.ids[last] as string } as const) : null,
    };
    return result;
  }

  /**
   * Entries by rank for one word and no place (what a firm types into the search box): the
   * rank then takes one of eight values, one per set of weights the word is found with, so
   * whole classes are taken in order of rank, and only the class that fills the page is sorted
   * by id. The ranks, ties and cursor are byRank's.
   */
  private byClass(matched: RoaringBitmap32, word: WordMatch, limit: number, after: SortKey | undefined): Omit<KindPage, 'total' | 'facets'> {
    const byWeight = this.weighted(word);
    const { ids } = this;
    const byId = (x: number, y: number) => this.idBefore(x, y);
    const best: { n: number; rank: number }[] = [];
    for (const held of CLASSES) {
      // Summed in byRank's order, so the rank is the same number.
      let s = 0;
      for (const weight of [0, 1, 2] as const) if (held[weight]) s += WEIGHTS[weight];
      const rank = Math.fround(s / (s + 1));
      if (after?.by === 'rank' && rank > after.rank) continue;
      const members = matched.clone();
      for (const weight of [0, 1, 2] as const) {
        const bitmap = byWeight[weight] as RoaringBitmap32;
        if (held[weight]) members.andInPlace(bitmap);
        else members.andNotInPlace(bitmap);
      }
      if (members.size === 0) continue;
      const passes = after?.by === 'rank' && rank === after.rank ? (n: number) => (ids[n] as string) > after.id : () => true;
      for (const n of topK(members.toUint32Array(), limit + 1 - best.length, passes, byId)) best.push({ n, rank });
      if (best.length === limit + 1) break;
    }
    const page = best.slice(0, limit);
    const last = page[page.length - 1];
    return {
      ids: page.map(({ n }) => ids[n] as string),
      next: best.length > limit && last !== undefined ? { by: 'rank', rank: last.rank, id: ids[last.n] as string } : null,
    };
  }

  /** Entries by name, then id. */
  private byName(matched: RoaringBitmap32, limit: number, after: SortKey | undefined): Omit<KindPage, 'total' | 'facets'> {
    const key = (n: number) => this.names[n] as string;
    const before = (x: number, y: number) => this.byNameBefore(x, y);
    const afterKey = after?.by === 'name' ? after : undefined;
    const passes = (n: number) => {
      if (!afterKey) return true;
      const c = compare(key(n), afterKey.name);
      return c > 0 || (c === 0 && (this.ids[n] as string) > afterKey.id);
    };
    let best: number[];
    if (matched.size <= SORT_BELOW) {
      best = topK(matched.toUint32Array(), limit + 1, passes, before);
    } else {
      // Many matches: walk the name order from the cursor; about one number in (size/matches) matches.
      const order = this.nameOrder.read();
      best = [];
      let i = afterKey ? firstNotBefore(order.length, (j) => !passes(order[j] as number)) : 0;
      for (; i < order.length && best.length < limit + 1; i += 1) {
        const n = order[i] as number;
        if (matched.has(n)) best.push(n);
      }
    }
    const page = best.slice(0, limit);
    const last = page[page.length - 1];
    return {
      ids: page.map((n) => this.ids[n] as string),
      next: best.length > limit && last !== undefined ? { by: 'name', name: key(last), id: this.ids[last] as string } : null,
    };
  }

  /** Whether document x's id comes before y's: on the ids' first 32 bits, and on the text only when those are the same. */
  private idBefore(x: number, y: number): boolean {
    const kx = this.idKeys[x] as number;
    const ky = this.idKeys[y] as number;
    return kx !== ky ? kx < ky : (this.ids[x] as string) < (this.ids[y] as string);
  }

  private byNameBefore(x: number, y: number): boolean {
    const c = compare(this.names[x] as string, this.names[y] as string);
    return c !== 0 ? c < 0 : this.idBefore(x, y);
  }

  private facets(matched: RoaringBitmap32): Record<string, FacetValue[]> {
    const counted = this.columns.count(matched.toUint32Array());
    const facets: Record<string, FacetValue[]> = {};
    for (const name of facetsOf[this.kind]) {
      const counts: FacetValue[] = [...(counted.get(name) ?? [])].map(([value, count]) => ({ value: name === 'ldc' ? value === 'true' : value, count }));
      counts.sort((x, y) => y.count - x.count || compare(String(x.value), String(y.value)));
      facets[name] = counts;
    }
    return facets;
  }
}

const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** The first 32 bits of a UUID: its first eight hex digits, which order as the id's text does. */
const idKey = (id: string) => Number.parseInt(id.slice(0, 8), 16) >>> 0;


/** The first `k` numbers in the order `before`, among those that pass: one pass, keeping the best k sorted. */
function topK(numbers: Uint32Array, k: number, passes: (n: number) => boolean, before: (x: number, y: number) => boolean): number[] {
  const best: number[] = [];
  for (let i = 0; i < numbers.length; i += 1) {
    const n = numbers[i] as number;
    if (best.length === k && !before(n, best[k - 1] as number)) continue;
    if (!passes(n)) continue;
    let j = best.length < k ? best.length : k - 1;
    if (best.length < k) best.push(n);
    while (j > 0 && before(n, best[j - 1] as number)) {
      best[j] = best[j - 1] as number;
      j -= 1;
    }
    best[j] = n;
  }
  return best;
}

/** `months` calendar months before `now`, as PostgreSQL's `now() - interval 'N months'` reads it. */
function monthsBefore(now: number, months: number): number {
  const date = new Date(now);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}
