/**
 * The records a run has seen, as a bitmap of provenance row numbers: a run of a million
 * records remembers them in about 128 KB and writes nothing to the rows it saw unchanged.
 */
export class SeenSet {
  private words = new Uint32Array(1024);
  size = 0;

  add(seq: number): void {
    const word = Math.floor(seq / 32);
    if (word >= this.words.length) {
      const grown = new Uint32Array(Math.max(word + 1, this.words.length * 2));
      grown.set(this.words);
      this.words = grown;
    }
    const bit = 1 << seq % 32;
    const current = this.words[word] ?? 0;
    if ((current & bit) === 0) this.size += 1;
    this.words[word] = current | bit;
  }

  has(seq: number): boolean {
    const word = Math.floor(seq / 32);
    return ((this.words[word] ?? 0) & (1 << seq % 32)) !== 0;
  }
}
