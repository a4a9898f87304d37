/** Reads a page as a person does: its visible text and elements, parsed with cheerio, never its markup as a string. */
import * as cheerio from 'cheerio';

export type Read = cheerio.CheerioAPI;

/** Collapses white space as a browser does: ASCII white space only; a no-break space stays. */
const collapse = (text: string) => text.replace(/[ \t\n\r\f]+/g, ' ').trim();

export const read = (page: string): Read => cheerio.load(page);

/** The text a reader sees in the elements of `selector`, with white space as a browser collapses it. */
export const textIn = ($: Read, selector: string): string => collapse($(selector).text());

/** The text of the `<dd>` after the `<dt>` that reads `term`; undefined when no such term. */
export function definition($: Read, term: string): string | undefined {
  const dt = $('dt').filter((_, el) => $(el).text().trim() === term).first();
  return dt.length ? collapse(dt.next('dd').text()) : undefined;
}
