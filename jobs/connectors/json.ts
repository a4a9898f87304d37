/**
 * The json connector, streaming: each element of the list at `mapping.records` is yielded as
 * soon as its closing bracket has been read, and forgotten once yielded, so memory stays flat
 * however long the list. The value at `mapping.next` is picked up wherever it stands.
 */
import { JSONParser, type ParsedElementInfo } from '@streamparser/json';
import type { Mapping } from '../mapping';
import { mappedConfig, ParseError, type ListingConnector, type PageItem, type PageReader } from './connector';

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

/** Where a value the parser emits stands in the document, as a dot path. */
const pathOf = ({ stack, key }: ParsedElementInfo) => (stack.length === 0 ? '' : [...stack.slice(1).map((frame) => frame.key), key].join('.'));

const notAList = (mapping: Mapping) =>
  new ParseError(mapping.records ? `"${mapping.records}" is not a list in this feed` : 'the feed is not a list (set mapping.records to the path of the list)');

export const readJson: PageReader = async function* readJson(body, mapping, pageUrl) {
  const list = mapping.records ?? '';
  const depth = list ? list.split('.').length : 0;
  const nextDepth = mapping.next?.split('.').length;
  // The list itself is selected too: its end says it was a list (an empty one yields no element).
  const selector = list ? `$.${list}` : '$';
  const parser = new JSONParser({ paths: [`${selector}.*`, selector, ...(mapping.next ? [`$.${mapping.next}`] : [])], keepStack: false });
  let found: PageItem[] = [];
  // Set by the parser's callback, so typed wide: control flow cannot see those writes.
  let shape = 'unseen' as 'unseen' | 'list' | 'not a list';
  let badNext: ParseError | undefined;
  parser.onValue = (info) => {
    const path = info.stack.length === depth + 1 || info.stack.length === nextDepth ? pathOf(info) : undefined;
    if (mapping.next && path === mapping.next) {
      const next = info.value;
      try {
        found.push({ kind: 'next', url: typeof next === 'string' && next ? new URL(next, pageUrl).toString() : undefined });
      } catch {
        badNext = new ParseError(`"${mapping.next}" is not a URL: ${JSON.stringify(next).slice(0, 200)}`);
      }
    } else if (info.stack.length === depth + 1) {
      const { parent, value } = info;
      if (!Array.isArray(parent)) {
        shape = 'not a list';
        return;
      }
      found.push({ kind: 'record', record: { get: (p: string) => atPath(value, p) } });
      // The parser keeps the selected list's elements; the list was selected only to learn its shape.
      parent.length = 0;
    } else if (info.stack.length === depth) {
      shape = Array.isArray(info.value) ? 'list' : 'not a list';
    }
  };
  let head = '';
  let blank = true;
  const fail = (err: unknown) =>
    head.replace(/^\uFEFF/, '').trimStart().startsWith('<')
      ? new ParseError('expected JSON but the feed sent HTML or XML (an error or login page?)')
      : new ParseError(`the JSON is cut or invalid: ${(err as Error).message}`);
  // Whatever was read before a fault is yielded first, so what is imported never depends on where chunks split.
  const step = (write: () => void): { ready: PageItem[]; failure?: ParseError } => {
    let failure: ParseError | undefined;
    try {
      write();
    } catch (err) {
      failure = fail(err);
    }
    failure ??= badNext ?? (shape === 'not a list' ? notAList(mapping) : undefined);
    const ready = found;
    found = [];
    return { ready, failure };
  };
  for await (const chunk of body) {
    if (head.length < 200) head += chunk.toString('utf8', 0, 200);
    if (blank) blank = /^[\s\uFEFF]*$/.test(chunk.toString('utf8'));
    const { ready, failure } = step(() => parser.write(chunk));
    yield* ready;
    if (failure) throw failure;
  }
  const { ready, failure } = step(() => {
    if (blank) throw new Error('the body is empty');
    if (!parser.isEnded) parser.end();
  });
  yield* ready;
  if (failure) throw failure;
  if (shape !== 'list') throw notAList(mapping);
};

/** JSON feeds: the list at `mapping.records`, paged by the address at `mapping.next`. */
export const json = { name: 'json', reads: 'listing', config: mappedConfig, networkIds: true, readPage: readJson } as const satisfies ListingConnector<'json'>;
