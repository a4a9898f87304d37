/**
 * What search engines read: robots.txt (the public pages, not the accounts or the console) and
 * sitemaps of every public entry and country page, cut in files of at most 50,000 addresses
 * as the sitemaps protocol asks, listed by one sitemap index.
 */
import { Router } from 'express';
import type { AppContext } from '../context';
import { publicCounts, publicEntrySlice } from '../db/changes';
import type { EntityType } from '../db/entries';
import { notFound } from '../errors';
import { escape } from './html';

export const SITEMAP_SIZE = 50_000;
const paths: Record<EntityType, string> = { organization: 'organizations', programme: 'programmes', case: 'cases' };
const kinds = Object.keys(paths) as EntityType[];

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
const lastmod = (d: string | Date) => new Date(d).toISOString().slice(0, 10);

export function crawlRouter(ctx: AppContext): Router {
  const router = Router();
  const base = ctx.env.basePath;
  // Absolute addresses come from PUBLIC_URL, never from the request's Host.
  const site = ctx.env.publicUrl;

  router.get('/robots.txt', (req, res) => {
    const private_ = ['/account', '/console', '/sign-in', '/sign-up', '/forgot-password', '/reset-password', '/embed'];
    res.type('text/plain').send(`User-agent: *\n${private_.map((p) => `Disallow: ${base}${p}`).join('\n')}\n\nSitemap: ${site}/sitemap.xml\n`);
  });

  router.get('/sitemap.xml', async (req, res) => {
    const counts = await publicCounts(ctx.database);
    const files = ['pages', ...kinds.flatMap((kind) => Array.from({ length: Math.ceil(counts[kind] / SITEMAP_SIZE) }, (_v, i) => `${paths[kind]}-${i + 1}`))];
    const entries = files.map((f) => `<sitemap><loc>${escape(`${site}/sitemaps/${f}.xml`)}</loc></sitemap>`).join('\n');
    res.type('application/xml').send(xml(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries}\n</sitemapindex>\n`));
  });

  router.get('/sitemaps/:file', async (req, res) => {
    const url = (loc: string, changed?: string | Date) => `<url><loc>${escape(`${site}${loc}`)}</loc>${changed ? `<lastmod>${lastmod(changed)}</lastmod>` : ''}</url>`;
    let urls: string[];
    if (req.params.file === 'pages.xml') {
      urls = [url('/'), url('/search'), url('/recommend'), url('/readiness'), url('/progress'), url('/cases'), ...ctx.reference.countries.map((c) => url(`/countries/${c.alpha2}`))];
    } else {
      const match = /^(organizations|programmes|cases)-([1-9]\d{0,5})\.xml$/.exec(req.params.file);
      const kind = kinds.find((k) => paths[k] === match?.[1]);
      if (!match || !kind) throw notFound('sitemap');
      const rows = await publicEntrySlice(ctx.database, kind, (Number(match[2]) - 1) * SITEMAP_SIZE, SITEMAP_SIZE);
      if (!rows.length) throw notFound('sitemap');
      urls = rows.map((r) => url(`/${paths[kind]}/${r.id}`, r.updatedAt));
    }
    res.type('application/xml').send(xml(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`));
  });

  return router;
}
