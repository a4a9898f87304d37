import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import type { Mapping } from '../mapping';
import { mappedConfig, ParseError, wholeDocument, type ListingConnector, type ParsedPage, type RawRecord } from './connector';

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * An Atom (or RSS) feed: each <entry> (or <item>) is a record. Field paths name child
 * elements, with the prefix the feed declares for extensions (`pn:origin`), `.` for nesting
 * (`author.name`) and `@attr` for an attribute of the first match (`link@href`).
 */
export function parseAtom(body: Buffer, _mapping: Mapping, pageUrl: string): ParsedPage {
  const text = body.toString('utf8');
  if (!/<(feed|rss|rdf:RDF)[\s>]/.test(text)) throw new ParseError('expected an Atom or RSS feed but found no <feed> or <rss> element');
  const $ = cheerio.load(text, { xml: true });
  const entries = $('entry').length ? $('entry').toArray() : $('item').toArray();
  const records: RawRecord[] = entries.map((entry) => {
    const find = (path: string) => {
      const at = path.lastIndexOf('@');
      const names = (at === -1 ? path : path.slice(0, at)).split('.').filter(Boolean);
      let nodes = $(entry as Element);
      for (const name of names) nodes = nodes.children().filter((_, el) => (el as Element).tagName === name);
      return { node: nodes.first(), attr: at === -1 ? undefined : path.slice(at + 1) };
    };
    return {
      get(path) {
        const { node, attr } = find(path);
        if (node.length === 0) return undefined;
        if (!attr) return collapse(node.text());
        const value = node.attr(attr);
        if (value === undefined) return undefined;
        return attr === 'href' ? new URL(value, pageUrl).toString() : collapse(value);
      },
      // Atom's html summaries and contents are escaped markup: their text is the HTML.
      html(path) {
        const { node, attr } = find(path);
        if (attr || node.length === 0) return undefined;
        return node.attr('type') === 'html' || node.attr('type') === 'xhtml' ? node.text() : undefined;
      },
    };
  });
  return { records, rejects: [] };
}

/** Atom and RSS feeds, read as one document. */
export const atom = { name: 'atom', reads: 'listing', config: mappedConfig, networkIds: true, readPage: wholeDocument(parseAtom) } as const satisfies ListingConnector<'atom'>;
