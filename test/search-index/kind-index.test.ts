/**
 * Paging by name over many entries: above 20,000 matches the index walks its name order (kept
 * sorted as batches arrive) instead of sorting the matches. Every entry must come once, in
 * (name, id) order, whichever way a page is made. Paging by rank: a one-word query takes whole
 * classes of rank, other queries score every match; both give the order ranks and ids define.
 */
import type { SearchDocument } from '../../server/db/search-documents';
import { KindIndex, type KindQuery, type WordMatch } from '../../server/search-index/kind-index';
import type { SortKey } from '../../server/search-index/types';

const noValues = () => ({ country: [], region: [], subregion: [], intermediateRegion: [], ldc: [], kind: [], network: [], sector: [], service: [], partnershipType: [], direction: [] });
const hex = (n: number) => n.toString(16).padStart(12, '0');

/** `count` organizations from `from`, their names in an order unlike their ids', every seventh in Kenya. */
function documents(from: number, count: number): SearchDocument[] {
  return Array.from({ length: count }, (_, k) => {
    const n = from + k;
    return {
      id: `00000000-0000-4000-8000-${hex((n * 7919) % 1_000_003)}`,
      sortName: `agency ${String((n * 104_729) % 50_000).padStart(5, '0')}`,
      words: { a: ['agency'], b: [], c: [] },
      values: { ...noValues(), country: [n % 7 === 0 ? 'KE' : 'SN'] },
      confirmedAt: null,
    };
  });
}

const query = (country: string[]): KindQuery => ({
  filters: { country, region: [], sector: [], service: [], partnershipType: [], kind: [], network: [], direction: [] },
  text: null,
  now: 0,
});

function pageThrough(index: KindIndex, q: KindQuery, size = 997): string[] {
  const ids: string[] = [];
  let after: SortKey | undefined;
  for (let pages = 0; pages < 1_000; pages += 1) {
    const page = index.search(q, size, after, false);
    ids.push(...page.ids);
    if (!page.next) break;
    after = page.next;
  }
  return ids;
}

describe('When a firm pages through a long list by name', () => {
  const index = new KindIndex('organization');
  const all = [...documents(0, 15_000), ...documents(15_000, 15_000)];
  // Two batches: the second is merged into the name order the first left.
  index.put(all.slice(0, 15_000));
  index.settle();
  index.put(all.slice(15_000));
  index.settle();
  // Changed entries take new numbers; their old ones stay in the name order, dead.
  index.put(all.slice(100, 200));
  afterAll(() => index.dispose());

  const expected = (docs: SearchDocument[]) =>
    [...docs].sort((x, y) => (x.sortName < y.sortName ? -1 : x.sortName > y.sortName ? 1 : x.id < y.id ? -1 : 1)).map((d) => d.id);

  it('then every entry comes once, in name order, when the pages walk the name order (30,000 matches)', () => {
    expect(index.count(query([]))).toBe(30_000);
    expect(pageThrough(index, query([]))).toEqual(expected(all));
  });

  it('then the same holds when each page sorts its matches (fewer than 20,000)', () => {
    expect(pageThrough(index, query(['KE']))).toEqual(expected(all.filter((d) => d.values.country[0] === 'KE')));
  });
});

describe('When a firm pages through a long list by rank', () => {
  // Ids share their first eight digits in fifties, so ties of rank are broken past the ids' first 32 bits too.
  const ids = (k: number) => `${(k % 50).toString(16).padStart(8, '0')}-0000-4000-8000-${hex((k * 7919) % 1_000_003)}`;
  let seed = 11;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const word = () => (rand() < 0.5 ? 'agency' : 'agent');
  const docs: SearchDocument[] = Array.from({ length: 6_000 }, (_, k) => ({
    id: ids(k),
    sortName: `entry ${k}`,
    words: { a: rand() < 0.4 ? [word(), 'trade'] : ['trade'], b: rand() < 0.3 ? [word()] : [], c: rand() < 0.5 ? [word(), 'trade'] : [] },
    values: noValues(),
    confirmedAt: null,
  }));
  const index = new KindIndex('organization');
  index.put(docs);
  afterAll(() => index.dispose());

  /** The order byRank defines: weights 1, 0.4, 0.2 summed over the words and scaled, in single precision, then id. */
  const expected = (words: ((w: string) => boolean)[], holdsAll: boolean) => {
    const ranked = docs.flatMap((d) => {
      const found = words.map((matches) => [d.words.a, d.words.b, d.words.c].map((list) => list.some(matches)));
      if (holdsAll && !found.every((weights) => weights.some(Boolean))) return [];
      let s = 0;
      for (const weights of found) for (const [weight, held] of weights.entries()) if (held) s += [1, 0.4, 0.2][weight]!;
      return [{ id: d.id, rank: Math.fround(s / (s + 1)) }];
    });
    return ranked.sort((x, y) => y.rank - x.rank || (x.id < y.id ? -1 : 1)).map((r) => r.id);
  };
  const byRank = (required: WordMatch[], scored: WordMatch[]) => pageThrough(index, { ...query([]), text: { required, places: [], scored } }, 97);
  const agen: WordMatch = { exact: [], prefix: 'agen' };
  const trade: WordMatch = { exact: ['trade'], prefix: null };

  it('then a word being typed lists every entry holding it once, by rank then id', () => {
    expect(byRank([agen], [agen])).toEqual(expected([(w) => w.startsWith('agen')], true));
  });

  it('then a word left out still ranks, and entries without it come last', () => {
    expect(byRank([], [agen])).toEqual(expected([(w) => w.startsWith('agen')], false));
  });

  it('then two words rank by the sum of their weights', () => {
    expect(byRank([agen, trade], [agen, trade])).toEqual(expected([(w) => w.startsWith('agen'), (w) => w === 'trade'], true));
  });
});
