/**
 * `npm run audit:pages [-- http://host:port/base]`: Lighthouse's SEO and accessibility audits,
 * with its mobile preset (a phone's screen, the default config), on every public page in
 * English, French and Spanish, in Debian's Chromium (never a downloaded browser). Prints each
 * page's scores and every failing audit with the elements it names; exits 1 when any audit
 * fails. Entries (an organization, a programme, a case) are found through the site's own
 * sitemaps, as a crawler finds them. Slow (a few seconds a page): not part of `npm test`.
 */
import fs from 'node:fs';
import type * as LH from 'lighthouse' with { 'resolution-mode': 'import' };

const languages = ['en', 'fr', 'es'] as const;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Target {
  path: string;
  /** An error page: Lighthouse audits it all the same, and its status audit fails by design. */
  status?: number;
}

/** The first entry a sitemap names, as a path under the site (its language left out). */
async function firstEntry(site: string, file: string): Promise<string | undefined> {
  const res = await fetch(`${site}/sitemaps/${file}`);
  if (!res.ok) return undefined;
  const loc = /<loc>([^<]+)<\/loc>/.exec(await res.text())?.[1];
  if (!loc) return undefined;
  const url = new URL(loc.replace(/&amp;/g, '&'));
  return url.pathname.slice(new URL(site).pathname.replace(/\/$/, '').length);
}

async function targets(site: string): Promise<Target[]> {
  const entries = await Promise.all(['organizations-1.xml', 'programmes-1.xml', 'cases-1.xml'].map((f) => firstEntry(site, f)));
  const missing = ['organization', 'programme', 'case'].filter((_k, i) => !entries[i]);
  if (missing.length) console.warn(`no public ${missing.join(', ')} in the sitemaps: those pages are not audited`);
  return [
    { path: '/' },
    { path: '/search' },
    { path: '/search?q=investment' },
    { path: '/search?country=SN&kind=investment-promotion-agency' },
    { path: '/search?q=zzzqqqxx' },
    ...entries.flatMap((path) => (path ? [{ path }] : [])),
    { path: '/countries/SN' },
    { path: '/cases' },
    { path: '/progress' },
    { path: '/readiness' },
    { path: '/recommend' },
    { path: '/embed?country=SN' },
    { path: '/sign-in' },
    { path: '/sign-up' },
    { path: '/forgot-password' },
    { path: '/no-such-page', status: 404 },
  ];
}

const withLanguage = (site: string, path: string, lang: string) => `${site}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

/** What a failing audit names: the selectors or snippets of its first few items. */
function itemsOf(audit: LH.Result['audits'][string]): string[] {
  const details = audit.details as { type?: string; items?: Array<Record<string, unknown>> } | undefined;
  if (!details?.items) return [];
  const shown = details.items.slice(0, 6).map((item) => {
    const node = item.node as { selector?: string; snippet?: string; explanation?: string } | undefined;
    if (node) return `${node.selector ?? ''} ${node.snippet ?? ''}${node.explanation ? `\n        ${node.explanation.split('\n').join(' ')}` : ''}`.trim();
    return Object.values(item)
      .filter((v) => typeof v === 'string' || typeof v === 'number')
      .join(' ');
  });
  return details.items.length > shown.length ? [...shown, `… and ${details.items.length - shown.length} more`] : shown;
}

async function main() {
  const site = (process.argv[2] ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  if (!fs.existsSync(chromiumPath)) throw new Error(`Debian's Chromium is needed at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  // Both are ES modules; this script runs as CommonJS.
  const { default: lighthouse } = await import('lighthouse');
  const { launch } = await import('chrome-launcher');
  const chrome = await launch({ chromePath: chromiumPath, chromeFlags: chromiumFlags });
  let failures = 0;
  let audited = 0;
  try {
    for (const target of await targets(site)) {
      for (const lang of languages) {
        const url = withLanguage(site, target.path, lang);
        const expected = target.status ? ['http-status-code'] : [];
        const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['seo', 'accessibility'], ignoreStatusCode: !!target.status });
        if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
        const { lhr } = result;
        audited += 1;
        const scores = Object.values(lhr.categories).map((c) => `${c.id} ${Math.round((c.score ?? 0) * 100)}`);
        const failing = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && (a.scoreDisplayMode === 'binary' || a.scoreDisplayMode === 'numeric' || a.scoreDisplayMode === 'metricSavings'));
        const unexpected = failing.filter((a) => !expected.includes(a.id)).length + (lhr.runtimeError ? 1 : 0);
        console.log(`${unexpected ? 'FAIL' : 'ok  '} ${lang} ${target.path}  ${scores.join('  ')}`);
        if (lhr.runtimeError) console.log(`    ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
        for (const audit of failing) {
          const known = expected.includes(audit.id);
          console.log(`    ${known ? '(expected) ' : ''}${audit.id}: ${audit.title}`);
          if (!known) for (const item of itemsOf(audit)) console.log(`      ${item}`);
        }
        failures += unexpected;
      }
    }
  } finally {
    chrome.kill();
  }
  console.log(`${audited} pages audited, ${failures} failing audits`);
  if (failures) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
