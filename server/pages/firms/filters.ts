/**
 * The GET form that leads to /search with the directory's filters, and the reading of a
 * search's query string into filters with problems named in the reader's language.
 */
import type { Request } from 'express';
import type { AppContext } from '../../context';
import { listDirectory } from '../../directory/read';
import type { FieldError } from '../../errors';
import { directions, organizationKinds, partnershipTypes, services } from '../../reference/vocabularies';
import { listQuery, type ListQuery } from '../../schemas/lists';
import { fieldErrors } from '../../schemas/validate';
import { errorSummary, formState, select, textInput, type FormState } from '../forms';
import { html, type Html } from '../html';
import type { Page } from '../kit';
import { byLabel, filterLabel, filterNames, listFilters, regionName, type Filters, type ListFilter } from './parts';

/** The values a filter's select offers when the vocabulary is open (countries, networks): those present in the directory. */
export type Present = Partial<Record<ListFilter, string[]>>;

function options(page: Page, name: ListFilter, present: Present): Array<[string, string]> {
  const fixed: Partial<Record<ListFilter, readonly string[]>> = { kind: organizationKinds, partnershipType: partnershipTypes, direction: directions, service: services };
  const ref = page.ctx.reference;
  let values: readonly string[];
  if (name === 'sector') return ref.sectors.filter((s) => s.code.length === 1).map((s) => [s.code, page.sectorName(s.code)]);
  if (name === 'region') values = ref.regions.filter((r) => r.level === 'region' || r.level === 'subregion').map((r) => r.code);
  else values = fixed[name] ?? present[name] ?? [];
  const out = values.map((v): [string, string] => [v, name === 'region' ? regionName(page, v) : filterLabel(page, name, v)]);
  return name === 'direction' ? out : byLabel(page, out);
}

/** The countries and networks anything in the directory names, for the form's selects whatever the current filters. */
export async function directoryChoices(ctx: AppContext): Promise<Present> {
  const all = listQuery.parse({ limit: 1 });
  const [orgs, progs] = await Promise.all([listDirectory(ctx, 'organization', all), listDirectory(ctx, 'programme', all)]);
  const countries = new Set([...(orgs.facets.country ?? []), ...(progs.facets.country ?? [])].map((f) => String(f.value)));
  return { country: [...countries], network: (orgs.facets.network ?? []).map((f) => String(f.value)) };
}

export interface FilterFormProps {
  /** What the form shows as chosen. */
  values: Partial<Filters>;
  /** Values each open filter offers (countries and networks present in the directory). */
  present: Present;
  /** The filters offered, in order. */
  fields: ListFilter[];
  errors?: FieldError[];
  /** A heading with the id `filters-heading`, which names the form; left out when an element around the form has that id. */
  heading?: Html;
}

/**
 * A GET form to /search with one select per filter. A filter with several values (chosen
 * from facets) shows the first and carries the others as hidden fields, so none is lost.
 */
export function filterForm(page: Page, { values, present, fields, errors = [], heading }: FilterFormProps): Html {
  const form: FormState = formState({ ...values }, errors);
  const names = filterNames(page);
  const anyChoice = page.t('firmsAny');
  const kept = fields.flatMap((name) => (values[name] ?? []).slice(1).map((v) => html`<input type="hidden" name="${name}" value="${v}">`));
  const offered = (name: ListFilter) => {
    const chosen = values[name] ?? [];
    const base = options(page, name, present);
    const missing = chosen.filter((v) => !base.some(([value]) => value === v)).map((v): [string, string] => [v, filterLabel(page, name, v)]);
    return [...missing, ...base];
  };
  return html`<form method="get" action="${page.href('/search')}" class="filters" aria-labelledby="filters-heading">
${heading}${errorSummary(page, form, names)}
${textInput(form, { name: 'q', label: names.q, maxlength: 200 })}
<div class="filter-grid">${fields.map((name) => select(form, { name, label: names[name], empty: anyChoice, options: offered(name) }))}
${fields.includes('region') ? select(form, { name: 'ldc', label: names.ldc, empty: anyChoice, options: [['true', page.t('firmsLdcOnly')], ['false', page.t('firmsLdcNone')]] }) : ''}</div>
${kept}<button type="submit">${page.t('search')}</button></form>`;
}

/** The firms' pages' own parameters, which the API's list query does not know. */
const pageParams = ['programmeCursor'] as const;

const readable: string[] = [...listFilters, 'q', 'ldc', 'places', 'cursor', 'lang'];

export type SearchQuery = ListQuery & { programmeCursor?: string };

/** Reads a search's query string; problems come back per field in the reader's language. */
export function readSearch(page: Page, req: Request): { query: SearchQuery } | { errors: FieldError[]; values: Partial<Filters> } {
  const given = req.query as Record<string, unknown>;
  // Parameters pages do not use (a tracker's utm_source, limit) are left aside rather than
  // refused, and so are the empty values of a form's "Any" choices.
  const raw: Record<string, unknown> = Object.fromEntries(readable.filter((name) => given[name] !== undefined && given[name] !== '').map((name) => [name, given[name]]));
  const own: Record<string, string | undefined> = {};
  for (const name of pageParams) {
    const v = given[name];
    own[name] = typeof v === 'string' && v.length <= 1000 ? v : undefined;
  }
  const parsed = listQuery.safeParse(raw);
  if (parsed.success) return { query: { ...parsed.data, ...own } };
  const names = filterNames(page);
  const errors = fieldErrors(parsed.error).map((e): FieldError => ({ path: e.path, message: problem(page, e.path, names) }));
  const values: Record<string, string[] | string> = {};
  for (const name of [...listFilters, 'q', 'ldc']) {
    const v = raw[name];
    if (typeof v === 'string' || Array.isArray(v)) values[name] = name === 'q' || name === 'ldc' ? String(v) : [v].flat().map(String);
  }
  return { errors, values: values as Partial<Filters> };
}

function problem(page: Page, path: string, names: Record<string, string>): string {
  if (path === 'q') return page.t('firmsBadWords');
  if (path === 'cursor') return page.t('firmsBadCursor');
  if (path in names) return page.t('firmsBadChoice');
  return page.t('firmsBadParameter', { name: path });
}
