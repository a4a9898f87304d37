/**
 * What a connector is: a name, the checks of a source's settings it needs, and a reader. Two
 * kinds of reader exist: a listing (json, csv, html, atom) reads pages that together list every
 * record of the source, so what a complete run did not see is withdrawn; a changes reader (pnx)
 * reads what changed since a cursor, so only its tombstones withdraw. Connectors are registered
 * in index.ts.
 */
import { z } from 'zod';
import { readWhole, type FeedBody, type FetchOptions } from '../fetch';
import { presets, type Mapping } from '../mapping';

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

export type EntityType = Mapping['type'];

/** The settings of a source a connector checks, as given (a field not given is not checked). */
export interface SourceConfig {
  network?: string;
  mapping?: unknown;
}

/** Settings of a connector that reads records through the source's mapping, or its network's preset. */
export const mappedConfig = z
  .object({ network: z.string().optional(), mapping: z.unknown().optional() })
  .superRefine((s, ctx) => {
    if (!s.mapping && s.network !== undefined && !presets[s.network]) {
      ctx.addIssue({ code: 'custom', path: ['mapping'], message: `give a mapping: the network "${s.network}" has no preset (presets: ${Object.keys(presets).join(', ')})` });
    }
  });

interface ConnectorBase<Name extends string> {
  name: Name;
  /** Checks a source's settings when it is saved; each issue's path names the field at fault. */
  config: z.ZodType<unknown, SourceConfig>;
  /**
   * Whether a record's id is the network's own identifier of the body (a member id), worth
   * keeping as an identifier for matching; a peer directory's ids mean nothing outside it.
   */
  networkIds: boolean;
}

/** A connector whose pages together list every record of the source. */
export interface ListingConnector<Name extends string = string> extends ConnectorBase<Name> {
  reads: 'listing';
  readPage: PageReader;
}

/** A page of changes: records new or changed, records deleted, and the cursor to read on from. */
export interface ChangesPage {
  records: { type: EntityType; record: RawRecord }[];
  gone: { type: EntityType; externalId: string }[];
  cursor: string | null;
}

/** A connector that reads what changed since a cursor; its records come in its own shape. */
export interface ChangesConnector<Name extends string = string> extends ConnectorBase<Name> {
  reads: 'changes';
  /** How the records of each type map: fixed by the connector, whatever the source says. */
  mappings: Record<EntityType, Mapping>;
  /** Every page of changes after `cursor` (null: from the start); a fault throws a FetchError or ParseError. */
  readChanges(baseUrl: string, cursor: string | null, options: FetchOptions, pageSize: number): AsyncIterable<ChangesPage>;
}

export type Connector<Name extends string = string> = ListingConnector<Name> | ChangesConnector<Name>;
