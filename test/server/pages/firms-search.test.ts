import { firmsSite, jsonLdOf } from './firms-data';

const site = firmsSite({ ugandans: 23 });

const get = (path: string, lang?: string) => site.get(path, lang);
/** The text of the #results wrapper the client swaps in place. */
const results = (page: string) => /<div id="results">([\s\S]*)<\/main>/.exec(page)?.[1] ?? '';
const hrefs = (page: string) => [...page.matchAll(/href="([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));

describe('When a firm opens the home page', () => {
  it('then it finds a GET search form with labelled selects for the main filters', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<form method="get" action="\/search" class="filters"/);
    for (const [name, label] of [['country', 'Country'], ['sector', 'Sector'], ['partnershipType', 'Partnership type'], ['kind', 'Kind of intermediary'], ['direction', 'Direction']]) {
      expect(res.text).toContain(`<label for="f-${name}">${label}</label>`);
      expect(res.text).toContain(`<select id="f-${name}" name="${name}">`);
    }
    // Only countries the directory names, so the page stays light.
    expect(res.text).toContain('<option value="GH">Ghana</option>');
    expect(res.text).not.toContain('<option value="FR">');
    expect(res.text).toContain('<option value="C">C Manufacturing</option>');
  });

  it('then it sees at least five intermediaries, the programmes, the map slot and programmes by direction with their numbers', async () => {
    const res = await get('/');
    expect(res.text.match(/href="\/organizations\/[0-9a-f-]{36}"/g)?.length).toBeGreaterThanOrEqual(5);
    expect(res.text).toContain(`href="/programmes/${site.d.northSouth}"`);
    expect(res.text).toContain('<div id="world-map" data-type="organization"></div>');
    expect(res.text).toMatch(/<figure class="chart" aria-labelledby="chart-caption"><figcaption id="chart-caption"><h2>Programmes by direction<\/h2>/);
    expect(res.text).toMatch(/<a class="bar-row" href="\/search\?direction=north-south"><span>North-South<\/span><span class="bar" style="width:50%" aria-hidden="true"><\/span><span class="n">1<\/span><\/a>/);
    expect(res.text).toMatch(/<a class="bar-row" href="\/search\?direction=south-south"><span>South-South<\/span><span class="bar" style="width:100%" aria-hidden="true"><\/span><span class="n">2<\/span><\/a>/);
    expect(res.text).toContain('<a class="bar-row" href="/search?direction=triangular">');
    expect(jsonLdOf(res.text)).toMatchObject({ '@type': 'WebSite', potentialAction: { '@type': 'SearchAction' } });
  });

  it('then in French the labels, country names and directions are French', async () => {
    const res = await get('/', 'fr');
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('<label for="f-kind">Type d’intermédiaire</label>');
    expect(res.text).toContain('<option value="DE">Allemagne</option>');
    expect(res.text).toContain('<span>Nord-Sud</span>');
    expect(res.text).toContain('Programmes par orientation');
  });
});

describe('When a firm searches with filters', () => {
  it('then it sees the counts in a status line, and facets whose links add a filter to those in use', async () => {
    const res = await get('/search?country=GH');
    expect(res.status).toBe(200);
    const inResults = results(res.text);
    expect(inResults).toContain('<h1>All entries</h1>');
    expect(inResults).toContain('<p role="status">Found 2 intermediaries and 4 programmes.</p>');
    expect(inResults).toContain('Intermediaries (2)');
    expect(inResults).toContain('Ghana Investment Promotion Centre');
    expect(inResults).not.toContain('Kenya Investment Authority');
    // Kind: one entrepreneurship centre (an organization) in Ghana.
    expect(inResults).toContain('<a href="/search?country=GH&amp;kind=entrepreneurship-centre">Entrepreneurship centre <span class="meta">(1)</span></a>');
    // Directions count the programmes (and the organizations operating them): north-south is one programme.
    expect(inResults).toMatch(/<a href="\/search\?country=GH&amp;direction=north-south">North-South <span class="meta">\(\d+\)<\/span><\/a>/);
    // The active filter, with a link that removes it.
    expect(inResults).toMatch(/<a href="\/search" class="chip">Ghana <span aria-hidden="true">×<\/span><span class="visually-hidden"> \(remove this filter\)<\/span><\/a>/);
    expect(jsonLdOf(res.text)).toMatchObject({ '@type': 'SearchResultsPage', mainEntity: { numberOfItems: 6 } });
  });

  it('then following a facet narrows the results and keeps the earlier filter', async () => {
    const res = await get('/search?country=GH&kind=entrepreneurship-centre');
    const inResults = results(res.text);
    expect(inResults).toContain('Empretec Ghana Foundation');
    expect(inResults).not.toContain('Ghana Investment Promotion Centre');
    expect(inResults).toContain('<a href="/search?kind=entrepreneurship-centre" class="chip">Ghana');
    expect(inResults).toContain('<a href="/search?country=GH" class="chip">Entrepreneurship centre');
    // The folded form shows the filters chosen.
    expect(res.text).toContain('<option value="GH" selected>Ghana</option>');
    expect(res.text).toContain('<option value="KE">Kenya</option>');
    expect(res.text).toContain('<option value="entrepreneurship-centre" selected>Entrepreneurship centre</option>');
  });

  it('then words go in the form and the header, and match names', async () => {
    const res = await get('/search?q=kenya');
    expect(results(res.text)).toContain('<h1>Results for “kenya”</h1>');
    expect(results(res.text)).toContain('Kenya Investment Authority');
    expect(res.text).toContain('id="f-q" name="q" type="text" value="kenya"');
    expect(res.text).toContain('name="q" value="kenya"');
  });

  it('then paging keeps the filters, and a first-page link comes back', async () => {
    const first = await get('/search?country=UG&kind=business-association');
    expect(results(first.text)).toContain('Intermediaries (23)');
    expect(first.text).toContain('Uganda Agency 20');
    expect(first.text).not.toContain('Uganda Agency 21');
    const next = hrefs(first.text).find((h) => h.includes('cursor='));
    expect(next).toMatch(/^\/search\?country=UG&kind=business-association&cursor=/);
    const second = await get(next ?? '');
    expect(second.status).toBe(200);
    expect(second.text).toContain('Uganda Agency 21');
    expect(second.text).toContain('Uganda Agency 23');
    expect(second.text).not.toContain('Uganda Agency 20');
    expect(second.text).toContain('<a href="/search?country=UG&amp;kind=business-association">First page</a>');
  });

  it('then a filter the directory does not know gives a 400 page with the problem next to the field and the values kept', async () => {
    const res = await get('/search?country=ZZ&q=cocoa');
    expect(res.status).toBe(400);
    expect(res.text).toContain('<h1>This search could not be run</h1>');
    expect(res.text).toContain('<a href="#f-country">Country: Choose one of the values in the list.</a>');
    expect(res.text).toContain('<select id="f-country" name="country" aria-describedby="f-country-error" aria-invalid="true">');
    expect(res.text).toContain('<span class="field-error" id="f-country-error">Choose one of the values in the list.</span>');
    expect(res.text).toContain('<option value="ZZ" selected>ZZ</option>');
    expect(res.text).toContain('value="cocoa"');
  });

  it('then a page link that was tampered with gives a 400 page, in the reader’s language', async () => {
    const res = await get('/search?country=GH&cursor=abc', 'es');
    expect(res.status).toBe(400);
    expect(res.text).toContain('<html lang="es">');
    expect(res.text).toContain('<p role="alert">Este enlace de página caducó o fue modificado. Vuelva a la primera página.</p>');
    expect(res.text).not.toContain('#f-cursor');
    expect(res.text).toContain('<option value="GH" selected>Ghana</option>');
    expect(res.text).toContain('<option value="KE">Kenya</option>');
  });

  it.each([
    ['en', 'Found 1 intermediary and no programmes.'],
    ['fr', 'Résultats\u00a0: 1 intermédiaire et aucun programme.'],
    ['es', 'Resultados: 1 intermediario y ningún programa.'],
  ])('then with one intermediary and no programme the status line in %s says so in the singular', async (lang, status) => {
    const res = await get('/search?kind=entrepreneurship-centre', lang);
    expect(results(res.text)).toContain(`<p role="status">${status}</p>`);
  });

  it('then with one of each, and with nothing, the status line agrees with the numbers', async () => {
    expect(results((await get('/search?country=KE')).text)).toContain('<p role="status">Found 1 intermediary and 1 programme.</p>');
    expect(results((await get('/search?country=KE', 'fr')).text)).toContain('<p role="status">Résultats\u00a0: 1 intermédiaire et 1 programme.</p>');
    expect(results((await get('/search?q=nothingatall')).text)).toContain('<p role="status">Found no intermediaries and no programmes.</p>');
  });

  it('then the folded form sent with its “Any” choices searches everything', async () => {
    const res = await get('/search?q=&country=&region=&sector=&kind=&partnershipType=&direction=&service=&network=&ldc=');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>All entries</h1>');
  });

  it('then parameters pages do not use (trackers, limit) are ignored rather than refused', async () => {
    const res = await get('/search?country=GH&utm_source=newsletter&limit=1');
    expect(res.status).toBe(200);
    expect(results(res.text)).toContain('Intermediaries (2)');
  });

  it('then in Spanish the facets name kinds, countries and regions in Spanish', async () => {
    const res = await get('/search?country=GH', 'es');
    const inResults = results(res.text);
    expect(inResults).toContain('<p role="status">Resultados: 2 intermediarios y 4 programas.</p>');
    expect(inResults).toContain('Centro de emprendimiento <span class="meta">(1)</span>');
    expect(inResults).toContain('África');
    expect(inResults).toContain('Afinar los resultados');
  });
});
