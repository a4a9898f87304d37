/**
 * What a search engine reads of each public page, in each language: one meta description that
 * says what this page holds in the page's language, the canonical address and the hreflang
 * alternates (en, fr, es, x-default) from PUBLIC_URL; the sitemaps name every page in the three
 * languages with the same alternates; robots.txt lets the public pages be indexed.
 */
import * as cheerio from 'cheerio';
import request from 'supertest';
import { makeCase, makeOrganization, makeProgramme } from '../../factories';
import { testApp, type TestApp } from '../../support';

const PUBLIC = 'https://directory.example.org/network';

let t: TestApp;
let org: string;
let bare: string;
let programme: string;
let kase: string;
beforeAll(async () => {
  t = await testApp({ BASE_PATH: '/network', PUBLIC_URL: PUBLIC });
  org = await makeOrganization(t.ctx, { name: 'Uganda Investment Authority', country: 'UG', description: 'Guides foreign firms to Ugandan partners.' });
  bare = await makeOrganization(t.ctx, { name: 'Agence sans texte', country: 'SN', kind: 'chamber-of-commerce' });
  programme = await makeProgramme(t.ctx, { name: 'Uganda supplier linkages', originCountries: ['KE'], targetCountries: ['UG'] }, [org]);
  kase = await makeCase(t.ctx, { title: 'A coffee cooperative finds a buyer', countries: ['UG'] }, [org]);
});
afterAll(() => t.close());

const languages = ['en', 'fr', 'es'] as const;

/** The page's head as a search engine reads it. */
async function head(path: string, lang: string, status = 200) {
  const res = await request(t.app).get(`/network${path}${path.includes('?') ? '&' : '?'}lang=${lang}`).expect(status);
  const $ = cheerio.load(res.text);
  const descriptions = $('meta[name="description"]').map((_, el) => $(el).attr('content') ?? '').get();
  const canonical = $('link[rel="canonical"]').map((_, el) => $(el).attr('href')).get();
  const alternates = Object.fromEntries($('link[rel="alternate"][hreflang]').map((_, el) => [[$(el).attr('hreflang'), $(el).attr('href')]]).get() as Array<[string, string]>);
  return { lang: $('html').attr('lang'), descriptions, canonical, alternates, h1: $('h1').first().text().trim() };
}

/** The address of `path` in `lang` (none: the one that follows the browser's language). */
const at = (path: string, lang?: string) => {
  const [p = '', q = ''] = path.split('?');
  const params = new URLSearchParams(q);
  if (lang) params.set('lang', lang);
  return `${PUBLIC}${p}${params.size ? `?${params.toString()}` : ''}`;
};

describe('When a search engine reads a public page in English, French or Spanish', () => {
  const pages = () => [
    '/',
    '/search',
    '/search?q=uganda',
    '/search?country=UG&kind=investment-promotion-agency',
    '/search?q=zzzqqq',
    `/organizations/${org}`,
    `/organizations/${bare}`,
    `/programmes/${programme}`,
    `/cases/${kase}`,
    '/countries/UG',
    '/cases',
    '/progress',
    '/recommend',
    '/readiness',
    '/sign-in',
    '/sign-up',
    '/forgot-password',
  ];

  it('then every page has one meta description, in its own language, and its canonical and hreflang addresses from PUBLIC_URL', async () => {
    for (const path of pages()) {
      const read = await Promise.all(languages.map((lang) => head(path, lang)));
      for (const [i, lang] of languages.entries()) {
        const page = read[i]!;
        expect({ path, lang: page.lang }).toEqual({ path, lang });
        expect({ path, count: page.descriptions.length }).toEqual({ path, count: 1 });
        const description = page.descriptions[0] ?? '';
        expect(description.length).toBeGreaterThan(40);
        expect(description.length).toBeLessThanOrEqual(160);
        expect({ path, canonical: page.canonical }).toEqual({ path, canonical: [at(path, lang)] });
        expect(page.alternates).toEqual({ en: at(path, 'en'), fr: at(path, 'fr'), es: at(path, 'es'), 'x-default': at(path) });
      }
      // The description is written in each language, not one text for all (an entry's own text excepted).
      if (!path.startsWith(`/organizations/${org}`)) expect(new Set(read.map((r) => r.descriptions[0])).size).toBe(3);
    }
  });

  it('then a search says what it found for the words and filters asked, or that nothing matched them', async () => {
    expect((await head('/search?q=uganda', 'en')).descriptions[0]).toBe('“uganda” in the Partnering Network: 1 intermediary and 1 programme, with their countries, sectors and services.');
    expect((await head('/search?country=UG&kind=investment-promotion-agency', 'es')).descriptions[0]).toBe(
      'Uganda, Agencia de promoción de inversiones en el Partnering Network: 1 intermediario y 1 programa, con sus países, sectores y servicios.',
    );
    expect((await head('/search?q=zzzqqq', 'fr')).descriptions[0]).toBe(
      'Rien dans le Partnering Network ne correspond à « zzzqqq » : essayez d’autres mots ou moins de filtres, ou parcourez les intermédiaires par pays.',
    );
    expect((await head('/search', 'en')).descriptions[0]).toBe('Search 2 intermediaries and 1 programme of the Partnering Network by country, region, sector, service and type of partnership.');
  });

  it('then an entry is described by its own text, or else by what it is and where', async () => {
    expect((await head(`/organizations/${org}`, 'fr')).descriptions[0]).toBe('Guides foreign firms to Ugandan partners.');
    expect((await head(`/organizations/${bare}`, 'fr')).descriptions[0]).toBe(
      'Agence sans texte, chambre de commerce (Sénégal) : services, secteurs, programmes de partenariat et cas, et comment demander une mise en relation.',
    );
    expect((await head(`/organizations/${bare}`, 'en')).descriptions[0]).toMatch(/^Agence sans texte, chamber of commerce \(Senegal\): /);
    expect((await head(`/cases/${kase}`, 'es')).descriptions[0]).toBe('A coffee cooperative finds a buyer: una asociación concluida con la ayuda de un intermediario, su resultado y sus lecciones.');
  });

  it('then a long description is cut at a word, under 160 characters, with an ellipsis', async () => {
    const text = 'Helps firms find partners abroad. '.repeat(10).trim();
    const long = await makeOrganization(t.ctx, { name: 'Verbose agency', country: 'UG', description: text });
    const [description = ''] = (await head(`/organizations/${long}`, 'en')).descriptions;
    expect(description.length).toBeLessThanOrEqual(160);
    expect(description.length).toBeGreaterThan(120);
    expect(description.endsWith('…')).toBe(true);
    const kept = description.slice(0, -1);
    expect(text.startsWith(kept)).toBe(true);
    expect([' ', '.']).toContain(text.charAt(kept.length));
  });

  it('then the embed names the search it copies as its canonical page', async () => {
    const page = await head('/embed?country=UG', 'fr');
    expect(page.descriptions).toHaveLength(1);
    expect(page.descriptions[0]).toMatch(/^Ouganda dans le Partnering Network : /);
    expect(page.canonical).toEqual([at('/search?country=UG', 'fr')]);
    expect(page.alternates).toEqual({ en: at('/search?country=UG', 'en'), fr: at('/search?country=UG', 'fr'), es: at('/search?country=UG', 'es'), 'x-default': at('/search?country=UG') });
  });

  it('then the page not found is described in its language and names no canonical address', async () => {
    const page = await head('/no-such-page', 'es', 404);
    expect(page.descriptions).toEqual(['No hay ninguna página en esta dirección. Busque en el directorio o vuelva a la página de inicio.']);
    expect(page.canonical).toEqual([]);
    expect(page.alternates).toEqual({});
  });
});

describe('When a search engine reads the sitemaps and robots.txt', () => {
  /** Each `<url>` of a sitemap: its address and its alternates by language. */
  async function sitemap(file: string) {
    const res = await request(t.app).get(`/network/sitemaps/${file}`).expect(200);
    const $ = cheerio.load(res.text, { xml: true });
    return $('url')
      .map((_, el) => ({
        loc: $(el).children('loc').text(),
        alternates: Object.fromEntries($(el).children('xhtml\\:link').map((_i, l) => [[$(l).attr('hreflang'), $(l).attr('href')]]).get() as Array<[string, string]>),
      }))
      .get() as Array<{ loc: string; alternates: Record<string, string> }>;
  }

  it('then every page is listed in English, French and Spanish, each naming the others and x-default as the page does', async () => {
    const pages = await sitemap('pages.xml');
    for (const path of ['/', '/countries/UG', '/search']) {
      const rows = pages.filter((u) => u.loc.startsWith(`${at(path)}?lang=`));
      expect(rows.map((r) => r.loc)).toEqual(languages.map((l) => at(path, l)));
      for (const row of rows) expect(row.alternates).toEqual({ en: at(path, 'en'), fr: at(path, 'fr'), es: at(path, 'es'), 'x-default': at(path) });
    }
    const organizations = await sitemap('organizations-1.xml');
    expect(organizations.filter((u) => u.loc.includes(org)).map((u) => u.loc)).toEqual(languages.map((l) => at(`/organizations/${org}`, l)));
    // What the sitemap names is what the page itself says its addresses are.
    const page = await head(`/organizations/${org}`, 'es');
    expect(organizations.find((u) => u.loc === page.canonical[0])?.alternates).toEqual(page.alternates);
  });

  it('then robots.txt lets the sign-in, sign-up and embed pages be indexed and still keeps accounts, the console and reset links out', async () => {
    const res = await request(t.app).get('/network/robots.txt').expect(200);
    const disallowed = res.text.split('\n').filter((l) => l.startsWith('Disallow:')).map((l) => l.slice('Disallow:'.length).trim());
    expect(disallowed).toEqual(['/network/account', '/network/console', '/network/reset-password']);
  });
});
