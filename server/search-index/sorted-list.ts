/**
 * A list kept in order for binary search. Items added wait apart and are merged in by the next
 * read, in one pass: a sync adds thousands at a time, and sorting the whole list for each would
 * cost more than the search it serves.
 */
export class SortedList<T> {
  private items: T[] = [];
  private waiting: T[] = [];

  constructor(private readonly before: (a: T, b: T) => boolean) {}

  add(items: Iterable<T>): void {
    for (const item of items) this.waiting.push(item);
  }

  /** Items already in order (as `read` gave them), to merge the items added since into. */
  adopt(sorted: Iterable<T>): void {
    this.items = [...sorted];
  }

  /** Every item, in order. */
  read(): readonly T[] {
    if (this.waiting.length === 0) return this.items;
    const before = this.before;
    const fresh = this.waiting.sort((x, y) => (before(x, y) ? -1 : before(y, x) ? 1 : 0));
    const old = this.items;
    const merged = new Array<T>(old.length + fresh.length);
    for (let i = 0, j = 0, k = 0; k < merged.length; k += 1) {
      const a = old[i];
      const b = fresh[j];
      if (j >= fresh.length || (i < old.length && before(a as T, b as T))) {
        merged[k] = a as T;
        i += 1;
      } else {
        merged[k] = b as T;
        j += 1;
      }
    }
    this.items = merged;
    this.waiting = [];
    return merged;
  }
}

/** The first index of a list of `length` items for which `isBefore` is false (it is true for a prefix of the list). */
export function firstNotBefore(length: number, isBefore: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isBefore(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const byCodeUnits = (a: string, b: string): boolean => a < b;
