import { readWhole, type FeedBody } from '../fetch';
import type { Mapping } from '../mapping';

/** What every connector gives the import stage: records whose fields are read by the mapping's paths. */
export interface RawRecord {
  /** The value at a mapping path, in this connector's path syntax. */
  get(path: string): unknown;
  /** The inner HTML at a path, where the format has markup (html): descriptions keep it, sanitised. */
  html?(path: string): string | undefined;
  /** 1-based physical line where the record starts (the header being line 1), where the format has lines. */
  line?: number;
}

export interface RecordError {
  externalId?: string;
  line?: number;
  message: string;
}

/** A page parsed whole, by the connectors whose formats need the whole document (html, atom). */
export interface ParsedPage {
  records: RawRecord[];
  /** Records that could not even be read (a ragged CSV row, say): rejected, with their line. */
  rejects: RecordError[];
  /** Absolute URL of the next page, if the feed is paged. */
  next?: string;
}

/**
 * What a connector reads from a page, in the order of the feed: a record, a record that could
 * not even be read (rejected, with its line), or where the next page is (undefined: none).
 * A feed may say where its next page is before or after its records; the last word counts.
 */
export type PageItem = { kind: 'record'; record: RawRecord } | { kind: 'reject'; error: RecordError } | { kind: 'next'; url: string | undefined };

/**
 * A connector: reads a page's body as it arrives and yields what it finds. A body it cannot
 * read throws a ParseError (a failed fetch, the body's FetchError) after the items before it.
 * It reads the body only when asked for more items, and stopping early destroys the body.
 */
export type PageReader = (body: FeedBody, mapping: Mapping, pageUrl: string) => AsyncIterable<PageItem>;

export class ParseError extends Error {}

/** A connector for a format parsed as one document: reads the whole body (within the source's size limit) first. */
export function wholeDocument(parse: (body: Buffer, mapping: Mapping, pageUrl: string) => ParsedPage): PageReader {
  return async function* readDocument(body, mapping, pageUrl) {
    const page = parse(await readWhole(body), mapping, pageUrl);
    for (const error of page.rejects) yield { kind: 'reject', error };
    for (const record of page.records) yield { kind: 'record', record };
    if (page.next) yield { kind: 'next', url: page.next };
  };
}
