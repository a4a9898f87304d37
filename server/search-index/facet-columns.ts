/**
 * Each document's facet values, by document number, as codes in one flat array: the values of
 * document n are `data[start[n]]` up to `data[start[n + 1]]`, each code naming a field and a
 * value. Counting a query's facets is then one pass over its matching documents, adding one per
 * value they hold: a few additions per document, where intersecting the matching set with the
 * bitmap of each of several hundred values (countries, sectors…) cost a call into WebAssembly per
 * value. The counts are the same: both count, for each value, the matching documents holding it.
 */
import { grown } from './typed-arrays';

export interface FacetColumnsSnapshot {
  fields: string[];
  values: string[];
  start: Uint32Array<ArrayBufferLike>;
  data: Uint16Array<ArrayBufferLike> | Uint32Array<ArrayBufferLike>;
}

export class FacetColumns<F extends string> {
  /** The field and value of each code. */
  private fields: F[] = [];
  private values: string[] = [];
  /** The code of each value, by field. */
  private readonly codeOf = new Map<string, Map<string, number>>();
  private start: Uint32Array<ArrayBufferLike> = new Uint32Array(1025);
  private data: Uint16Array<ArrayBufferLike> | Uint32Array<ArrayBufferLike> = new Uint16Array(4096);
  private documents = 0;

  /** Appends the next document's values (it takes the next number). */
  push(values: readonly (readonly [F, readonly string[]])[]): void {
    let used = this.start[this.documents] as number;
    for (const [field, list] of values) {
      if (list.length === 0) continue;
      const codes = this.codesOf(field);
      // A value listed twice (a programme's country among both its origins and its targets) counts once.
      for (const value of list.length > 1 ? new Set(list) : list) {
        const code = codes.get(value) ?? this.newCode(codes, field, value);
        if (used >= this.data.length) this.data = grown(this.data, used + 1);
        this.data[used] = code;
        used += 1;
      }
    }
    this.documents += 1;
    if (this.documents >= this.start.length) this.start = grown(this.start, this.documents + 1);
    this.start[this.documents] = used;
  }

  /** For each field, each value the documents hold and how many of them hold it. */
  count(numbers: Uint32Array): Map<F, Map<string, number>> {
    const counts = new Uint32Array(this.values.length);
    const { start, data } = this;
    for (let i = 0; i < numbers.length; i += 1) {
      const n = numbers[i] as number;
      for (let j = start[n] as number, end = start[n + 1] as number; j < end; j += 1) {
        const code = data[j] as number;
        counts[code] = (counts[code] as number) + 1;
      }
    }
    const out = new Map<F, Map<string, number>>();
    for (let code = 0; code < counts.length; code += 1) {
      const count = counts[code] as number;
      if (count === 0) continue;
      const field = this.fields[code] as F;
      let byValue = out.get(field);
      if (!byValue) out.set(field, (byValue = new Map()));
      byValue.set(this.values[code] as string, count);
    }
    return out;
  }

  snapshot(): FacetColumnsSnapshot {
    return { fields: this.fields, values: this.values, start: this.start.slice(0, this.documents + 1), data: this.data.slice(0, this.start[this.documents]) };
  }

  static restore<F extends string>(snapshot: FacetColumnsSnapshot): FacetColumns<F> {
    const columns = new FacetColumns<F>();
    columns.fields = snapshot.fields as F[];
    columns.values = snapshot.values;
    snapshot.fields.forEach((field, code) => columns.codesOf(field).set(snapshot.values[code] as string, code));
    columns.documents = snapshot.start.length - 1;
    // Taken as they are: push grows them when a document is added.
    columns.start = snapshot.start;
    columns.data = snapshot.data;
    return columns;
  }

  private codesOf(field: string): Map<string, number> {
    let codes = this.codeOf.get(field);
    if (!codes) this.codeOf.set(field, (codes = new Map()));
    return codes;
  }

  private newCode(codes: Map<string, number>, field: F, value: string): number {
    const code = this.values.length;
    codes.set(value, code);
    this.fields.push(field);
    this.values.push(value);
    // Codes outgrow 16 bits only with more than 65,535 distinct values.
    if (code > 0xffff && this.data instanceof Uint16Array) this.data = Uint32Array.from(this.data);
    return code;
  }
}
