/**
 * Paging by name over many entries: above 20,000 matches the index walks its name order (kept
 * sorted as batches arrive) instead of sorting the matches. Every entry must come once, in
 * (name, id) order, whichever way a page is made.
 */
import type { SearchDocument } from '../../server/db/search-documents';
import { KindIndex, type KindQuery } from '../../server/search-index/kind-index';
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

function pageThrough(index: KindIndex, q: KindQuery): string[] {
  const ids: string[] = [];
  let after: SortKey | undefined;
  for (let pages = 0; pages < 1_000; pages += 1) {
    const page = index.search(q, 997, after, false);
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
