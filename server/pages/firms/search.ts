/**
 * /search: intermediaries and programmes matching the query and filters, with facets to
 * narrow further, the active filters to widen again, and paging that keeps the filters.
 * Everything that changes with the query sits in #results, which the client swaps in place.
 */
import type { RequestHandler } from 'express';
import type { AppContext } from '../../context';
import { listDirectory, type Page as ListPage } from '../../directory/read';
import { HttpError, type FieldError } from '../../errors';
import type { OrganizationJson } from '../../presenters/organization';
import type { ProgrammeJson } from '../../presenters/programme';
import { html, type Html } from '../html';
import { searchDescription } from '../descriptions';
import { pageFor, type Page } from '../kit';
import { activeFilters, facetPanel, mergeFacets } from './facets';
import { directoryChoices, filterForm, readSearch, type SearchQuery } from './filters';
import { entryList, filterNames, filterParams, firmsStyles, listFilters, organizationItem, programmeItem, searchHref, type Filters } from './parts';

const PAGE_SIZE = 20;
const formFields = listFilters;

/** The filters of a query, without its paging. */
export const filtersOf = (q: SearchQuery): Filters => ({
  q: q.q,
  country: q.country,
  region: q.region,
  sector: q.sector,
  service: q.service,
  partnershipType: q.partnershipType,
  kind: q.kind,
  network: q.network,
  direction: q.direction,
  ldc: q.ldc,
  places: q.places,
});

/**
 * The search form folds away above the results; facets are the quicker way to narrow. The
 * client swaps the form in `#search-filters` along with #results, so it always shows the query.
 */
const foldedForm = (page: Page, form: Html, open: boolean) =>
  html`<details class="filter-box" id="search-filters"${open ? html` open` : ''}><summary id="filters-heading">${page.t('firmsFilterHeading')}</summary>${form}</details>`;

/** A 400 page: problems with a field sit next to it in the form; others (a page link) above it. */
async function badSearch(ctx: AppContext, page: Page, errors: FieldError[], values: Partial<Filters>) {
  const names: Record<string, string> = filterNames(page);
  const others = errors.filter((e) => !(e.path in names));
  const body = html`<h1>${page.t('firmsBadSearchTitle')}</h1>
${others.map((e) => html`<p role="alert">${e.message}</p>`)}
${foldedForm(page, filterForm(page, { values, present: await directoryChoices(ctx), fields: formFields, errors: errors.filter((e) => e.path in names) }), true)}`;
  page.send({ status: 400, title: page.t('firmsBadSearchTitle'), body, head: firmsStyles });
}

/** One list's section: its heading with the count, its entries, and its paging links. */
function resultSection<T>(page: Page, id: string, title: string, list: ListPage<T>, item: (x: T) => Html, pages: { next?: string; first?: string }): Html {
  const paging = [
    pages.first ? html`<a href="${pages.first}">${page.t('firmsFirstPage')}</a>` : '',
    pages.next ? html`<a href="${pages.next}" rel="next">${page.t('nextPage')}<span class="visually-hidden"> (${title})</span></a>` : '',
  ].filter(Boolean);
  const leftOut = list.understood?.leftOut ?? [];
  const widened = leftOut.length ? html`<p class="widened">${page.t('searchLeftOut', { words: page.tr.list(leftOut.map((q) => page.t('quoted', { q }))) })}</p>` : '';
  return html`<section aria-labelledby="${id}"><h2 id="${id}">${title} (${page.tr.number(list.total)})</h2>${widened}
${list.items.length ? entryList(page, list.items, item) : html`<p>${page.t('searchNoneInList')}</p>`}${paging.length ? html`<p class="paging">${paging.map((p, i) => html`${i ? ' · ' : ''}${p}`)}</p>` : ''}</section>`;
}

/**
 * What a search that found nothing says: for which words or filters, and what to try next;
 * no empty result lists and no facets, which would have nothing to offer.
 */
function nothingFound(page: Page, filters: Filters): Html {
  const { t } = page;
  const filtered = listFilters.some((name) => filters[name].length > 0) || !!filters.ldc;
  const tries = [
    filters.q ? t('searchTryFewerWords') : '',
    filters.q ? t('searchTrySpelling') : '',
    filtered ? t('searchTryRemoveFilter') : '',
  ].filter(Boolean);
  return html`<section class="nothing-found" aria-labelledby="nothing-heading"><h2 id="nothing-heading">${filters.q ? t('searchNothingFor', { q: filters.q }) : t('searchNothingFiltered')}</h2>
<p>${t('searchTryHeading')}</p><ul>${tries.map((x) => html`<li>${x}</li>`)}<li><a href="${page.href('/search')}">${t('searchTryEverything')}</a></li></ul></section>`;
}

async function lists(ctx: AppContext, query: SearchQuery): Promise<[ListPage<OrganizationJson>, ListPage<ProgrammeJson>]> {
  const { programmeCursor, ...rest } = query;
  return Promise.all([
    listDirectory(ctx, 'organization', { ...rest, limit: PAGE_SIZE }),
    listDirectory(ctx, 'programme', { ...rest, cursor: programmeCursor, limit: PAGE_SIZE }),
  ]);
}

export const searchPage =
  (ctx: AppContext): RequestHandler =>
  async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t } = page;
    const read = readSearch(page, req);
    if ('errors' in read) return badSearch(ctx, page, read.errors, read.values);
    const { query } = read;
    const filters = filtersOf(query);
    let orgs: ListPage<OrganizationJson>;
    let progs: ListPage<ProgrammeJson>;
    try {
      [orgs, progs] = await lists(ctx, query);
    } catch (err) {
      // A cursor edited by hand, or kept from another query.
      if (err instanceof HttpError && err.status === 400) return badSearch(ctx, page, [{ path: 'cursor', message: t('firmsBadCursor') }], filters);
      throw err;
    }
    const facets = mergeFacets(orgs.facets, progs.facets);
    const present = await directoryChoices(ctx);
    const understood = orgs.understood ?? progs.understood;
    const corrected = understood?.corrected;
    const found = orgs.total + progs.total > 0;
    const title = query.q ? t('resultsFor', { q: query.q }) : t('everything');
    const body = html`${foldedForm(page, filterForm(page, { values: filters, present, fields: formFields }), false)}
<div id="results"><h1>${title}</h1>
<p role="status">${t('firmsStatus', { organizations: t('firmsIntermediaryCount', { count: orgs.total }), programmes: t('firmsProgrammeCount', { count: progs.total }) })}</p>
${activeFilters(page, filters, understood)}
<p><a href="${page.href(`/saved-searches/new?${filterParams(filters)}`)}">${t('savedSaveThis')}</a></p>
${found ? html`${corrected ? html`<p class="correction">${t('searchShowingFor', { q: corrected })}</p>` : ''}
<div class="search-layout"><div>
${resultSection(page, 'organizations-heading', t('intermediaries'), orgs, organizationItem(page), {
  next: orgs.nextCursor ? searchHref(page, filters, { cursor: orgs.nextCursor, programmeCursor: query.programmeCursor }) : undefined,
  first: query.cursor ? searchHref(page, filters, { programmeCursor: query.programmeCursor }) : undefined,
})}
${resultSection(page, 'programmes-heading', t('programmes'), progs, programmeItem(page), {
  next: progs.nextCursor ? searchHref(page, filters, { cursor: query.cursor, programmeCursor: progs.nextCursor }) : undefined,
  first: query.programmeCursor ? searchHref(page, filters, { cursor: query.cursor }) : undefined,
})}</div>
${facetPanel(page, filters, facets)}</div>` : nothingFound(page, filters)}</div>`;
    const ld = {
      '@context': 'https://schema.org',
      '@type': 'SearchResultsPage',
      name: title,
      inLanguage: page.lang,
      url: page.absolute(req.originalUrl.slice(page.base.length) || '/search'),
      mainEntity: { '@type': 'ItemList', numberOfItems: orgs.total + progs.total },
    };
    page.send({ title, q: query.q, body, ld, head: firmsStyles, description: searchDescription(page, filters, orgs.total, progs.total) });
  };
