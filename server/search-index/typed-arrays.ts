/** Typed arrays the index grows as documents arrive. */
type Growable = Float64Array<ArrayBufferLike> | Uint32Array<ArrayBufferLike> | Uint16Array<ArrayBufferLike>;

/** A copy of `array` with room for at least `atLeast` items: twice as long, or more if need be. */
export function grown<T extends Growable>(array: T, atLeast: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(Math.max(atLeast, array.length * 2, 16));
  bigger.set(array);
  return bigger;
}
