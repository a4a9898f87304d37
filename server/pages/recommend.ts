/**
 * /recommend: a firm says what it seeks in a GET form (so results can be bookmarked and work
 * without JavaScript) and reads the intermediaries and programmes ranked by fit, each with
 * the reasons it fits as sentences in the reader's language.
 */
import { Router, type RequestHandler } from 'express';
import type { AppContext } from '../context';
import type { FieldError } from '../errors';
import { explainer, type Explainer } from '../matchmaking/explain';
import { recommend, type Recommendation, type Recommendations } from '../matchmaking/recommend';
import { firmSizes, partnershipTypes } from '../reference/vocabularies';
import { recommendationBody } from '../schemas/recommendations';
import { fieldErrors } from '../schemas/validate';
import { countryChoice } from './country-choice';
import { checkboxes, errorSummary, formState, select, type FormState } from './forms';
import { bar, barStyles } from './bar-chart';
import { html, Html } from './html';
import { pageFor, type Page } from './kit';

/** Languages offered as checkboxes: the directory's own and the other UN languages, with Swahili and Portuguese. */
const offeredLanguages = ['en', 'fr', 'es', 'ar', 'zh', 'ru', 'pt', 'sw'] as const;

const styles = new Html(
  `<style>${[
    '.match-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:0 1rem}',
    '.fits{padding-left:1.5rem}.fits>li{margin:0 0 1rem}.fits h3{font-size:1.05rem;margin:0}',
    // The score's words take the whole line; the bar goes under them on a track of one width, so bars compare.
    '.fit{max-width:24rem}.fit .score,.fit .track{display:block}.fit .track{margin:.2rem 0 0}',
    '.fit .bar{height:.8rem}',
    '.regions details{margin:.25rem 0}.regions summary{cursor:pointer;padding:.25rem 0}',
    '.regions .picks{columns:14rem;column-gap:1rem;padding:.25rem 0 .5rem}.regions .picks label{display:block;break-inside:avoid}',
    '.reasons{margin:.25rem 0 0;padding-left:1.2rem}',
  ].join('')}</style>`,
);

type Values = Record<string, string | string[]>;

/** The query string as the API's body: empty choices left out, repeated fields as arrays. */
function readQuery(query: Record<string, unknown>): Values {
  const out: Values = {};
  const strings = (v: unknown) => [v ?? []].flat().filter((x): x is string => typeof x === 'string' && x !== '');
  for (const name of ['country', 'sector', 'firmSize', 'partnershipType']) {
    const last = strings(query[name]).at(-1);
    if (last !== undefined) out[name] = last;
  }
  for (const name of ['partnerCountries', 'languages']) {
    const values = strings(query[name]);
    if (values.length) out[name] = values;
  }
  return out;
}

function problem(page: Page, path: string): string {
  if (path === 'country') return page.t('matchBadCountry');
  if (['sector', 'firmSize', 'partnershipType', 'partnerCountries', 'languages'].includes(path)) return page.t('matchBadChoice');
  return page.t('matchBadParameter', { name: path });
}

function form(page: Page, state: FormState): Html {
  const { t } = page;
  const ref = page.ctx.reference;
  const byName = (a: [string, string], b: [string, string]) => a[1].localeCompare(b[1], page.lang);
  const countries = ref.countries.map((c): [string, string] => [c.alpha2, page.countryName(c.alpha2)]).sort(byName);
  const sections = ref.sectors.filter((s) => s.code.length === 1).map((s): [string, string] => [s.code, page.sectorName(s.code)]);
  const languageNames = new Intl.DisplayNames(page.lang, { type: 'language' });
  const labels = { country: t('matchCountry'), sector: t('matchSector'), firmSize: t('matchFirmSize'), partnershipType: t('matchPartnershipType'), partnerCountries: t('matchPartnerCountries'), languages: t('matchLanguages') };
  return html`<form method="get" action="${page.href('/recommend')}" aria-labelledby="match-form-heading">
<h2 id="match-form-heading">${t('matchFormHeading')}</h2>${errorSummary(page, state, labels)}
<div class="match-grid">${select(state, { name: 'country', label: labels.country, required: true, empty: t('matchChoose'), options: countries })}
${select(state, { name: 'sector', label: labels.sector, empty: t('matchAny'), options: sections })}
${select(state, { name: 'firmSize', label: labels.firmSize, empty: t('matchAny'), options: firmSizes.map((s): [string, string] => [s, page.named('firmSize')(s)]) })}
${select(state, { name: 'partnershipType', label: labels.partnershipType, empty: t('matchAny'), options: partnershipTypes.map((p): [string, string] => [p, page.named('partnershipType')(p)]).sort(byName) })}
</div>
${countryChoice(page, state, { name: 'partnerCountries', label: labels.partnerCountries, hint: t('matchPartnerCountriesHint') })}
${checkboxes(state, { name: 'languages', label: labels.languages, options: offeredLanguages.map((l): [string, string] => [l, languageNames.of(l) ?? l]) })}
<button type="submit">${t('matchSubmit')}</button></form>`;
}

function item(page: Page, explain: Explainer) {
  return (r: Recommendation): Html => {
    const path = r.kind === 'organization' ? `/organizations/${r.id}` : `/programmes/${r.id}`;
    return html`<li><h3><a href="${page.href(path)}">${r.name}</a></h3>
<div class="fit"><span class="score">${page.t('matchScore', { score: page.tr.number(r.score) })}${r.country ? ` · ${page.countryName(r.country)}` : ''}</span><span class="track">${bar(r.score)}</span></div>
<ul class="reasons">${r.reasons.map((reason) => html`<li>${explain(reason, r.kind)}</li>`)}</ul></li>`;
  };
}

function results(page: Page, found: Recommendations): Html {
  const { t } = page;
  const explain = explainer(page.tr, page.ctx.reference);
  const list = (id: string, heading: string, entries: Recommendation[]) =>
    entries.length ? html`<section id="${id}" aria-labelledby="${id}-heading"><h3 id="${id}-heading">${heading}</h3><ol class="fits">${entries.map(item(page, explain))}</ol></section>` : '';
  const none = !found.organizations.length && !found.programmes.length;
  return html`<section id="results" aria-labelledby="results-heading"><h2 id="results-heading">${t('matchResultsHeading')}</h2>
<p role="status">${t('matchFound', { organizations: t('matchOrganizationCount', { count: found.organizations.length }), programmes: t('matchProgrammeCount', { count: found.programmes.length }) })}</p>
${none ? html`<p>${t('matchNone')}</p>` : ''}${list('match-organizations', t('matchOrganizations'), found.organizations)}${list('match-programmes', t('matchProgrammes'), found.programmes)}
<p class="hint">${t('matchHowRanked')}</p></section>`;
}

function itemList(page: Page, found: Recommendations) {
  const all = [...found.organizations, ...found.programmes];
  return {
    '@context': 'https://schema.org',
    '@type': 'ItemList',
    name: page.t('matchResultsHeading'),
    inLanguage: page.lang,
    numberOfItems: all.length,
    itemListElement: all.map((r, i) => ({ '@type': 'ListItem', position: i + 1, name: r.name, url: page.absolute(r.kind === 'organization' ? `/organizations/${r.id}` : `/programmes/${r.id}`) })),
  };
}

const recommendPage =
  (ctx: AppContext): RequestHandler =>
  async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t } = page;
    const values = readQuery(req.query as Record<string, unknown>);
    const intro = html`<h1>${t('matchTitle')}</h1><p>${t('matchIntro')}</p>`;
    // The form always sends `country` (empty when not chosen): without it, nothing was asked yet.
    if (req.query.country === undefined) {
      page.send({ title: t('matchTitle'), body: html`${intro}${form(page, formState())}`, head: html`${barStyles}${styles}`, description: t('matchIntro') });
      return;
    }
    const parsed = recommendationBody.safeParse(values);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error).map((e): FieldError => ({ path: e.path, message: problem(page, e.path) }));
      page.send({ status: 400, title: t('matchTitle'), body: html`${intro}${form(page, formState(values, errors))}`, head: html`${barStyles}${styles}` });
      return;
    }
    const found = await recommend(ctx, parsed.data);
    page.send({ title: t('matchResultsHeading'), body: html`${intro}${form(page, formState(values))}${results(page, found)}`, head: html`${barStyles}${styles}`, ld: itemList(page, found), description: t('matchIntro') });
  };

export function recommendRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/recommend', recommendPage(ctx));
  return router;
}
