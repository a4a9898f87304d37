/**
 * The home page: a search form with the main filters, a few intermediaries and programmes,
 * and programmes by direction as bars that lead to the filtered search. Kept light for slow
 * links: a handful of entries, and only the countries the directory names in the select.
 */
import type { RequestHandler } from 'express';
import type { AppContext } from '../../context';
import { listDirectory } from '../../directory/read';
import { listQuery } from '../../schemas/lists';
import { barChart, barStyles } from '../bar-chart';
import { html, type Html } from '../html';
import { homeDescription } from '../descriptions';
import { pageFor, type Page } from '../kit';
import { filterForm } from './filters';
import { firmsStyles, organizationItem, programmeItem, searchHref, type ListFilter } from './parts';

const mainFilters: ListFilter[] = ['country', 'sector', 'partnershipType', 'kind', 'direction'];
/** The directions the network is about; north-north is kept in the data but not charted. */
const charted = ['north-south', 'south-south', 'triangular'] as const;

/** Programmes by direction as CSS bars, each a link to the programmes of that direction, numbers as text. */
function directionChart(page: Page, counts: Map<string, number>): Html {
  const rows = charted.map((direction) => {
    const n = counts.get(direction) ?? 0;
    return { label: page.named('direction')(direction), value: n, figure: page.tr.number(n), href: searchHref(page, { direction: [direction] }) };
  });
  return html`<figure class="chart" aria-labelledby="chart-caption"><figcaption id="chart-caption"><h2>${page.t('firmsByDirection')}</h2></figcaption>
${barChart(rows, { className: 'direction-bars' })}</figure>`;
}

export const homePage =
  (ctx: AppContext): RequestHandler =>
  async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t } = page;
    const everything = listQuery.parse({});
    const [orgs, progs] = await Promise.all([listDirectory(ctx, 'organization', { ...everything, limit: 10 }), listDirectory(ctx, 'programme', { ...everything, limit: 6 })]);
    const countries = new Set([...(orgs.facets.country ?? []), ...(progs.facets.country ?? [])].map((f) => String(f.value)));
    const directions = new Map((progs.facets.direction ?? []).map((f) => [String(f.value), f.count]));
    const body = html`<h1>${t('homeTitle')}</h1>
<p>${t('firmsHomeCounts', { organizations: t('firmsIntermediaryCount', { count: orgs.total }), programmes: t('firmsPartneringCount', { count: progs.total }) })}</p>
<ul class="facets"><li><a href="${page.base}/recommend">${t('matchTitle')}</a></li><li><a href="${page.base}/readiness">${t('readyTitle')}</a></li><li><a href="${page.base}/cases">${t('casesTitle')}</a></li><li><a href="${page.base}/progress">${t('statsTitle')}</a></li></ul>
${filterForm(page, { values: {}, present: { country: [...countries] }, fields: mainFilters, heading: html`<h2 id="filters-heading">${t('firmsFindHeading')}</h2>` })}
<section aria-labelledby="home-organizations"><h2 id="home-organizations">${t('intermediaries')}</h2><ul class="entries">${orgs.items.map(organizationItem(page))}</ul>
<p><a href="${page.href('/search')}">${t('allEntries')}</a></p></section>
<div id="world-map" data-type="organization"></div>
${directionChart(page, directions)}
<section aria-labelledby="home-programmes"><h2 id="home-programmes">${t('programmes')}</h2><ul class="entries">${progs.items.map(programmeItem(page))}</ul></section>`;
    const ld = {
      '@context': 'https://schema.org',
      '@type': 'WebSite',
      name: t('brand'),
      url: page.absolute('/'),
      inLanguage: page.lang,
      potentialAction: { '@type': 'SearchAction', target: `${page.absolute('/search')}?q={q}`, 'query-input': 'required name=q' },
    };
    page.send({ title: t('home'), body, ld, head: html`${firmsStyles}${barStyles}`, description: homeDescription(page, orgs.total, progs.total) });
  };
