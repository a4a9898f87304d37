/**
 * Name similarity as PostgreSQL's pg_trgm computes it, so a sync can compare a record with
 * thousands of candidates in memory and agree with `similarity()` in SQL: each word (a run of
 * letters and digits, lower-cased) is padded with two spaces before and one after, cut into
 * three-character pieces, and two names score the share of pieces they have in common.
 */
export type Trigrams = Set<string>;

export function trigrams(text: string): Trigrams {
  const out = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

export function similarity(a: Trigrams, b: Trigrams): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const t of a) if (b.has(t)) common += 1;
  return common / (a.size + b.size - common);
}
