import { signedIn } from '../../support';
import { firmsSite, jsonLdOf, SCRIPT } from './firms-data';
import { definition, hrefOf, links, read, textIn, type Read } from './reader';

const site = firmsSite();

const get = (path: string, lang?: string) => site.get(path, lang);
/** The links inside the definition of `term`. */
const linksOf = ($: Read, term: string) =>
  $('dt')
    .filter((_, dt) => $(dt).text().trim() === term)
    .first()
    .next('dd')
    .find('a[href]')
    .map((_, a) => ({ text: $(a).text(), href: $(a).attr('href') ?? '' }))
    .get();
/** Where the page links, from anywhere: an edit or claim link is looked for by where it goes. */
const hrefsOn = ($: Read) => links($).map((l) => l.href);

describe('When a firm opens an organization page', () => {
  it('then it reads the organization with its country linked, its programmes and cases, and JSON-LD', async () => {
    const res = await get(`/organizations/${site.d.gipc}`);
    expect(res.status).toBe(200);
    const $ = read(res.text);
    expect(textIn($, 'h1')).toBe('Ghana Investment Promotion Centre (GIPC)');
    expect(linksOf($, 'Country')).toEqual([{ text: 'Ghana', href: '/countries/GH' }]);
    expect(definition($, 'Address')).toBe('1 Rangoon Close, Accra');
    expect(definition($, 'Languages')).toBe('English, French');
    expect(hrefOf($, 'Ghana–Côte d’Ivoire Supplier Links', 'main')).toBe(`/programmes/${site.d.southSouth}`);
    expect(hrefOf($, 'Cocoa processors meet Ivorian buyers', 'main')).toBe(`/cases/${site.d.caseId}`);
    expect(jsonLdOf(res.text)).toMatchObject({
      '@type': 'Organization',
      name: 'Ghana Investment Promotion Centre',
      alternateName: 'GIPC',
      address: { '@type': 'PostalAddress', addressCountry: 'GH', addressLocality: 'Accra', streetAddress: '1 Rangoon Close' },
      areaServed: [{ '@type': 'Country', identifier: 'GH' }, { '@type': 'Country', name: "Côte d'Ivoire", identifier: 'CI' }],
      knowsLanguage: ['en', 'fr'],
    });
  });

  it('then an organization added here (no feed) offers no claim, and no edit link to a reader', async () => {
    const hrefs = hrefsOn(read((await get(`/organizations/${site.d.gipc}`)).text));
    expect(hrefs.filter((h) => h.endsWith('/claim') || h.endsWith('/edit'))).toEqual([]);
  });

  it('then its editors and staff see an edit link, and an editor of another organization does not', async () => {
    const editor = await signedIn(site.t, ['agency-editor'], [site.d.gipc]);
    expect(hrefOf(read((await editor.agent.get(`/organizations/${site.d.gipc}`)).text), 'Edit this entry')).toBe(`/account/organizations/${site.d.gipc}/edit`);
    const other = await signedIn(site.t, ['agency-editor'], [site.d.kenya]);
    expect(hrefsOn(read((await other.agent.get(`/organizations/${site.d.gipc}`)).text)).filter((h) => h.endsWith('/edit'))).toEqual([]);
    const operator = await signedIn(site.t, ['operator']);
    expect(hrefOf(read((await operator.agent.get(`/organizations/${site.d.gipc}`)).text), 'Edit this entry')).toBe(`/account/organizations/${site.d.gipc}/edit`);
  });

  it('then in French the labels and the country are French', async () => {
    const $ = read((await get(`/organizations/${site.d.giz}`, 'fr')).text);
    expect(linksOf($, 'Pays')).toEqual([{ text: 'Allemagne', href: '/countries/DE' }]);
    expect(textIn($, 'main')).toContain('Agence de développement');
  });
});

describe('When a firm opens a programme page', () => {
  it('then the operators are named and linked, countries link to their pages, and JSON-LD is a Service with its provider', async () => {
    const res = await get(`/programmes/${site.d.triangular}`);
    expect(res.status).toBe(200);
    const $ = read(res.text);
    expect(linksOf($, 'Operators')).toEqual([{ text: 'Kenya Investment Authority', href: `/organizations/${site.d.kenya}` }]);
    expect(definition($, 'Direction')).toBe('Triangular');
    expect(linksOf($, 'From')).toEqual([{ text: 'Kenya', href: '/countries/KE' }]);
    expect(linksOf($, 'Funders')).toEqual([{ text: 'Germany', href: '/countries/DE' }]);
    expect(jsonLdOf(res.text)).toMatchObject({
      '@type': 'Service',
      name: 'Kenya–Ghana Technology Bridge',
      provider: [{ '@type': 'Organization', name: 'Kenya Investment Authority' }],
      areaServed: [{ '@type': 'Country', identifier: 'GH' }],
    });
  });

  it('then in Spanish the direction and countries are Spanish', async () => {
    const $ = read((await get(`/programmes/${site.d.northSouth}`, 'es')).text);
    expect($('dd').map((_, dd) => $(dd).text()).get()).toContain('Norte-Sur');
    expect(hrefOf($, 'Alemania', 'main')).toBe('/countries/DE');
  });
});

describe('When a firm opens a case page', () => {
  it('then it reads the case with its programme and intermediaries by name, and JSON-LD is an Article', async () => {
    const res = await get(`/cases/${site.d.caseId}`);
    expect(res.status).toBe(200);
    const $ = read(res.text);
    expect(linksOf($, 'Programme')).toEqual([{ text: 'Ghana–Côte d’Ivoire Supplier Links', href: `/programmes/${site.d.southSouth}` }]);
    expect(hrefOf($, 'Ghana Investment Promotion Centre', 'main')).toBe(`/organizations/${site.d.gipc}`);
    expect(definition($, 'Partners')).toBe('Accra Cocoa Ltd (Ghana)');
    expect(jsonLdOf(res.text)).toMatchObject({ '@type': 'Article', headline: 'Cocoa processors meet Ivorian buyers', about: { name: 'Ghana–Côte d’Ivoire Supplier Links' } });
  });
});

describe('When an entry does not exist', () => {
  it.each(['/organizations/00000000-0000-4000-8000-000000000000', '/programmes/00000000-0000-4000-8000-000000000000', '/cases/not-an-id', '/organizations/123'])(
    'then %s is the 404 page in the reader’s language',
    async (path) => {
      const res = await get(path, 'fr');
      expect(res.status).toBe(404);
      expect(res.type).toBe('text/html');
      expect(textIn(read(res.text), 'h1')).toBe('Page introuvable');
    },
  );
});

describe('When names and descriptions carry script', () => {
  const pages = () => [
    '/',
    '/search',
    '/search?country=TG',
    `/organizations/${site.d.hostile.organization}`,
    `/programmes/${site.d.hostile.programme}`,
    `/cases/${site.d.hostile.caseId}`,
    '/countries/TG',
    '/countries/GH',
    '/embed?country=TG',
  ];

  it('then every page shows them as text, and JSON-LD stays parseable and closed', async () => {
    for (const path of pages()) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 200]);
      const $ = read(res.text);
      // The site's own scripts: its JSON-LD, and the browser client's module and config block (both
      // in every page's shell since the client was merged). Any other script, or any element with a
      // handler, came from the data: a parser finds it however the page spells it.
      const scripts = $('script')
        .toArray()
        .map((el) => $(el).attr('type') ?? '')
        .map((type) => (type === 'application/ld+json' || type === 'application/json' || type === 'module' ? 'the site’s' : type || 'untyped'));
      expect([path, $('script[type=module]').toArray().every((el) => /^\/assets\/main-[\w-]+\.js$/.test($(el).attr('src') ?? ''))]).toEqual([path, true]);
      expect([path, scripts.filter((kind) => kind !== 'the site’s')]).toEqual([path, []]);
      expect([path, $('[onerror], img[src=x]').length]).toEqual([path, 0]);
      // The names read as the text they are.
      expect(textIn($, 'body')).toMatch(new RegExp(`Togo (Agency|Links|case) ${SCRIPT.replace(/[()/]/g, '\\$&')}`));
      // A JSON-LD block is raw text inside a script: a `</` in it would end the script early.
      const ld = $('script[type="application/ld+json"]').text();
      expect(ld).not.toContain('</');
      expect(() => jsonLdOf(res.text)).not.toThrow();
    }
  });
});
