/** Server-rendered pages: readable without JavaScript and crawlable. */
import { Router, type ErrorRequestHandler } from 'express';
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
  const countryName = (alpha2: string) => ctx.reference.countryByAlpha2.get(alpha2)?.names.en ?? alpha2;

  const orgItem = (o: OrganizationJson) =>
    html`<li><a href="${base}/organizations/${o.id}">${o.name}</a>${o.acronym ? ` (${o.acronym})` : ''}
<div class="meta">${o.kind.replace(/-/g, ' ')} · ${countryName(o.country)}${o.networks.length ? ` · ${o.networks.join(', ')}` : ''}</div></li>`;
  const progItem = (p: ProgrammeJson) =>
    html`<li><a href="${base}/programmes/${p.id}">${p.name}</a>
<div class="meta">${p.direction ?? ''} · ${p.originCountries.map(countryName).join(', ')} → ${p.targetCountries.map(countryName).join(', ')}</div></li>`;

  router.get('/', async (_req, res) => {
    const empty = listQuery.parse({});
    const [orgs, progs] = await Promise.all([
      listDirectory(ctx, 'organization', { ...empty, limit: 30 }),
      listDirectory(ctx, 'programme', { ...empty, limit: 10 }),
    ]);
    const body = html`<h1>Find an intermediary for your partnership</h1>
<p>${orgs.total} intermediaries and ${progs.total} partnering programmes.</p>
<h2>Intermediaries</h2><ul class="entries">${orgs.items.map(orgItem)}</ul>
<p><a href="${base}/search">All intermediaries and programmes</a></p>
<h2>Programmes</h2><ul class="entries">${progs.items.map(progItem)}</ul>`;
    res.type('html').send(layout({ title: 'Home', basePath: base, body }));
  });

  router.get('/search', async (req, res) => {
    const parsed = listQuery.safeParse(req.query);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      const body = html`<h1>Search</h1><p role="alert">Please correct: ${errors.map((e) => `${e.path}: ${e.message}. `)}</p>`;
      res.status(400).type('html').send(layout({ title: 'Search', basePath: base, body }));
      return;
    }
    const query = parsed.data;
    const [orgs, progs] = await Promise.all([listDirectory(ctx, 'organization', query), listDirectory(ctx, 'programme', { ...query, cursor: undefined })]);
    const more = orgs.nextCursor ? html`<p><a href="${base}/search?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), cursor: orgs.nextCursor }).toString()}">Next page</a></p>` : '';
    const body = html`<h1>${query.q ? `Results for “${query.q}”` : 'All entries'}</h1>
<h2>Intermediaries (${orgs.total})</h2><ul class="entries">${orgs.items.map(orgItem)}</ul>${more}
<h2>Programmes (${progs.total})</h2><ul class="entries">${progs.items.map(progItem)}</ul>`;
    res.type('html').send(layout({ title: 'Search', basePath: base, q: query.q, body }));
  });

  router.get('/organizations/:id', async (req, res) => {
    const o = await readEntry(ctx, 'organization', idParam(req.params.id));
    const ld = { '@context': 'https://schema.org', '@type': 'Organization', name: o.name, alternateName: o.acronym ?? undefined, url: o.website ?? undefined, description: o.description ?? undefined, address: { '@type': 'PostalAddress', addressCountry: o.country, addressLocality: o.address?.city } };
    const body = html`<h1>${o.name}${o.acronym ? ` (${o.acronym})` : ''}</h1>
<p>${o.description ?? ''}</p>
<dl><dt>Kind</dt><dd>${o.kind.replace(/-/g, ' ')}</dd><dt>Country</dt><dd>${countryName(o.country)}</dd>
${o.website ? html`<dt>Website</dt><dd><a href="${o.website}" rel="nofollow noopener">${o.website}</a></dd>` : ''}
${field('Services', o.services)}${field('Sectors (ISIC)', o.sectors)}${field('Networks', o.networks)}${field('Languages', o.languages)}
<dt>Updated</dt><dd>${o.updatedAt.slice(0, 10)}</dd></dl>
${o.demo ? html`<p class="meta">Demo entry.</p>` : ''}`;
    res.type('html').send(layout({ title: o.name, basePath: base, body, head: html`<script type="application/ld+json">${jsonLd(ld)}</script>` }));
  });

  router.get('/programmes/:id', async (req, res) => {
    const p = await readEntry(ctx, 'programme', idParam(req.params.id));
    const ld = { '@context': 'https://schema.org', '@type': 'Service', name: p.name, description: p.description ?? undefined, url: p.website ?? undefined };
    const body = html`<h1>${p.name}</h1><p>${p.description ?? ''}</p>
<dl><dt>Direction</dt><dd>${p.direction ?? 'unknown'}</dd>
<dt>From</dt><dd>${p.originCountries.map(countryName).join(', ')}</dd><dt>To</dt><dd>${p.targetCountries.map(countryName).join(', ')}</dd>
${field('Partnership types', p.partnershipTypes)}${field('Services', p.services)}${field('Firm sizes', p.firmSizes)}
${p.website ? html`<dt>Website</dt><dd><a href="${p.website}" rel="nofollow noopener">${p.website}</a></dd>` : ''}
<dt>Operators</dt><dd>${p.operators.map((id) => html`<a href="${base}/organizations/${id}">${id.slice(0, 8)}</a> `)}</dd></dl>`;
    res.type('html').send(layout({ title: p.name, basePath: base, body, head: html`<script type="application/ld+json">${jsonLd(ld)}</script>` }));
  });

  router.get('/cases/:id', async (req, res) => {
    const c = await readEntry(ctx, 'case', idParam(req.params.id));
    const body = html`<h1>${c.title}</h1><p>${c.summary ?? ''}</p>
<dl><dt>Countries</dt><dd>${c.countries.map(countryName).join(', ')}</dd>${c.outcome ? html`<dt>Outcome</dt><dd>${c.outcome}</dd>` : ''}
${c.lessons ? html`<dt>Lessons</dt><dd>${c.lessons}</dd>` : ''}</dl>`;
    res.type('html').send(layout({ title: c.title, basePath: base, body }));
  });

  return router;
}

/** Errors on page requests become an HTML page; API and JSON clients keep problem+json. */
export function pageErrorHandler(ctx: AppContext): ErrorRequestHandler {
  return (err, req, res, next) => {
    const wantsPage = !req.path.startsWith('/api/') && req.path !== '/healthz' && req.accepts(['html', 'json']) === 'html';
    if (!(err instanceof HttpError) || !wantsPage || err.status >= 500) return next(err);
    res.status(err.status).type('html').send(layout({ title: err.title, basePath: ctx.env.basePath, body: html`<h1>${err.title}</h1><p>${err.message}</p>` }));
  };
}

function field(label: string, values: string[]): Html | '' {
  return values.length ? html`<dt>${label}</dt><dd>${values.join(', ')}</dd>` : '';
}
