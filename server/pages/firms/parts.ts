/** Pieces the firms' pages share: entries as list items, country links, and links to a filtered search. */
import type { CaseJson } from '../../presenters/case';
import type { OrganizationJson } from '../../presenters/organization';
import type { ProgrammeJson } from '../../presenters/programme';
import type { ListQuery } from '../../schemas/lists';
import { Html, html } from '../html';
import type { Page } from '../kit';

/** The filters a firm can set: a list query without its paging and language. */
export type Filters = Omit<ListQuery, 'limit' | 'cursor' | 'lang' | 'confirmed' | 'facets'>;
export type ListFilter = Exclude<keyof Filters, 'q' | 'ldc' | 'places'>;

/** The order filters appear in, in forms, facets and addresses. */
export const listFilters: ListFilter[] = ['country', 'region', 'sector', 'kind', 'partnershipType', 'direction', 'service', 'network'];

export const noFilters = (): Filters => ({ country: [], region: [], sector: [], service: [], partnershipType: [], kind: [], network: [], direction: [] });

/** The query string of `filters` (repeated names for several values), with extra parameters after them. */
export function filterParams(filters: Partial<Filters>, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  if (filters.q) params.append('q', filters.q);
  for (const name of listFilters) for (const value of filters[name] ?? []) params.append(name, value);
  if (filters.ldc) params.append('ldc', filters.ldc);
  if (filters.q && filters.places === 'none') params.append('places', 'none');
  for (const [name, value] of Object.entries(extra)) if (value) params.append(name, value);
  return params.toString();
}

/** The address of the search page for `filters`. */
export function searchHref(page: Page, filters: Partial<Filters>, extra: Record<string, string | undefined> = {}): string {
  const query = filterParams(filters, extra);
  return page.href(query ? `/search?${query}` : '/search');
}

/** The names of the filters (and of the words field) in the reader's language. */
export const filterNames = (page: Page): Record<ListFilter | 'subregion' | 'q' | 'ldc', string> => ({
  q: page.t('firmsWords'),
  country: page.t('country'),
  region: page.t('firmsRegion'),
  subregion: page.t('firmsSubregion'),
  sector: page.t('firmsSector'),
  kind: page.t('firmsKind'),
  partnershipType: page.t('firmsPartnershipType'),
  direction: page.t('direction'),
  service: page.t('firmsService'),
  network: page.t('firmsNetwork'),
  ldc: page.t('firmsLdc'),
});

/** The name of a filter's value in the reader's language. */
export function filterLabel(page: Page, name: ListFilter | 'subregion' | 'ldc', value: string): string {
  switch (name) {
    case 'country':
      return page.countryName(value);
    case 'region':
    case 'subregion':
      return regionName(page, value);
    case 'sector':
      return page.sectorName(value);
    case 'ldc':
      return page.t(value === 'true' ? 'firmsLdcOnly' : 'firmsLdcNone');
    default:
      return page.named(name)(value);
  }
}

export function regionName(page: Page, code: string): string {
  return page.ctx.reference.regionByCode.get(code)?.names[page.lang] ?? code;
}

/** A country's name as a link to its page. */
export const countryLink = (page: Page, alpha2: string, target?: string): Html =>
  html`<a href="${page.href(`/countries/${alpha2}`)}"${target ? html` target="${target}"` : ''}>${page.countryName(alpha2)}</a>`;

/** Country links, one per country: whoever shows them puts the separators in (`field`, `joined`). */
export const countryLinks = (page: Page, codes: string[]): Html[] => codes.map((c) => countryLink(page, c));

/** Options for links that must leave an iframe for the full directory, in the iframe's language. */
export interface ItemOptions {
  target?: '_top';
  /** Carried in the link: a framed page's language cookie may never reach the top window. */
  lang?: string;
}

const withLang = (path: string, options: ItemOptions) => (options.lang ? `${path}${path.includes('?') ? '&' : '?'}lang=${options.lang}` : path);

export const organizationItem =
  (page: Page, options: ItemOptions = {}) =>
  (o: OrganizationJson): Html =>
    html`<li><a href="${page.href(withLang(`/organizations/${o.id}`, options))}"${options.target ? html` target="${options.target}"` : ''}>${o.name}</a>${o.acronym ? ` (${o.acronym})` : ''}
<div class="meta">${page.named('kind')(o.kind)} · ${page.countryName(o.country)}${o.networks.length ? ` · ${o.networks.map(page.named('network')).join(', ')}` : ''}</div></li>`;

export const programmeItem =
  (page: Page, options: ItemOptions = {}) =>
  (g: ProgrammeJson): Html =>
    html`<li><a href="${page.href(withLang(`/programmes/${g.id}`, options))}"${options.target ? html` target="${options.target}"` : ''}>${g.name}</a>
<div class="meta">${g.direction ? `${page.named('direction')(g.direction)} · ` : ''}${g.originCountries.map(page.countryName).join(', ')} → ${g.targetCountries.map(page.countryName).join(', ')}</div></li>`;

export const caseItem =
  (page: Page) =>
  (c: CaseJson): Html =>
    html`<li><a href="${page.href(`/cases/${c.id}`)}">${c.title}</a>${c.year ? html` <span class="meta">(${c.year})</span>` : ''}</li>`;

/** A list of entries, or a sentence saying there are none. */
export function entryList<T>(page: Page, items: T[], item: (x: T) => Html): Html {
  return items.length ? html`<ul class="entries">${items.map(item)}</ul>` : html`<p>${page.t('firmsNoEntries')}</p>`;
}

/** Items of a list with one separator between each two: the only place a list is joined into markup. */
export const joined = (values: Array<string | Html>, separator = ', '): Html => html`${values.map((v, i) => html`${i ? separator : ''}${v}`)}`;

/** A <dt>/<dd> pair, left out when there is nothing to say; `values` are items, not yet separated. */
export function field(label: string, values: Array<string | Html>): Html | '' {
  return values.length ? html`<dt>${label}</dt><dd>${joined(values)}</dd>` : '';
}

/** Sorts options by their label in the reader's language. */
export function byLabel(page: Page, options: Array<[string, string]>): Array<[string, string]> {
  const collator = new Intl.Collator(page.lang);
  return options.sort((a, b) => collator.compare(a[1], b[1]));
}

/**
 * Styles of the firms' pages beyond the shell's, inlined like the shell's own: a few hundred
 * bytes do not pay for a request of their own on a slow link.
 */
export const firmsStyles = new Html(
  `<style>${[
    '.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}',
    '.filter-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:0 1rem}',
    '.search-layout{display:grid;grid-template-columns:minmax(0,1fr) 16rem;gap:1rem 2rem}',
    '@media (max-width:45rem){.search-layout{grid-template-columns:1fr}}',
    '.facet-panel h3{font-size:1rem;margin:1rem 0 .25rem}.facets{list-style:none;padding:0;margin:0}',
    '.active-filters h2{font-size:.9rem;margin:.5rem 0 .25rem}.chip{white-space:nowrap}',
    '.chart{margin:1rem 0}.filter-box{margin:0 0 1rem}.filter-box summary{cursor:pointer;font-weight:600}',
    '.direction-bars{--bar-label:9rem;--bar-figure:3rem}',
  ].join('')}</style>`,
);
