import * as cheerio from 'cheerio';
import type { Mapping } from '../mapping';
import { mappedConfig, ParseError, wholeDocument, type ListingConnector, type ParsedPage, type RawRecord } from './connector';

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * An HTML directory page: `records` is a CSS selector for one record, field paths are CSS
 * selectors inside it, `sel@attr` reads an attribute of the first match and `@attr` one of
 * the record element itself. Text has its white space collapsed; links resolve against the page.
 */
export function parseHtml(body: Buffer, mapping: Mapping, pageUrl: string): ParsedPage {
  if (!mapping.records) throw new ParseError('an html source needs mapping.records, the CSS selector of one record');
  const $ = cheerio.load(body.toString('utf8'));
  let elements;
  try {
    elements = $(mapping.records).toArray();
  } catch (err) {
    throw new ParseError(`"${mapping.records}" is not a CSS selector: ${(err as Error).message}`);
  }
  const records: RawRecord[] = elements.map((el) => {
    const scope = $(el);
    const pick = (path: string) => {
      const at = path.lastIndexOf('@');
      const selector = at === -1 ? path : path.slice(0, at);
      const target = selector.trim() ? scope.find(selector).first() : scope;
      return { target, attr: at === -1 ? undefined : path.slice(at + 1) };
    };
    return {
      get(path) {
        const { target, attr } = pick(path);
        if (target.length === 0) return undefined;
        if (!attr) return collapse(target.text());
        const value = target.attr(attr);
        if (value === undefined) return undefined;
        return attr === 'href' || attr === 'src' ? new URL(value, pageUrl).toString() : collapse(value);
      },
      html(path) {
        const { target } = pick(path);
        return target.length ? (target.html() ?? undefined) : undefined;
      },
    };
  });
  return { records, rejects: [] };
}

/** A page's records are the elements `mapping.records` selects: without that selector there is nothing to read. */
const recordsOf = (mapping: unknown): unknown => (typeof mapping === 'object' && mapping !== null && 'records' in mapping ? mapping.records : undefined);
const htmlConfig = mappedConfig.superRefine((s, ctx) => {
  if (s.mapping && !recordsOf(s.mapping)) ctx.addIssue({ code: 'custom', path: ['mapping', 'records'], message: 'an html source needs the CSS selector of one record' });
});

/** HTML directory pages, read as one document. */
export const html = { name: 'html', reads: 'listing', config: htmlConfig, networkIds: true, readPage: wholeDocument(parseHtml) } as const satisfies ListingConnector<'html'>;
