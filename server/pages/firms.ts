/** Firms' pages: home, search, organization, programme, case. Readable without JavaScript and crawlable. */
import { Router } from 'express';
import type { AppContext } from '../context';
import { listDirectory, readEntry } from '../directory/read';
import type { OrganizationJson } from '../presenters/organization';
import type { ProgrammeJson } from '../presenters/programme';
import { listQuery } from '../routes/lists/schema';
import { fieldErrors, idParam } from '../routes/validate';
import { html, type Html } from './html';
import { pageFor, type Page } from './kit';

const orgItem = (p: Page) => (o: OrganizationJson) =>
  html`<li><a href="${p.base}/organizations/${o.id}">${o.name}</a>${o.acronym ? ` (${o.acronym})` : ''}
<div class="meta">${p.named('kind')(o.kind)} · ${p.countryName(o.country)}${o.networks.length ? ` · ${o.networks.join(', ')}` : ''}</div></li>`;

const progItem = (p: Page) => (g: ProgrammeJson) =>
  html`<li><a href="${p.base}/programmes/${g.id}">${g.name}</a>
<div class="meta">${g.direction ? p.named('direction')(g.direction) : ''} · ${g.originCountries.map(p.countryName).join(', ')} → ${g.targetCountries.map(p.countryName).join(', ')}</div></li>`;

export function firmsRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t, tr } = page;
    const empty = listQuery.parse({});
    const [orgs, progs] = await Promise.all([
      listDirectory(ctx, 'organization', { ...empty, limit: 30 }),
      listDirectory(ctx, 'programme', { ...empty, limit: 10 }),
    ]);
    const body = html`<h1>${t('homeTitle')}</h1>
<p>${t('homeCounts', { organizations: tr.number(orgs.total), programmes: tr.number(progs.total) })}</p>
<h2>${t('intermediaries')}</h2><ul class="entries">${orgs.items.map(orgItem(page))}</ul>
<p><a href="${page.base}/search">${t('allEntries')}</a></p>
<div id="world-map" data-type="organization"></div>
<h2>${t('programmes')}</h2><ul class="entries">${progs.items.map(progItem(page))}</ul>`;
    page.send({ title: t('home'), body, ld: { '@context': 'https://schema.org', '@type': 'WebSite', name: t('brand'), potentialAction: { '@type': 'SearchAction', target: `${page.base}/search?q={q}`, 'query-input': 'required name=q' } } });
  });

  router.get('/search', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t, tr } = page;
    const parsed = listQuery.safeParse(req.query);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      const body = html`<h1>${t('search')}</h1><p role="alert">${t('pleaseCorrect')} ${errors.map((e) => `${e.path}: ${e.message}. `)}</p>`;
      page.send({ status: 400, title: t('search'), body });
      return;
    }
    const query = parsed.data;
    const [orgs, progs] = await Promise.all([listDirectory(ctx, 'organization', query), listDirectory(ctx, 'programme', { ...query, cursor: undefined })]);
    const more = orgs.nextCursor ? html`<p><a href="${page.base}/search?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), cursor: orgs.nextCursor }).toString()}">${t('nextPage')}</a></p>` : '';
    // The client swaps #results for the same element of the next page it fetches (filters, typing).
    const body = html`<div id="results"><h1>${query.q ? t('resultsFor', { q: query.q }) : t('everything')}</h1>
<h2>${t('intermediaries')} (${tr.number(orgs.total)})</h2><ul class="entries">${orgs.items.map(orgItem(page))}</ul>${more}
<h2>${t('programmes')} (${tr.number(progs.total)})</h2><ul class="entries">${progs.items.map(progItem(page))}</ul></div>`;
    page.send({ title: t('search'), q: query.q, body, ld: { '@context': 'https://schema.org', '@type': 'SearchResultsPage', name: t('search'), inLanguage: tr.lang } });
  });

  router.get('/organizations/:id', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t, countryName, named, sectorName } = page;
    const o = await readEntry(ctx, 'organization', idParam(req.params.id));
    const ld = { '@context': 'https://schema.org', '@type': 'Organization', name: o.name, alternateName: o.acronym ?? undefined, url: o.website ?? undefined, description: o.description ?? undefined, address: { '@type': 'PostalAddress', addressCountry: o.country, addressLocality: o.address?.city } };
    const body = html`<h1>${o.name}${o.acronym ? ` (${o.acronym})` : ''}</h1>
<p>${o.description ?? ''}</p>
<dl><dt>${t('kind')}</dt><dd>${named('kind')(o.kind)}</dd><dt>${t('country')}</dt><dd>${countryName(o.country)}</dd>
${o.website ? html`<dt>${t('website')}</dt><dd><a href="${o.website}" rel="nofollow noopener">${o.website}</a></dd>` : ''}
${field(t('services'), o.services.map(named('service')))}${field(t('sectors'), o.sectors.map(sectorName))}${field(t('networks'), o.networks)}${field(t('languages'), o.languages)}
<dt>${t('updated')}</dt><dd>${page.date(o.updatedAt)}</dd></dl>
${o.demo ? html`<p class="meta">${t('demo')}</p>` : ''}`;
    page.send({ title: o.name, body, ld, description: o.description ?? undefined });
  });

  router.get('/programmes/:id', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t, countryName, named } = page;
    const p = await readEntry(ctx, 'programme', idParam(req.params.id));
    const ld = { '@context': 'https://schema.org', '@type': 'Service', name: p.name, description: p.description ?? undefined, url: p.website ?? undefined };
    const body = html`<h1>${p.name}</h1><p>${p.description ?? ''}</p>
<dl><dt>${t('direction')}</dt><dd>${p.direction ? named('direction')(p.direction) : t('unknown')}</dd>
<dt>${t('from')}</dt><dd>${p.originCountries.map(countryName).join(', ')}</dd><dt>${t('to')}</dt><dd>${p.targetCountries.map(countryName).join(', ')}</dd>
${field(t('partnershipTypes'), p.partnershipTypes.map(named('partnershipType')))}${field(t('services'), p.services.map(named('service')))}${field(t('firmSizes'), p.firmSizes.map(named('firmSize')))}
${p.website ? html`<dt>${t('website')}</dt><dd><a href="${p.website}" rel="nofollow noopener">${p.website}</a></dd>` : ''}
<dt>${t('operators')}</dt><dd>${p.operators.map((id) => html`<a href="${page.base}/organizations/${id}">${id.slice(0, 8)}</a> `)}</dd></dl>`;
    page.send({ title: p.name, body, ld, description: p.description ?? undefined });
  });

  router.get('/cases/:id', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t, countryName } = page;
    const c = await readEntry(ctx, 'case', idParam(req.params.id));
    const body = html`<h1>${c.title}</h1><p>${c.summary ?? ''}</p>
<dl><dt>${t('countries')}</dt><dd>${c.countries.map(countryName).join(', ')}</dd>${c.outcome ? html`<dt>${t('outcome')}</dt><dd>${c.outcome}</dd>` : ''}
${c.lessons ? html`<dt>${t('lessons')}</dt><dd>${c.lessons}</dd>` : ''}</dl>`;
    page.send({ title: c.title, body, ld: { '@context': 'https://schema.org', '@type': 'Article', headline: c.title, abstract: c.summary ?? undefined } });
  });

  return router;
}

function field(label: string, values: string[]): Html | '' {
  return values.length ? html`<dt>${label}</dt><dd>${values.join(', ')}</dd>` : '';
}
