import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { presets, type Mapping } from '../../../jobs/mapping';
import { readCsv } from '../../../jobs/connectors/csv';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../fixtures', name));

/** The bytes cut every `size` bytes, through characters, quotes and line ends alike. */
const body = (bytes: Buffer, size = bytes.length) => {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return Readable.from(chunks);
};

/** What the connector yields, as [line, first column, or the reason], and the error it ends with, if any. */
async function read(bytes: Buffer | string, size?: number, column = 'Member ID') {
  const items: [number | undefined, unknown][] = [];
  try {
    for await (const item of readCsv(body(Buffer.from(bytes), size), presets.waipa as Mapping, 'https://feeds.example.org/members.csv')) {
      if (item.kind === 'record') items.push([item.record.line, item.record.get(column)]);
      if (item.kind === 'reject') items.push([item.error.line, item.error.message]);
    }
  } catch (err) {
    return { items, error: (err as Error).message };
  }
  return { items, error: undefined };
}

describe('When a CSV member list is read as it arrives', () => {
  it('then each row comes out with the line it starts on, however the body is cut', async () => {
    const whole = await read(fixture('waipa-members.csv'));
    expect(whole.error).toBeUndefined();
    expect(whole.items).toHaveLength(30);
    // WAIPA-0101's address holds a line break: the row after it starts on line 4.
    expect(whole.items.slice(0, 3)).toEqual([[2, 'WAIPA-0101'], [4, 'WAIPA-0102'], [5, 'WAIPA-0103']]);
    for (const size of [1, 3, 16, 1000]) expect(await read(fixture('waipa-members.csv'), size)).toEqual(whole);
  });

  it('then quoted delimiters, quotes and line breaks (LF or CRLF) stay in their field, and blank lines are skipped', async () => {
    const text = ['id,name,note', '1,"Alpha, Ltd","two\r\nlines"', '', '2,"The ""B"" Agency","x"', '3,Gamma,"a\nb\nc"', '4,Delta,end'].join('\r\n');
    const res = await read(text, 2, 'name');
    expect(res).toEqual({ items: [[2, 'Alpha, Ltd'], [5, 'The "B" Agency'], [6, 'Gamma'], [9, 'Delta']], error: undefined });
    const tabs = await read('\uFEFFid\tname\n1\tAlpha; Beta\n', 4, 'name');
    expect(tabs.items).toEqual([[2, 'Alpha; Beta']]);
  });

  it('then ragged rows are rejected with their line, in the order of the file', async () => {
    const res = await read(fixture('faults/ragged.csv'), 7);
    expect(res.error).toBeUndefined();
    expect(res.items.filter(([, v]) => typeof v === 'string' && v.startsWith('line')).map(([line]) => line)).toEqual([4, 6, 8, 10]);
    expect(res.items.map(([line]) => line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(res.items[2]).toEqual([4, 'line 4 has 11 fields for 9 columns']);
  });

  it('then an HTML page, an empty body and a header line longer than a chunk are told apart', async () => {
    expect((await read(' <html><body>Sign in</body></html>')).error).toBe('expected CSV but the feed sent HTML or XML (an error or login page?)');
    expect((await read('')).error).toBe('the CSV is empty');
    const wide = `${Array.from({ length: 400 }, (_, i) => `column ${i}`).join(';')}\n${Array.from({ length: 400 }, (_, i) => `v${i}`).join(';')}\n`;
    expect((await read(wide, 50, 'column 399')).items).toEqual([[2, 'v399']]);
  });
});
