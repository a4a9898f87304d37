/**
 * The meta description of each public page, in the reader's language: what a search engine
 * shows under the page's title and a link preview under its name. An entry's own description
 * when it has one, otherwise a sentence built from what the page holds.
 */
import type { CaseJson } from '../presenters/case';
import type { OrganizationJson } from '../presenters/organization';
import type { ProgrammeJson } from '../presenters/programme';
import { filterLabel, listFilters, type Filters } from './firms/parts';
import type { Page } from './kit';
import { descriptionLine } from './rich-text';

const lowerFirst = (page: Page, text: string) => text.charAt(0).toLocaleLowerCase(page.lang) + text.slice(1);

export function homeDescription(page: Page, organizations: number, programmes: number): string {
  if (!organizations && !programmes) return page.t('tagline');
  return page.t('seoHome', { organizations: page.t('firmsIntermediaryCount', { count: organizations }), programmes: page.t('firmsPartneringCount', { count: programmes }) });
}

/** What a search asks for, as the reader would say it: the words quoted, then each filter. */
export function searchSubject(page: Page, filters: Partial<Filters>): string {
  const parts = [
    ...(filters.q ? [page.t('seoQuoted', { q: filters.q })] : []),
    ...listFilters.flatMap((name) => (filters[name] ?? []).map((v) => filterLabel(page, name, v))),
    ...(filters.ldc ? [filterLabel(page, 'ldc', filters.ldc)] : []),
  ];
  return parts.join(', ');
}

/** A search: what it found for what was asked, or that nothing matched; the whole directory's size without a query. */
export function searchDescription(page: Page, filters: Partial<Filters>, organizations: number, programmes: number): string {
  const subject = searchSubject(page, filters);
  const counts = { organizations: page.t('firmsIntermediaryCount', { count: organizations }), programmes: page.t('firmsProgrammeCount', { count: programmes }) };
  if (!organizations && !programmes) return subject ? page.t('seoSearchNone', { subject }) : page.t('tagline');
  return subject ? page.t('seoSearchFound', { subject, ...counts }) : page.t('seoSearchAll', counts);
}

export function organizationDescription(page: Page, o: OrganizationJson): string {
  return descriptionLine(o) ?? page.t('seoOrganization', { name: o.name, kind: lowerFirst(page, page.named('kind')(o.kind)), country: page.countryName(o.country) });
}

export function programmeDescription(page: Page, p: ProgrammeJson): string {
  return descriptionLine(p) ?? page.t('seoProgramme', { name: p.name });
}

export function caseDescription(page: Page, c: CaseJson): string {
  return c.summary?.trim() || page.t('seoCase', { title: c.title });
}
