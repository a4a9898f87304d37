/**
 * /embed: a compact listing made for a host site's iframe (a chamber's, UNCTAD's): no header
 * or footer, links that open the full directory in the top window, and framing allowed from
 * any origin on this route only.
 */
import type { RequestHandler } from 'express';
import type { AppContext } from '../../context';
import { listDirectory } from '../../directory/read';
import type { FieldError } from '../../errors';
import { html } from '../html';
import { searchDescription } from '../descriptions';
import { pageFor, type Page } from '../kit';
import { readSearch } from './filters';
import { entryList, filterLabel, filterNames, listFilters, organizationItem, programmeItem, searchHref, type Filters } from './parts';
import { filtersOf } from './search';

/**
 * helmet forbids framing everywhere (X-Frame-Options SAMEORIGIN, frame-ancestors 'self');
 * the embed page lifts that for any ancestor and keeps the rest of the policy.
 */
export const framableAnywhere: RequestHandler = (_req, res, next) => {
  res.removeHeader('X-Frame-Options');
  const policy = res.getHeader('Content-Security-Policy');
  if (typeof policy === 'string') {
    const directives = policy.split(';').map((d) => d.trim()).filter((d) => d && !d.startsWith('frame-ancestors'));
    res.setHeader('Content-Security-Policy', [...directives, 'frame-ancestors *'].join(';'));
  }
  next();
};

function badEmbed(page: Page, errors: FieldError[]) {
  const names: Record<string, string> = filterNames(page);
  const body = html`<h1>${page.t('firmsBadSearchTitle')}</h1><p>${page.t('pleaseCorrect')}</p><ul>${errors.map((e) => html`<li>${page.t('labelled', { label: names[e.path] ?? e.path, value: e.message })}</li>`)}</ul>`;
  page.send({ status: 400, title: page.t('firmsBadSearchTitle'), body, bare: true });
}

/** What the listing is about, for its heading: "Ghana · Manufacturing", or the whole directory. */
function subject(page: Page, filters: Filters): string {
  const parts = listFilters.flatMap((name) => filters[name].map((v) => filterLabel(page, name, v)));
  return parts.length ? page.t('firmsEmbedTitle', { subject: parts.join(' · ') }) : page.t('allEntries');
}

export const embedPage =
  (ctx: AppContext): RequestHandler =>
  async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t, tr } = page;
    const read = readSearch(page, req);
    if ('errors' in read) return badEmbed(page, read.errors);
    const filters = filtersOf(read.query);
    const query = { ...read.query, cursor: undefined };
    const [orgs, progs] = await Promise.all([listDirectory(ctx, 'organization', { ...query, limit: 10 }), listDirectory(ctx, 'programme', { ...query, limit: 5 })]);
    const top = { target: '_top', lang: page.lang } as const;
    const title = subject(page, filters);
    const body = html`<h1>${title}</h1>
<h2>${t('intermediaries')} (${tr.number(orgs.total)})</h2>${entryList(page, orgs.items, organizationItem(page, top))}
<h2>${t('programmes')} (${tr.number(progs.total)})</h2>${entryList(page, progs.items, programmeItem(page, top))}
<p><a href="${searchHref(page, filters, { lang: page.lang })}" target="_top">${t('firmsMoreInDirectory')}</a></p>`;
    const ld = { '@context': 'https://schema.org', '@type': 'WebPage', name: title, inLanguage: page.lang, url: page.absolute(req.originalUrl.slice(page.base.length)) };
    // The embed is a short copy of the search with the same filters: that search is the page to index.
    page.send({ title, body, ld, bare: true, description: searchDescription(page, filters, orgs.total, progs.total), canonical: searchHref(page, filters).slice(page.base.length) });
  };
