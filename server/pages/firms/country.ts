/**
 * /countries/:alpha2: a country in the reader's language, its region and development status,
 * the intermediaries based there, and the programmes that reach it or start from it.
 */
import type { RequestHandler } from 'express';
import type { AppContext } from '../../context';
import { listDirectory } from '../../directory/read';
import { notFound } from '../../errors';
import type { Country } from '../../reference';
import { listQuery } from '../../schemas/lists';
import { html, type Html } from '../html';
import { pageFor, type Page } from '../kit';
import { entryList, field, organizationItem, programmeItem, regionName, searchHref } from './parts';

/** Entries listed on a country page before its lists point to the search. */
const SHOWN = 50;

function facts(page: Page, c: Country): Html {
  const { t } = page;
  const regions = [c.region, c.subregion, c.intermediateRegion].filter((r): r is string => !!r);
  const statusWords = { developed: t('firmsDeveloped'), developing: t('firmsDeveloping'), transition: t('firmsTransition') } as const;
  const groups = [c.ldc ? t('firmsLdcName') : '', c.lldc ? t('firmsLldcName') : '', c.sids ? t('firmsSidsName') : ''].filter(Boolean);
  return html`<dl>${field(t('firmsRegion'), regions.map((r) => html`<a href="${searchHref(page, { region: [r] })}">${regionName(page, r)}</a>`))}
<dt>${t('firmsStatusLabel')}</dt><dd>${statusWords[c.status]}</dd>
${field(t('firmsGroups'), groups)}
<dt>${t('firmsCodes')}</dt><dd>${c.alpha2} · ${c.alpha3} · M49 ${c.m49}</dd></dl>`;
}

export const countryPage =
  (ctx: AppContext): RequestHandler =>
  async (req, res) => {
    const given = String(req.params.alpha2 ?? '');
    const country = ctx.reference.countryByAlpha2.get(given.toUpperCase());
    if (!/^[a-z]{2}$/i.test(given) || !country) throw notFound('country');
    const page = pageFor(ctx, req, res);
    if (given !== country.alpha2) {
      const search = req.originalUrl.indexOf('?');
      res.redirect(301, page.href(`/countries/${country.alpha2}${search >= 0 ? req.originalUrl.slice(search) : ''}`));
      return;
    }
    const { t, tr } = page;
    const code = country.alpha2;
    const query = { ...listQuery.parse({}), country: [code], limit: SHOWN };
    const [orgs, progs] = await Promise.all([listDirectory(ctx, 'organization', query), listDirectory(ctx, 'programme', query)]);
    const reaching = progs.items.filter((p) => p.targetCountries.includes(code));
    const starting = progs.items.filter((p) => p.originCountries.includes(code));
    const name = page.countryName(code);
    const all = searchHref(page, { country: [code] });
    const more = (shown: number, total: number) => (total > shown ? html`<p><a href="${all}">${t('firmsSeeAll', { count: tr.number(total) })}</a></p>` : '');
    const body = html`<h1>${name}</h1>
${facts(page, country)}
<p><a href="${all}">${t('firmsSearchCountry')}</a>${country.ldc ? html` · <a href="${searchHref(page, { ldc: 'true' })}">${t('firmsAllLdcs')}</a>` : ''}</p>
<section aria-labelledby="country-organizations"><h2 id="country-organizations">${t('firmsBasedIn')} (${tr.number(orgs.total)})</h2>
${entryList(page, orgs.items, organizationItem(page))}${more(orgs.items.length, orgs.total)}</section>
<section aria-labelledby="country-reaching"><h2 id="country-reaching">${t('firmsReaching')} (${tr.number(reaching.length)})</h2>
${entryList(page, reaching, programmeItem(page))}</section>
<section aria-labelledby="country-starting"><h2 id="country-starting">${t('firmsStartingFrom')} (${tr.number(starting.length)})</h2>
${entryList(page, starting, programmeItem(page))}${more(progs.items.length, progs.total)}</section>`;
    const region = country.region ? regionName(page, country.region) : undefined;
    const ld = {
      '@context': 'https://schema.org',
      '@type': 'Country',
      '@id': page.absolute(`/countries/${code}`),
      name,
      identifier: code,
      alternateName: [country.alpha3, ...Object.values(country.names).filter((n) => n !== name)],
      containedInPlace: region ? { '@type': 'Place', name: region } : undefined,
    };
    page.send({ title: name, body, ld, description: t('firmsCountryDescription', { country: name }) });
  };
