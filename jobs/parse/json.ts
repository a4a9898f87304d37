import type { Mapping } from '../mapping';
import { ParseError, type ParsedPage, type RawRecord } from './connector';

/** The value at a dot path ("data.items", "address.country"); the whole value for "". */
export function atPath(value: unknown, path: string | undefined): unknown {
  if (!path) return value;
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function parseJson(body: Buffer, mapping: Mapping, pageUrl: string): ParsedPage {
  let doc: unknown;
  try {
    doc = JSON.parse(body.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    const text = body.toString('utf8', 0, 200).trimStart();
    if (text.startsWith('<')) throw new ParseError('expected JSON but the feed sent HTML or XML (an error or login page?)');
    throw new ParseError(`the JSON is cut or invalid: ${(err as Error).message}`);
  }
  const list = atPath(doc, mapping.records);
  if (!Array.isArray(list)) throw new ParseError(mapping.records ? `"${mapping.records}" is not a list in this feed` : 'the feed is not a list (set mapping.records to the path of the list)');
  const records: RawRecord[] = list.map((item) => ({ get: (path: string) => atPath(item, path) }));
  const next = mapping.next ? atPath(doc, mapping.next) : undefined;
  return { records, rejects: [], next: typeof next === 'string' && next ? new URL(next, pageUrl).toString() : undefined };
}
