/**
 * The csv connector, streaming: rows are yielded as csv-parse reads them, each with the line it
 * starts on. The header line, read first, decides the delimiter.
 */
import { CsvError, parse } from 'csv-parse';
import { mappedConfig, ParseError, type ListingConnector, type PageItem, type PageReader } from './connector';

/** The delimiter the header line uses most: comma, semicolon or tab. */
function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n/) === -1 ? text.length : text.search(/\r?\n/));
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length - 1] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
}

/** A row as csv-parse gives it with `info`: `lines` is the line the row ends on, `empty_lines` the blank lines skipped so far. */
interface Row {
  record: string[];
  info: { lines: number; empty_lines: number };
}

/** How much of the body (in characters) is read, at most, to find the end of the header line. */
const HEADER_CHARS = 64 * 1024;

/** Turns rows into items: the first row names the columns; a row of another length is rejected with its line. */
function rowReader(): (row: Row) => PageItem | undefined {
  let columns: string[] | undefined;
  let previousEnd = 0;
  let previousEmpty = 0;
  let overcount = 0;
  return ({ record, info }) => {
    // A row starts after the previous one ended and after the blank lines skipped in between.
    const line = previousEnd + 1 + info.empty_lines - previousEmpty;
    // csv-parse counts a quoted CRLF as two lines; the file shows one.
    for (const field of record) if (field.includes('\r\n')) overcount += field.split('\r\n').length - 1;
    previousEnd = info.lines - overcount;
    previousEmpty = info.empty_lines;
    if (!columns) {
      columns = record.map((h) => h.trim());
      return undefined;
    }
    if (record.length !== columns.length) {
      return { kind: 'reject', error: { line, externalId: record[0], message: `line ${line} has ${record.length} fields for ${columns.length} columns` } };
    }
    const values = new Map(columns.map((c, i) => [c, record[i]]));
    return { kind: 'record', record: { get: (path) => values.get(path), line } };
  };
}

export const readCsv: PageReader = async function* readCsv(body) {
  const reader = body[Symbol.asyncIterator]();
  let opened: ReturnType<typeof parse> | undefined;
  const head: Buffer[] = [];
  let text = '';
  let ended = false;
  try {
    while (!/\r?\n/.test(text) && text.length < HEADER_CHARS) {
      const step = await reader.next();
      if (step.done) {
        ended = true;
        break;
      }
      head.push(step.value);
      text += step.value.toString('utf8');
    }
    text = text.replace(/^\uFEFF/, '');
    if (/^\s*</.test(text)) throw new ParseError('expected CSV but the feed sent HTML or XML (an error or login page?)');
    const parser = parse({ delimiter: detectDelimiter(text), bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true });
    opened = parser;
    // The parser is fed one chunk at a time, and the next chunk is read only once the rows of
    // this one have been taken: the body is never read while the import stage is busy.
    const rows: Row[] = [];
    let failure: Error | undefined;
    parser.on('data', (row: Row) => rows.push(row));
    parser.on('error', (err) => (failure ??= err));
    const finished = new Promise<void>((resolve) => parser.once('close', resolve));
    const toItem = rowReader();
    let sawHeader = false;
    // The rows read before a fault are yielded first, as the json connector does.
    const taken = function* (): Generator<PageItem> {
      for (const row of rows.splice(0)) {
        const item = toItem(row);
        sawHeader = true;
        if (item) yield item;
      }
      if (failure) throw failure instanceof CsvError ? new ParseError(`the CSV could not be read: ${failure.message}`) : failure;
    };
    const chunks = async function* (): AsyncGenerator<Buffer> {
      yield* head;
      if (!ended) for (let step = await reader.next(); !step.done; step = await reader.next()) yield step.value;
    };
    for await (const chunk of chunks()) {
      await new Promise<void>((resolve) =>
        parser.write(chunk, (err) => {
          failure ??= err ?? undefined;
          resolve();
        }),
      );
      yield* taken();
    }
    parser.end();
    await finished;
    yield* taken();
    if (!sawHeader) throw new ParseError('the CSV is empty');
  } finally {
    opened?.destroy();
    body.destroy();
  }
};

/** CSV files: one record a row, fields named by the header line. */
export const csv = { name: 'csv', reads: 'listing', config: mappedConfig, networkIds: true, readPage: readCsv } as const satisfies ListingConnector<'csv'>;
