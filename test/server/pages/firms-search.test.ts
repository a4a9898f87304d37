import { firmsSite, jsonLdOf } from './firms-data';
import { choices, hrefOf, labelled, langOf, links, read, textIn, type Read } from './reader';

const site = firmsSite({ ugandans: 23 });

const get = (path: string, lang?: string) => site.get(path, lang);
const page = async (path: string, lang?: string) => read((await get(path, lang)).text);
/** A form control as the reader finds it by its label: what it is, what it sends, and where. */
const field = ($: Read, label: string) => {
  const control = labelled($, label);
  return { tag: control.prop('tagName')?.toLowerCase(), name: control.attr('name'), action: control.closest('form').attr('action') };
};
/** The bars of the chart of programmes by direction: where each leads, its label, length and number. */
const bars = ($: Read) =>
  $('figure.chart a')
    .map((_, a) => ({ href: $(a).attr('href'), label: $(a).children('span').first().text(), style: $(a).find('.bar').attr('style'), n: $(a).find('.n').text() }))
    .get();
/** The facet link of the results (the part the client swaps in place) that reads `label` and a count in brackets. */
const facet = ($: Read, label: string) => links($, '#results').find((l) => l.text.startsWith(`${label} (`) && /\(\d+\)$/.test(l.text));
/** The active filters' chips in the results: what each says and where its link goes once that filter is removed. */
const chips = ($: Read) => links($, '#results').filter((l) => l.text.endsWith('(remove this filter)') || l.text.endsWith('(retirer ce filtre)') || l.text.endsWith('(quitar este filtro)'));

describe('When a firm opens the home page', () => {
  it('then it finds a GET search form with labelled selects for the main filters', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    const $ = read(res.text);
    expect($('form.filters').attr('method')).toBe('get');
    for (const [name, label] of [['country', 'Country'], ['sector', 'Sector'], ['partnershipType', 'Partnership type'], ['kind', 'Kind of intermediary'], ['direction', 'Direction']]) {
      expect(field($, label!)).toEqual({ tag: 'select', name, action: '/search' });
    }
    // Only countries the directory names, so the page stays light.
    expect(choices($, 'country')).toContainEqual({ value: 'GH', text: 'Ghana', selected: false });
    expect(choices($, 'country').map((c) => c.value)).not.toContain('FR');
    expect(choices($, 'sector')).toContainEqual({ value: 'C', text: 'C Manufacturing', selected: false });
  });

  it('then it sees at least five intermediaries, the programmes, the map slot and programmes by direction with their numbers', async () => {
    const res = await get('/');
    const $ = read(res.text);
    expect(links($).filter((l) => /^\/organizations\/[0-9a-f-]{36}$/.test(l.href)).length).toBeGreaterThanOrEqual(5);
    expect(links($).map((l) => l.href)).toContain(`/programmes/${site.d.northSouth}`);
    expect($('#world-map').attr('data-type')).toBe('organization');
    expect($('#world-map').children().length).toBe(0);
    expect($('figure.chart').attr('aria-labelledby')).toBe('chart-caption');
    expect(textIn($, '#chart-caption h2')).toBe('Programmes by direction');
    expect(bars($)).toContainEqual({ href: '/search?direction=north-south', label: 'North-South', style: 'width:50%', n: '1' });
    expect(bars($)).toContainEqual({ href: '/search?direction=south-south', label: 'South-South', style: 'width:100%', n: '2' });
    expect(bars($).map((b) => b.href)).toContain('/search?direction=triangular');
    // The bars are drawn for the eye only: a screen reader reads each direction and its number.
    expect($('figure.chart .bar').length).toBeGreaterThan(0);
    expect($('figure.chart .bar:not([aria-hidden=true])').length).toBe(0);
    expect(jsonLdOf(res.text)).toMatchObject({ '@type': 'WebSite', potentialAction: { '@type': 'SearchAction' } });
  });

  it('then in French the labels, country names and directions are French', async () => {
    const $ = await page('/', 'fr');
    expect(langOf($)).toBe('fr');
    expect(field($, 'Type d’intermédiaire')).toEqual({ tag: 'select', name: 'kind', action: '/search' });
    expect(choices($, 'country')).toContainEqual({ value: 'DE', text: 'Allemagne', selected: false });
    expect(bars($).map((b) => b.label)).toContain('Nord-Sud');
    expect(textIn($, '#chart-caption h2')).toBe('Programmes par orientation');
  });
});

describe('When a firm searches with filters', () => {
  it('then it sees the counts in a status line, and facets whose links add a filter to those in use', async () => {
    const res = await get('/search?country=GH');
    expect(res.status).toBe(200);
    const $ = read(res.text);
    expect(textIn($, '#results h1')).toBe('All entries');
    expect(textIn($, '#results [role=status]')).toBe('Found 2 intermediaries and 4 programmes.');
    expect(textIn($, '#organizations-heading')).toBe('Intermediaries (2)');
    const names = links($, '#results').map((l) => l.text);
    expect(names).toContain('Ghana Investment Promotion Centre');
    expect(names).not.toContain('Kenya Investment Authority');
    // Kind: one entrepreneurship centre (an organization) in Ghana.
    expect(facet($, 'Entrepreneurship centre')).toEqual({ text: 'Entrepreneurship centre (1)', href: '/search?country=GH&kind=entrepreneurship-centre' });
    // Directions count the programmes (and the organizations operating them): north-south is one programme.
    expect(facet($, 'North-South')?.href).toBe('/search?country=GH&direction=north-south');
    // The active filter, with a link that removes it; the × is hidden from screen readers, which hear what it does.
    expect(chips($)).toEqual([{ text: 'Ghana × (remove this filter)', href: '/search' }]);
    expect($('#results a.chip [aria-hidden=true]').text()).toBe('×');
    expect($('#results a.chip .visually-hidden').text()).toBe(' (remove this filter)');
    expect(jsonLdOf(res.text)).toMatchObject({ '@type': 'SearchResultsPage', mainEntity: { numberOfItems: 6 } });
  });

  it('then following a facet narrows the results and keeps the earlier filter', async () => {
    const $ = await page('/search?country=GH&kind=entrepreneurship-centre');
    const names = links($, '#results').map((l) => l.text);
    expect(names).toContain('Empretec Ghana Foundation');
    expect(names).not.toContain('Ghana Investment Promotion Centre');
    expect(chips($)).toEqual([
      { text: 'Ghana × (remove this filter)', href: '/search?kind=entrepreneurship-centre' },
      { text: 'Entrepreneurship centre × (remove this filter)', href: '/search?country=GH' },
    ]);
    // The folded form shows the filters chosen.
    expect(choices($, 'country')).toContainEqual({ value: 'GH', text: 'Ghana', selected: true });
    expect(choices($, 'country')).toContainEqual({ value: 'KE', text: 'Kenya', selected: false });
    expect(choices($, 'kind')).toContainEqual({ value: 'entrepreneurship-centre', text: 'Entrepreneurship centre', selected: true });
  });

  it('then words go in the form and the header, and match names', async () => {
    const $ = await page('/search?q=kenya');
    expect(textIn($, '#results h1')).toBe('Results for “kenya”');
    expect(links($, '#results').map((l) => l.text)).toContain('Kenya Investment Authority');
    expect($('#f-q').attr('type')).toBe('text');
    expect($('#f-q').attr('name')).toBe('q');
    expect($('#f-q').val()).toBe('kenya');
    // Every other form that carries the words (the header's search) carries them too.
    expect($('input[name=q]').length).toBeGreaterThan(1);
    expect($('input[name=q]').map((_, el) => $(el).val()).get()).toEqual(Array($('input[name=q]').length).fill('kenya'));
  });

  it('then paging keeps the filters, and a first-page link comes back', async () => {
    const first = await page('/search?country=UG&kind=business-association');
    const names = ($: Read) => links($, '#results').map((l) => l.text);
    expect(textIn(first, '#organizations-heading')).toBe('Intermediaries (23)');
    expect(names(first)).toContain('Uganda Agency 20');
    expect(names(first)).not.toContain('Uganda Agency 21');
    const next = links(first).find((l) => l.href.includes('cursor='))?.href;
    expect(next).toMatch(/^\/search\?country=UG&kind=business-association&cursor=/);
    const second = await get(next ?? '');
    expect(second.status).toBe(200);
    const $ = read(second.text);
    expect(names($)).toContain('Uganda Agency 21');
    expect(names($)).toContain('Uganda Agency 23');
    expect(names($)).not.toContain('Uganda Agency 20');
    expect(hrefOf($, 'First page')).toBe('/search?country=UG&kind=business-association');
  });

  it('then a filter the directory does not know gives a 400 page with the problem next to the field and the values kept', async () => {
    const res = await get('/search?country=ZZ&q=cocoa');
    expect(res.status).toBe(400);
    const $ = read(res.text);
    expect(textIn($, 'h1')).toBe('This search could not be run');
    expect(hrefOf($, 'Country: Choose one of the values in the list.')).toBe('#f-country');
    const country = labelled($, 'Country');
    expect(country.attr('id')).toBe('f-country');
    expect(country.attr('aria-invalid')).toBe('true');
    expect(textIn($, `#${country.attr('aria-describedby')}`)).toBe('Choose one of the values in the list.');
    expect(choices($, 'country')).toContainEqual({ value: 'ZZ', text: 'ZZ', selected: true });
    expect($('#f-q').val()).toBe('cocoa');
  });

  it('then a page link that was tampered with gives a 400 page, in the reader’s language', async () => {
    const res = await get('/search?country=GH&cursor=abc', 'es');
    expect(res.status).toBe(400);
    const $ = read(res.text);
    expect(langOf($)).toBe('es');
    expect(textIn($, '[role=alert]')).toBe('Este enlace de página caducó o fue modificado. Vuelva a la primera página.');
    expect(links($).map((l) => l.href)).not.toContain('#f-cursor');
    expect(choices($, 'country')).toContainEqual({ value: 'GH', text: 'Ghana', selected: true });
    expect(choices($, 'country')).toContainEqual({ value: 'KE', text: 'Kenya', selected: false });
  });

  it.each([
    ['en', 'Found 1 intermediary and no programmes.'],
    ['fr', 'Résultats\u00a0: 1 intermédiaire et aucun programme.'],
    ['es', 'Resultados: 1 intermediario y ningún programa.'],
  ])('then with one intermediary and no programme the status line in %s says so in the singular', async (lang, status) => {
    expect(textIn(await page('/search?kind=entrepreneurship-centre', lang), '#results [role=status]')).toBe(status);
  });

  it('then with one of each, and with nothing, the status line agrees with the numbers', async () => {
    const status = async (path: string, lang?: string) => textIn(await page(path, lang), '#results [role=status]');
    expect(await status('/search?country=KE')).toBe('Found 1 intermediary and 1 programme.');
    expect(await status('/search?country=KE', 'fr')).toBe('Résultats\u00a0: 1 intermédiaire et 1 programme.');
    expect(await status('/search?q=nothingatall')).toBe('Found no intermediaries and no programmes.');
  });

  it('then the folded form sent with its “Any” choices searches everything', async () => {
    const res = await get('/search?q=&country=&region=&sector=&kind=&partnershipType=&direction=&service=&network=&ldc=');
    expect(res.status).toBe(200);
    expect(textIn(read(res.text), 'h1')).toBe('All entries');
  });

  it('then parameters pages do not use (trackers, limit) are ignored rather than refused', async () => {
    const res = await get('/search?country=GH&utm_source=newsletter&limit=1');
    expect(res.status).toBe(200);
    expect(textIn(read(res.text), '#organizations-heading')).toBe('Intermediaries (2)');
  });

  it('then in Spanish the facets name kinds, countries and regions in Spanish', async () => {
    const $ = await page('/search?country=GH', 'es');
    expect(textIn($, '#results [role=status]')).toBe('Resultados: 2 intermediarios y 4 programas.');
    expect(facet($, 'Centro de emprendimiento')?.text).toBe('Centro de emprendimiento (1)');
    expect(facet($, 'África')).toBeDefined();
    expect(textIn($, '#results')).toContain('Afinar los resultados');
  });
});
