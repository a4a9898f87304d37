/**
 * The one CSV writer of the project. A cell that a spreadsheet would read as a formula
 * (starting with `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'`, so an
 * entry's name such as `=HYPERLINK(...)` stays text when an operator opens the file.
 */
import type { Response } from 'express';
import { stringify, type Stringifier } from 'csv-stringify';

/** Starts a CSV download named `filename` with these columns; write rows to it, then end it. */
export function csvDownload(res: Response, filename: string, columns: string[]): Stringifier {
  res.type('text/csv; charset=utf-8').attachment(filename);
  const csv = stringify({ header: true, columns, bom: true, escape_formulas: true, cast: { boolean: (v) => String(v) } });
  csv.pipe(res);
  return csv;
}
