/**
 * Facets of a search: each value a link that adds its filter, with the number of entries
 * (intermediaries and programmes together) it would leave; the active filters, each with a
 * link that removes it.
 */
import type { FacetValue, Understood } from '../../search-index/types';
import { html, type Html } from '../html';
import type { Page } from '../kit';
import { filterLabel, filterNames, listFilters, searchHref, type Filters, type ListFilter } from './parts';

type FacetName = ListFilter | 'subregion' | 'ldc';
/** Facets in the order a firm narrows by; subregions filter through `region`. */
const shown: FacetName[] = ['country', 'region', 'subregion', 'sector', 'kind', 'partnershipType', 'direction', 'service', 'network', 'ldc'];
/** Values shown before the rest fold under "more". */
const FIRST = 8;

/** Adds the counts of the same facet values across lists (organizations and programmes). */
export function mergeFacets(...lists: Array<Record<string, FacetValue[]>>): Map<string, Map<string, number>> {
  const merged = new Map<string, Map<string, number>>();
  for (const facets of lists) {
    for (const [name, values] of Object.entries(facets)) {
      const counts = merged.get(name) ?? new Map<string, number>();
      for (const { value, count } of values) counts.set(String(value), (counts.get(String(value)) ?? 0) + count);
      merged.set(name, counts);
    }
  }
  return merged;
}

const filterOf = (name: FacetName): ListFilter | 'ldc' => (name === 'subregion' ? 'region' : name);

function isActive(filters: Filters, name: FacetName, value: string): boolean {
  const filter = filterOf(name);
  return filter === 'ldc' ? filters.ldc === value : filters[filter].includes(value);
}

function adding(filters: Filters, name: FacetName, value: string): Filters {
  const filter = filterOf(name);
  return filter === 'ldc' ? { ...filters, ldc: value as 'true' | 'false' } : { ...filters, [filter]: [...filters[filter], value] };
}

/** The facet groups as headings and lists of links; groups with nothing left to add are left out. */
export function facetPanel(page: Page, filters: Filters, facets: Map<string, Map<string, number>>): Html | '' {
  const groupNames = filterNames(page);
  const collator = new Intl.Collator(page.lang);
  const groups = shown.map((name) => {
    const values = [...(facets.get(name) ?? new Map<string, number>())]
      .filter(([value]) => !isActive(filters, name, value) && !(name === 'ldc' && value === 'false'))
      .map(([value, count]) => ({ value, count, label: filterLabel(page, name, value) }))
      .sort((a, b) => b.count - a.count || collator.compare(a.label, b.label));
    if (!values.length) return '';
    const link = (v: (typeof values)[number]) =>
      html`<li><a href="${searchHref(page, adding(filters, name, v.value))}">${v.label} <span class="meta">(${page.tr.number(v.count)})</span></a></li>`;
    const rest = values.slice(FIRST);
    return html`<h3>${groupNames[name]}</h3><ul class="facets">${values.slice(0, FIRST).map(link)}</ul>
${rest.length ? html`<details><summary>${page.t('firmsMore', { count: page.tr.number(rest.length) })}</summary><ul class="facets">${rest.map(link)}</ul></details>` : ''}`;
  });
  // A heading over nothing would promise a way to narrow that is not there.
  if (groups.every((g) => g === '')) return '';
  return html`<section class="facet-panel" aria-labelledby="facets-heading"><h2 id="facets-heading">${page.t('firmsRefine')}</h2>${groups}</section>`;
}

/** The active filters, each a link that removes it, and one that removes them all. */
export function activeFilters(page: Page, filters: Filters, understood: Understood | null = null): Html | '' {
  const chips: Html[] = [];
  for (const name of listFilters) {
    for (const value of filters[name]) {
      const without = { ...filters, [name]: filters[name].filter((v) => v !== value) };
      chips.push(removeLink(page, without, filterLabel(page, name, value)));
    }
  }
  if (filters.ldc) chips.push(removeLink(page, { ...filters, ldc: undefined }, filterLabel(page, 'ldc', filters.ldc)));
  if (filters.q) chips.push(removeLink(page, { ...filters, q: undefined, places: undefined }, page.t('quoted', { q: filters.q })));
  // A place read in the words follows them: removing it reads the words as words again.
  for (const place of understood?.places ?? []) {
    chips.push(removeLink(page, { ...filters, places: 'none' }, page.t('labelled', { label: page.t('searchPlace'), value: filterLabel(page, place.type, place.code) })));
  }
  if (!chips.length) return '';
  return html`<div class="active-filters"><h2 class="meta">${page.t('firmsActiveFilters')}</h2><ul class="facets">${chips}
<li><a href="${page.href('/search')}">${page.t('firmsClearAll')}</a></li></ul></div>`;
}

const removeLink = (page: Page, without: Filters, label: string) =>
  html`<li><a href="${searchHref(page, without)}" class="chip">${label} <span aria-hidden="true">×</span><span class="visually-hidden"> (${page.t('firmsRemove')})</span></a></li>`;
