/** Server-rendered pages: readable without JavaScript and crawlable. */
import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { pageLanguage, translator } from '../i18n';
import { label, type Vocabulary } from '../i18n/vocabulary';
import type { AppContext } from '../context';
import { listDirectory, readEntry } from '../directory/read';
import { HttpError } from '../errors';
import type { OrganizationJson } from '../presenters/organization';
import type { ProgrammeJson } from '../presenters/programme';
import { listQuery } from '../routes/lists/schema';
import { fieldErrors, idParam } from '../routes/validate';
import { html, jsonLd, type Html } from './html';
import { layout } from './layout';

export function pagesRouter(ctx: AppContext): Router {
  const router = Router();
  const base = ctx.env.basePath;
  /** Per request: the reader's language, its words and its country names. */
  const speak = (req: Request, res: Response) => {
    const tr = translator(pageLanguage(req, res));
    const countryName = (alpha2: string) => ctx.reference.countryByAlpha2.get(alpha2)?.names[tr.lang] ?? alpha2;
    const named = (vocabulary: Vocabulary) => (value: string) => label(vocabulary, value, tr.lang);
    const sectorName = (code: string) => {
      const sector = ctx.reference.sectorByCode.get(code);
      return sector ? `${code} ${sector.names[tr.lang] ?? sector.names.en}` : code;
    };
    const orgItem = (o: OrganizationJson) =>
    html`<li><a href="${base}/organizations/${o.id}">${o.name}</a>${o.acronym ? ` (${o.acronym})` : ''}
<div class="meta">${named('kind')(o.kind)} · ${countryName(o.country)}${o.networks.length ? ` · ${o.networks.join(', ')}` : ''}</div></li>`;
    const progItem = (p: ProgrammeJson) =>
      html`<li><a href="${base}/programmes/${p.id}">${p.name}</a>
<div class="meta">${p.direction ? named('direction')(p.direction) : ''} · ${p.originCountries.map(countryName).join(', ')} → ${p.targetCountries.map(countryName).join(', ')}</div></li>`;
    return { tr, t: tr.t, countryName, named, sectorName, orgItem, progItem };
  };

  router.get('/', async (req, res) => {
    const { tr, t, orgItem, progItem } = speak(req, res);
    const empty = listQuery.parse({});
    const [orgs, progs] = await Promise.all([
      listDirectory(ctx, 'organization', { ...empty, limit: 30 }),
      listDirectory(ctx, 'programme', { ...empty, limit: 10 }),
    ]);
    const body = html`<h1>${t('homeTitle')}</h1>
<p>${t('homeCounts', { organizations: tr.number(orgs.total), programmes: tr.number(progs.total) })}</p>
<h2>${t('intermediaries')}</h2><ul class="entries">${orgs.items.map(orgItem)}</ul>
<p><a href="${base}/search">${t('allEntries')}</a></p>
<h2>${t('programmes')}</h2><ul class="entries">${progs.items.map(progItem)}</ul>`;
    res.type('html').send(layout({ tr, title: t('home'), basePath: base, body }));
  });

  router.get('/search', async (req, res) => {
    const { tr, t, orgItem, progItem } = speak(req, res);
    const parsed = listQuery.safeParse(req.query);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      const body = html`<h1>${t('search')}</h1><p role="alert">${t('pleaseCorrect')} ${errors.map((e) => `${e.path}: ${e.message}. `)}</p>`;
      res.status(400).type('html').send(layout({ tr, title: t('search'), basePath: base, body }));
      return;
    }
    const query = parsed.data;
    const [orgs, progs] = await Promise.all([listDirectory(ctx, 'organization', query), listDirectory(ctx, 'programme', { ...query, cursor: undefined })]);
    const more = orgs.nextCursor ? html`<p><a href="${base}/search?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), cursor: orgs.nextCursor }).toString()}">${t('nextPage')}</a></p>` : '';
    const body = html`<h1>${query.q ? t('resultsFor', { q: query.q }) : t('everything')}</h1>
<h2>${t('intermediaries')} (${tr.number(orgs.total)})</h2><ul class="entries">${orgs.items.map(orgItem)}</ul>${more}
<h2>${t('programmes')} (${tr.number(progs.total)})</h2><ul class="entries">${progs.items.map(progItem)}</ul>`;
    res.type('html').send(layout({ tr, title: t('search'), basePath: base, q: query.q, body }));
  });

  router.get('/organizations/:id', async (req, res) => {
    const { tr, t, countryName, named, sectorName } = speak(req, res);
    const o = await readEntry(ctx, 'organization', idParam(req.params.id));
    const ld = { '@context': 'https://schema.org', '@type': 'Organization', name: o.name, alternateName: o.acronym ?? undefined, url: o.website ?? undefined, description: o.description ?? undefined, address: { '@type': 'PostalAddress', addressCountry: o.country, addressLocality: o.address?.city } };
    const body = html`<h1>${o.name}${o.acronym ? ` (${o.acronym})` : ''}</h1>
<p>${o.description ?? ''}</p>
<dl><dt>${t('kind')}</dt><dd>${named('kind')(o.kind)}</dd><dt>${t('country')}</dt><dd>${countryName(o.country)}</dd>
${o.website ? html`<dt>${t('website')}</dt><dd><a href="${o.website}" rel="nofollow noopener">${o.website}</a></dd>` : ''}
${field(t('services'), o.services.map(named('service')))}${field(t('sectors'), o.sectors.map(sectorName))}${field(t('networks'), o.networks)}${field(t('languages'), o.languages)}
<dt>${t('updated')}</dt><dd>${new Date(o.updatedAt).toLocaleDateString(tr.lang, { dateStyle: 'long' })}</dd></dl>
${o.demo ? html`<p class="meta">${t('demo')}</p>` : ''}`;
    res.type('html').send(layout({ tr, title: o.name, basePath: base, body, head: html`<script type="application/ld+json">${jsonLd(ld)}</script>` }));
  });

  router.get('/programmes/:id', async (req, res) => {
    const { tr, t, countryName, named } = speak(req, res);
    const p = await readEntry(ctx, 'programme', idParam(req.params.id));
    const ld = { '@context': 'https://schema.org', '@type': 'Service', name: p.name, description: p.description ?? undefined, url: p.website ?? undefined };
    const body = html`<h1>${p.name}</h1><p>${p.description ?? ''}</p>
<dl><dt>${t('direction')}</dt><dd>${p.direction ? named('direction')(p.direction) : t('unknown')}</dd>
<dt>${t('from')}</dt><dd>${p.originCountries.map(countryName).join(', ')}</dd><dt>${t('to')}</dt><dd>${p.targetCountries.map(countryName).join(', ')}</dd>
${field(t('partnershipTypes'), p.partnershipTypes.map(named('partnershipType')))}${field(t('services'), p.services.map(named('service')))}${field(t('firmSizes'), p.firmSizes.map(named('firmSize')))}
${p.website ? html`<dt>${t('website')}</dt><dd><a href="${p.website}" rel="nofollow noopener">${p.website}</a></dd>` : ''}
<dt>${t('operators')}</dt><dd>${p.operators.map((id) => html`<a href="${base}/organizations/${id}">${id.slice(0, 8)}</a> `)}</dd></dl>`;
    res.type('html').send(layout({ tr, title: p.name, basePath: base, body, head: html`<script type="application/ld+json">${jsonLd(ld)}</script>` }));
  });

  router.get('/cases/:id', async (req, res) => {
    const { tr, t, countryName } = speak(req, res);
    const c = await readEntry(ctx, 'case', idParam(req.params.id));
    const body = html`<h1>${c.title}</h1><p>${c.summary ?? ''}</p>
<dl><dt>${t('countries')}</dt><dd>${c.countries.map(countryName).join(', ')}</dd>${c.outcome ? html`<dt>${t('outcome')}</dt><dd>${c.outcome}</dd>` : ''}
${c.lessons ? html`<dt>${t('lessons')}</dt><dd>${c.lessons}</dd>` : ''}</dl>`;
    res.type('html').send(layout({ tr, title: c.title, basePath: base, body }));
  });

  return router;
}

/** Errors on page requests become an HTML page; API and JSON clients keep problem+json. */
export function pageErrorHandler(ctx: AppContext): ErrorRequestHandler {
  return (err, req, res, next) => {
    const wantsPage = !req.path.startsWith('/api/') && req.path !== '/healthz' && req.accepts(['html', 'json']) === 'html';
    if (!(err instanceof HttpError) || !wantsPage || err.status >= 500) return next(err);
    const tr = translator(pageLanguage(req, res));
    const [title, text] = err.status === 404 ? [tr.t('notFoundTitle'), tr.t('notFoundText')] : err.status === 410 ? [tr.t('goneTitle'), tr.t('goneText')] : [err.title, err.message];
    const base = ctx.env.basePath;
    const body = html`<h1>${title}</h1><p>${text}</p><p><a href="${base}/">${tr.t('home')}</a> · <a href="${base}/search">${tr.t('allEntries')}</a></p>`;
    res.status(err.status).type('html').send(layout({ tr, title, basePath: base, body }));
  };
}

function field(label: string, values: string[]): Html | '' {
  return values.length ? html`<dt>${label}</dt><dd>${values.join(', ')}</dd>` : '';
}
