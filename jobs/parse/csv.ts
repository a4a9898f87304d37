import { parse } from 'csv-parse/sync';
import { ParseError, type ParsedPage, type RawRecord, type RecordError } from './connector';

/** The delimiter the header line uses most: comma, semicolon or tab. */
function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n/) === -1 ? text.length : text.search(/\r?\n/));
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length - 1] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
}

export function parseCsv(body: Buffer): ParsedPage {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*</.test(text)) throw new ParseError('expected CSV but the feed sent HTML or XML (an error or login page?)');
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { delimiter: detectDelimiter(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true }) as unknown as typeof rows;
  } catch (err) {
    throw new ParseError(`the CSV could not be read: ${(err as Error).message}`);
  }
  const [header, ...data] = rows;
  if (!header) throw new ParseError('the CSV is empty');
  const columns = header.record.map((h) => h.trim());
  const records: RawRecord[] = [];
  const rejects: RecordError[] = [];
  let previousEnd = header.info.lines;
  for (const row of data) {
    // info.lines is where the record ends; it starts after the previous one ended.
    const line = previousEnd + 1;
    previousEnd = row.info.lines;
    if (row.record.length !== columns.length) {
      rejects.push({ line, externalId: row.record[0], message: `line ${line} has ${row.record.length} fields for ${columns.length} columns` });
      continue;
    }
    const values = new Map(columns.map((c, i) => [c, row.record[i]]));
    records.push({ get: (path) => values.get(path), line });
  }
  return { records, rejects };
}
