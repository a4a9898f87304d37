/**
 * Every word the directory holds (three letters or more), for reading what a firm types: whether
 * a word is known, whether it starts known words (a word being typed), and which known words
 * look like it, so "Empretek" finds "Empretec". Likeness is pg_trgm's similarity: the share of
 * trigrams two words have in common, each word padded with two spaces before and one after.
 */
import { byCodeUnits, firstNotBefore, SortedList } from './sorted-list';

export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];
  private readonly byTrigram = new Map<string, number[]>();
  private readonly sorted = new SortedList<string>(byCodeUnits);

  get size(): number {
    return this.words.length;
  }

  add(words: Iterable<string>): void {
    for (const word of words) {
      if (word.length < 3 || this.ids.has(word)) continue;
      const id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
      this.sorted.add([word]);
      for (const trigram of trigramsOf(word)) {
        const list = this.byTrigram.get(trigram);
        if (list) list.push(id);
        else this.byTrigram.set(trigram, [id]);
      }
    }
  }

  /** Every word, in the order added. */
  all(): readonly string[] {
    return this.words;
  }

  has(word: string): boolean {
    return this.ids.has(word);
  }

  /** Whether a known word starts with `prefix` (or is it). */
  starts(prefix: string): boolean {
    const sorted = this.sorted.read();
    return sorted[firstNotBefore(sorted.length, (i) => (sorted[i] as string) < prefix)]?.startsWith(prefix) ?? false;
  }

  /** The known words at least `threshold` alike to `word`, most alike first (then alphabetically), at most `limit`. */
  similar(word: string, threshold: number, limit: number): string[] {
    const own = trigramsOf(word);
    if (own.size === 0) return [];
    const shared = new Map<number, number>();
    for (const trigram of own) for (const id of this.byTrigram.get(trigram) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    const found: { word: string; similarity: number }[] = [];
    for (const [id, common] of shared) {
      // Similarity is common / (|own| + |theirs| - common): skip words that cannot reach the threshold.
      if (common / own.size < threshold) continue;
      const candidate = this.words[id] as string;
      const similarity = common / (own.size + trigramsOf(candidate).size - common);
      if (similarity >= threshold) found.push({ word: candidate, similarity });
    }
    found.sort((x, y) => y.similarity - x.similarity || (x.word < y.word ? -1 : 1));
    return found.slice(0, limit).map((f) => f.word);
  }
}

/** pg_trgm's trigrams: each run of letters and digits, lower-cased, padded "  word ". */
function trigramsOf(text: string): Set<string> {
  const trigrams = new Set<string>();
  for (const part of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!part) continue;
    const padded = `  ${part} `;
    const chars = [...padded];
    for (let i = 0; i + 3 <= chars.length; i += 1) trigrams.add(chars.slice(i, i + 3).join(''));
  }
  return trigrams;
}
