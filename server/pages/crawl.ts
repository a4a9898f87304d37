/**
 * What search engines read: robots.txt (the public pages, not the accounts or the console) and
 * sitemaps of every public entry and country page in each of the site's languages, cut in
 * files of at most 50,000 addresses as the sitemaps protocol asks, listed by one sitemap index.
 * Each address is a page's canonical one (`?lang=`) and names its other languages and the
 * address that follows the browser's language (x-default) as `xhtml:link` alternates, as
 * search engines ask for localized versions of a page.
 */
import { Router } from 'express';
import type { AppContext } from '../context';
import { publicCounts, publicEntrySlice } from '../db/changes';
import type { EntityType } from '../db/entries';
import { notFound } from '../errors';
import { languages } from '../i18n';
import { escape } from '../escape';

/** Addresses in one sitemap file: the protocol's limit. */
export const SITEMAP_ADDRESSES = 50_000;
/** Pages in one sitemap file: each is listed once per language. */
export const SITEMAP_SIZE = Math.floor(SITEMAP_ADDRESSES / languages.length);
const paths: Record<EntityType, string> = { organization: 'organizations', programme: 'programmes', case: 'cases' };
const kinds = Object.keys(paths) as EntityType[];

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
const lastmod = (d: string | Date) => new Date(d).toISOString().slice(0, 10);

/**
 * A page's `<url>` rows, one per language, each with the page's every language and x-default
 * as alternates: the same addresses as the page's own canonical and hreflang links.
 */
function localized(site: string, path: string, changed?: string | Date): string {
  const at = (lang?: string) => escape(`${site}${path}${lang ? `?lang=${lang}` : ''}`);
  const alternates = [...languages.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${at(l)}"/>`), `<xhtml:link rel="alternate" hreflang="x-default" href="${at()}"/>`].join('');
  return languages.map((l) => `<url><loc>${at(l)}</loc>${changed ? `<lastmod>${lastmod(changed)}</lastmod>` : ''}${alternates}</url>`).join('\n');
}

export function crawlRouter(ctx: AppContext): Router {
  const router = Router();
  const base = ctx.env.basePath;
  // Absolute addresses come from PUBLIC_URL, never from the request's Host.
  const site = ctx.env.publicUrl;

  router.get('/robots.txt', (req, res) => {
    // Sign-in, sign-up and the embed are public and indexable (the embed names the search it
    // copies as its canonical page); a reset link carries a secret.
    const private_ = ['/account', '/console', '/reset-password'];
    res.type('text/plain').send(`User-agent: *\n${private_.map((p) => `Disallow: ${base}${p}`).join('\n')}\n\nSitemap: ${site}/sitemap.xml\n`);
  });

  router.get('/sitemap.xml', async (req, res) => {
    const counts = await publicCounts(ctx.database);
    const files = ['pages', ...kinds.flatMap((kind) => Array.from({ length: Math.ceil(counts[kind] / SITEMAP_SIZE) }, (_v, i) => `${paths[kind]}-${i + 1}`))];
    const entries = files.map((f) => `<sitemap><loc>${escape(`${site}/sitemaps/${f}.xml`)}</loc></sitemap>`).join('\n');
    res.type('application/xml').send(xml(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries}\n</sitemapindex>\n`));
  });

  router.get('/sitemaps/:file', async (req, res) => {
    const url = (path: string, changed?: string | Date) => localized(site, path, changed);
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
    res.type('application/xml').send(xml(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`));
  });

  return router;
}
