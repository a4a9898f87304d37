/**
 * /cases: the public best-practice cases, browsed without JavaScript by partnership type,
 * sector, country and direction (a case's direction is its programme's), as GET filters and as
 * facet links with the number of cases each would leave. Each case links to /cases/:id.
 */
import { Router } from 'express';
import type { AppContext } from '../context';
import type { FacetValue } from '../search-index/types';
import { listDirectory, type Page as ListPage } from '../directory/read';
import { HttpError } from '../errors';
import type { CaseJson } from '../presenters/case';
import { directions, partnershipTypes } from '../reference/vocabularies';
import { listQuery, type ListQuery } from '../schemas/lists';
import { fieldErrors } from '../schemas/validate';
import { byLabel, filterLabel, filterNames, filterParams, firmsStyles, noFilters, type Filters } from './firms/parts';
import { errorSummary, formState, select, type FormState } from './forms';
import { html, type Html } from './html';
import { pageFor, type Page } from './kit';

/** The filters cases are browsed by, in the order the form and the facets show them. */
const caseFilters = ['partnershipType', 'sector', 'country', 'direction'] as const;
type CaseFilter = (typeof caseFilters)[number];
const PAGE_SIZE = 20;

const casesHref = (page: Page, filters: Partial<Filters>, cursor?: string) => {
  const query = filterParams(filters, { cursor });
  return page.href(query ? `/cases?${query}` : '/cases');
};

/** The countries named by any public case, for the form's select whatever the current filters. */
async function caseCountries(ctx: AppContext): Promise<string[]> {
  const all = await listDirectory(ctx, 'case', listQuery.parse({ limit: 1 }));
  return (all.facets.country ?? []).map((f) => String(f.value));
}

function options(page: Page, name: CaseFilter, countries: string[]): Array<[string, string]> {
  if (name === 'direction') return directions.map((d) => [d, filterLabel(page, 'direction', d)]);
  if (name === 'sector') return page.ctx.reference.sectors.filter((s) => s.code.length === 1).map((s) => [s.code, page.sectorName(s.code)]);
  const values = name === 'partnershipType' ? partnershipTypes : countries;
  return byLabel(page, values.map((v): [string, string] => [v, filterLabel(page, name, v)]));
}

function filterForm(page: Page, form: FormState, countries: string[], chosen: Partial<Filters>): Html {
  const names = filterNames(page);
  // A value chosen from a facet that the select does not offer (a sector division) stays chosen.
  const offered = (name: CaseFilter) => {
    const base = options(page, name, countries);
    const missing = (chosen[name] ?? []).filter((v) => !base.some(([value]) => value === v)).map((v): [string, string] => [v, filterLabel(page, name, v)]);
    return [...missing, ...base];
  };
  const kept = caseFilters.flatMap((name) => (chosen[name] ?? []).slice(1).map((v) => html`<input type="hidden" name="${name}" value="${v}">`));
  return html`<form method="get" action="${page.href('/cases')}" class="filters" aria-labelledby="cases-filters-heading">
<h2 id="cases-filters-heading">${page.t('casesFilterHeading')}</h2>${errorSummary(page, form, names)}
<div class="filter-grid">${caseFilters.map((name) => select(form, { name, label: names[name], empty: page.t('firmsAny'), options: offered(name) }))}</div>
${kept}<button type="submit">${page.t('casesShow')}</button></form>`;
}

function activeFilters(page: Page, filters: Filters): Html | '' {
  const chips = caseFilters.flatMap((name) =>
    filters[name].map((value) => {
      const without = { ...filters, [name]: filters[name].filter((v) => v !== value) };
      return html`<li><a href="${casesHref(page, without)}" class="chip">${filterLabel(page, name, value)} <span aria-hidden="true">×</span><span class="visually-hidden"> (${page.t('casesRemove')})</span></a></li>`;
    }),
  );
  if (!chips.length) return '';
  return html`<div class="active-filters"><h2 class="meta">${page.t('casesActive')}</h2><ul class="facets">${chips}<li><a href="${page.href('/cases')}">${page.t('casesClearAll')}</a></li></ul></div>`;
}

function facetPanel(page: Page, filters: Filters, facets: Record<string, FacetValue[]>): Html | '' {
  const names = filterNames(page);
  const groups = caseFilters.map((name) => {
    const values = (facets[name] ?? []).map((f) => String(f.value)).filter((v) => !filters[name].includes(v));
    if (!values.length) return '';
    const count = new Map((facets[name] ?? []).map((f) => [String(f.value), f.count]));
    return html`<h3>${names[name]}</h3><ul class="facets">${values.map(
      (v) => html`<li><a href="${casesHref(page, { ...filters, [name]: [...filters[name], v] })}">${filterLabel(page, name, v)} <span class="meta">(${page.tr.number(count.get(v) ?? 0)})</span></a></li>`,
    )}</ul>`;
  });
  if (groups.every((g) => g === '')) return '';
  return html`<section class="facet-panel" aria-labelledby="cases-facets-heading"><h2 id="cases-facets-heading">${page.t('casesRefine')}</h2>${groups}</section>`;
}

const caseItem = (page: Page) => (c: CaseJson) => {
  const meta = [c.partnershipType ? page.named('partnershipType')(c.partnershipType) : '', c.countries.map(page.countryName).join(', '), c.year ? String(c.year) : ''].filter(Boolean);
  return html`<li><a href="${page.href(`/cases/${c.id}`)}">${c.title}</a>${meta.length ? html`<div class="meta">${meta.join(' · ')}</div>` : ''}${c.summary ? html`<p>${c.summary}</p>` : ''}</li>`;
};

/** The query string's case filters, read like the API's list query; problems per field. */
function readFilters(given: Record<string, unknown>): { query: ListQuery } | { errors: Array<{ path: string }>; values: Record<string, unknown> } {
  const raw = Object.fromEntries(['q', ...caseFilters, 'cursor'].filter((n) => given[n] !== undefined && given[n] !== '').map((n) => [n, given[n]]));
  const parsed = listQuery.safeParse({ ...raw, limit: PAGE_SIZE });
  return parsed.success ? { query: parsed.data } : { errors: fieldErrors(parsed.error), values: raw };
}

export function casesPagesRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/cases', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t } = page;
    const read = readFilters(req.query as Record<string, unknown>);
    const countries = await caseCountries(ctx);
    const bad = (values: Record<string, unknown>, paths: string[]) => {
      const form = formState(values, paths.map((path) => ({ path, message: t('casesBadChoice') })));
      const body = html`<h1>${t('casesBadTitle')}</h1>${filterForm(page, form, countries, {})}<p><a href="${page.href('/cases')}">${t('casesClearAll')}</a></p>`;
      page.send({ status: 400, title: t('casesBadTitle'), body, head: firmsStyles });
    };
    if ('errors' in read) return bad(read.values, read.errors.map((e) => e.path));
    const { query } = read;
    let list: ListPage<CaseJson>;
    try {
      list = await listDirectory(ctx, 'case', query);
    } catch (err) {
      // A cursor edited by hand, or kept from other filters.
      if (err instanceof HttpError && err.status === 400) return bad({}, ['cursor']);
      throw err;
    }
    const filters: Filters = { ...noFilters(), q: query.q, ...Object.fromEntries(caseFilters.map((n) => [n, query[n]])) };
    const paging = [
      query.cursor ? html`<a href="${casesHref(page, filters)}">${t('casesFirst')}</a>` : '',
      list.nextCursor ? html`<a href="${casesHref(page, filters, list.nextCursor)}" rel="next">${t('casesNext')}</a>` : '',
    ].filter(Boolean);
    const body = html`<h1>${t('casesTitle')}</h1><p>${t('casesIntro')}</p>
<details class="filter-box"${list.total ? '' : html` open`}><summary>${t('casesFilterHeading')}</summary>${filterForm(page, formState({ ...filters }), countries, filters)}</details>
<p role="status">${t('casesCount', { count: list.total })}</p>${activeFilters(page, filters)}
<div class="search-layout"><section aria-labelledby="cases-list-heading"><h2 id="cases-list-heading" class="visually-hidden">${t('casesTitle')}</h2>
${list.items.length ? html`<ul class="entries">${list.items.map(caseItem(page))}</ul>` : html`<p>${t('casesNone')}</p>`}
${paging.length ? html`<p class="paging">${paging.map((p, i) => html`${i ? ' · ' : ''}${p}`)}</p>` : ''}</section>
${facetPanel(page, filters, list.facets)}</div>`;
    const ld = {
      '@context': 'https://schema.org',
      '@type': 'ItemList',
      name: t('casesTitle'),
      inLanguage: page.lang,
      url: page.absolute(req.originalUrl.slice(page.base.length) || '/cases'),
      numberOfItems: list.total,
      itemListElement: list.items.map((c, i) => ({ '@type': 'ListItem', position: i + 1, url: page.absolute(`/cases/${c.id}`), name: c.title })),
    };
    page.send({ title: t('casesTitle'), body, ld, head: firmsStyles, description: t('casesIntro') });
  });
  return router;
}
