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

export interface ParsedPage {
  records: RawRecord[];
  /** Records that could not even be read (a ragged CSV row, say): rejected, with their line. */
  rejects: RecordError[];
  /** Absolute URL of the next page, if the feed is paged. */
  next?: string;
}

export class ParseError extends Error {}
