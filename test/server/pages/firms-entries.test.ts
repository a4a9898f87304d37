import { signedIn } from '../../support';
import { firmsSite, jsonLdOf, ONERROR, SCRIPT } from './firms-data';

const site = firmsSite();

const get = (path: string, lang?: string) => site.get(path, lang);

describe('When a firm opens an organization page', () => {
  it('then it reads the organization with its country linked, its programmes and cases, and JSON-LD', async () => {
    const res = await get(`/organizations/${site.d.gipc}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Ghana Investment Promotion Centre (GIPC)</h1>');
    expect(res.text).toContain('<dt>Country</dt><dd><a href="/countries/GH">Ghana</a></dd>');
    expect(res.text).toContain('<dt>Address</dt><dd>1 Rangoon Close, Accra</dd>');
    expect(res.text).toContain('<dt>Languages</dt><dd>English, French</dd>');
    expect(res.text).toContain(`<a href="/programmes/${site.d.southSouth}">Ghana–Côte d’Ivoire Supplier Links</a>`);
    expect(res.text).toContain(`<a href="/cases/${site.d.caseId}">Cocoa processors meet Ivorian buyers</a>`);
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
    const res = await get(`/organizations/${site.d.gipc}`);
    expect(res.text).not.toContain('/claim"');
    expect(res.text).not.toContain('/edit"');
  });

  it('then its editors and staff see an edit link, and an editor of another organization does not', async () => {
    const editor = await signedIn(site.t, ['agency-editor'], [site.d.gipc]);
    expect((await editor.agent.get(`/organizations/${site.d.gipc}`)).text).toContain(`<a href="/account/organizations/${site.d.gipc}/edit">Edit this entry</a>`);
    const other = await signedIn(site.t, ['agency-editor'], [site.d.kenya]);
    expect((await other.agent.get(`/organizations/${site.d.gipc}`)).text).not.toContain('/edit"');
    const operator = await signedIn(site.t, ['operator']);
    expect((await operator.agent.get(`/organizations/${site.d.gipc}`)).text).toContain(`/account/organizations/${site.d.gipc}/edit`);
  });

  it('then in French the labels and the country are French', async () => {
    const res = await get(`/organizations/${site.d.giz}`, 'fr');
    expect(res.text).toContain('<dt>Pays</dt><dd><a href="/countries/DE">Allemagne</a></dd>');
    expect(res.text).toContain('Agence de développement');
  });
});

describe('When a firm opens a programme page', () => {
  it('then the operators are named and linked, countries link to their pages, and JSON-LD is a Service with its provider', async () => {
    const res = await get(`/programmes/${site.d.triangular}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<dt>Operators</dt><dd><a href="/organizations/${site.d.kenya}">Kenya Investment Authority</a></dd>`);
    expect(res.text).toContain('<dt>Direction</dt><dd>Triangular</dd>');
    expect(res.text).toContain('<dt>From</dt><dd><a href="/countries/KE">Kenya</a></dd>');
    expect(res.text).toContain('<dt>Funders</dt><dd><a href="/countries/DE">Germany</a></dd>');
    expect(jsonLdOf(res.text)).toMatchObject({
      '@type': 'Service',
      name: 'Kenya–Ghana Technology Bridge',
      provider: [{ '@type': 'Organization', name: 'Kenya Investment Authority' }],
      areaServed: [{ '@type': 'Country', identifier: 'GH' }],
    });
  });

  it('then in Spanish the direction and countries are Spanish', async () => {
    const res = await get(`/programmes/${site.d.northSouth}`, 'es');
    expect(res.text).toContain('<dd>Norte-Sur</dd>');
    expect(res.text).toContain('<a href="/countries/DE">Alemania</a>');
  });
});

describe('When a firm opens a case page', () => {
  it('then it reads the case with its programme and intermediaries by name, and JSON-LD is an Article', async () => {
    const res = await get(`/cases/${site.d.caseId}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`<dt>Programme</dt><dd><a href="/programmes/${site.d.southSouth}">Ghana–Côte d’Ivoire Supplier Links</a></dd>`);
    expect(res.text).toContain(`<a href="/organizations/${site.d.gipc}">Ghana Investment Promotion Centre</a>`);
    expect(res.text).toContain('<dt>Partners</dt><dd>Accra Cocoa Ltd (Ghana)</dd>');
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
      expect(res.text).toContain('<h1>Page introuvable</h1>');
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
      // The site's own scripts: its JSON-LD, and the browser client's module and config block (both
      // in every page's shell since the client was merged). Any other <script> came from the data.
      const body = res.text
        .replace(/<script type="application\/ld\+json">.*?<\/script>/s, '')
        .replace(/<script type="application\/json" id="client-config">.*?<\/script>/s, '')
        .replace(/<script type="module" src="\/assets\/main-[\w-]+\.js"><\/script>/, '');
      expect([path, body.includes(SCRIPT) || body.includes(ONERROR) || /<script/.test(body)]).toEqual([path, false]);
      expect(body).toMatch(/Togo (Agency|Links|case) &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(res.text)?.[1] ?? '';
      expect(ld).not.toContain('</');
      expect(() => jsonLdOf(res.text)).not.toThrow();
    }
  });
});
