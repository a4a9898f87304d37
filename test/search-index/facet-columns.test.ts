/**
 * Facet counts from the columns of codes: for each value, the matching documents that hold it,
 * once each, whatever the values' number or order.
 */
import { FacetColumns } from '../../server/search-index/facet-columns';

type Field = 'country' | 'sector';

/** Counts as a set per value would: each matching document holding the value, once. */
function countedBySets(documents: [Field, string[]][][], numbers: number[]): Map<Field, Map<string, number>> {
  const out = new Map<Field, Map<string, number>>();
  for (const n of numbers) {
    for (const [field, values] of documents[n]!) {
      for (const value of new Set(values)) {
        const byValue = out.get(field) ?? new Map<string, number>();
        byValue.set(value, (byValue.get(value) ?? 0) + 1);
        out.set(field, byValue);
      }
    }
  }
  return out;
}

const sorted = (counts: Map<Field, Map<string, number>>) => [...counts].map(([f, m]) => [f, [...m].sort()] as const).sort();

describe('When facets are counted from the columns of codes', () => {
  it('then each value counts the matching documents that hold it, a value listed twice counting once', () => {
    let seed = 7;
    const rand = (k: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % k);
    const documents = Array.from({ length: 3_000 }, (): [Field, string[]][] => [
      ['country', [`C${rand(40)}`, ...(rand(4) === 0 ? [`C${rand(40)}`] : [])]],
      ['sector', Array.from({ length: rand(4) }, () => `S${rand(12)}`)],
    ]);
    // A programme naming one country as origin and as target lists it twice.
    documents[5] = [['country', ['KE', 'KE']], ['sector', []]];
    const columns = new FacetColumns<Field>();
    for (const d of documents) columns.push(d);
    const numbers = documents.map((_, n) => n).filter((n) => n % 3 !== 1);
    expect(sorted(columns.count(Uint32Array.from(numbers)))).toEqual(sorted(countedBySets(documents, numbers)));
    expect(columns.count(Uint32Array.of(5)).get('country')).toEqual(new Map([['KE', 1]]));
    expect(sorted(FacetColumns.restore<Field>(columns.snapshot()).count(Uint32Array.from(numbers)))).toEqual(sorted(countedBySets(documents, numbers)));
  });

  it('then more than 65,535 distinct values are told apart', () => {
    const columns = new FacetColumns<Field>();
    for (let i = 0; i < 70_000; i += 1) columns.push([['sector', [`S${i}`]]]);
    const counts = columns.count(Uint32Array.of(0, 65_536, 69_999)).get('sector');
    expect([...(counts ?? [])].sort()).toEqual([['S0', 1], ['S65536', 1], ['S69999', 1]]);
  });
});
