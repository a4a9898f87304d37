/** /cases: the public cases browsed by partnership type, sector, country and direction, with facet counts, in Spanish. */
import request from 'supertest';
import { makeCase, makeProgramme } from '../../factories';
import { testApp, type TestApp } from '../../support';
import { choices, hrefOf, langOf, links, read, textIn } from './reader';

let t: TestApp;
let southSouth: string;
beforeAll(async () => {
  t = await testApp();
  const ss = await makeProgramme(t.ctx, { name: 'Brazil Kenya Link', originCountries: ['BR'], targetCountries: ['KE'] });
  const ns = await makeProgramme(t.ctx, { name: 'Germany Kenya Link', originCountries: ['DE'], targetCountries: ['KE'] });
  southSouth = await makeCase(t.ctx, { title: 'Coffee joint venture', countries: ['BR', 'KE'], partnershipType: 'joint-venture', sectors: ['A'], programmeId: ss, year: 2023, summary: 'Roasting in Nairobi.' });
  await makeCase(t.ctx, { title: 'Tea joint venture', countries: ['KE'], partnershipType: 'joint-venture', sectors: ['A'], programmeId: ns });
  await makeCase(t.ctx, { title: 'Textile subcontracting', countries: ['SN'], partnershipType: 'subcontracting', sectors: ['C'] });
  await makeCase(t.ctx, { title: 'Draft case', countries: ['KE'], partnershipType: 'joint-venture', state: 'draft' });
});
afterAll(() => t.close());

describe('When a Spanish reader opens /cases', () => {
  it('then every public case is listed with a link, facets count them per value, and the JSON-LD is an ItemList', async () => {
    const res = await request(t.app).get('/cases?lang=es').expect(200);
    const $ = read(res.text);
    expect(langOf($)).toBe('es');
    expect(textIn($, 'h1')).toBe('Casos de buenas prácticas');
    expect(textIn($, '[role=status]')).toBe('3 casos');
    expect(hrefOf($, 'Coffee joint venture', 'main')).toBe(`/cases/${southSouth}`);
    expect(textIn($, 'body')).not.toContain('Draft case');
    const facets = links($, 'main');
    expect(facets).toContainEqual({ text: 'Empresa conjunta (2)', href: '/cases?partnershipType=joint-venture' });
    expect(facets).toContainEqual({ text: 'Kenya (2)', href: '/cases?country=KE' });
    expect(facets).toContainEqual({ text: 'Sur-Sur (1)', href: '/cases?direction=south-south' });
    expect(facets).toContainEqual({ text: 'Norte-Sur (1)', href: '/cases?direction=north-south' });
    expect(facets).toContainEqual({ text: expect.stringMatching(/^A .+ \(2\)$/), href: '/cases?sector=A' });
    const ld = JSON.parse($('script[type="application/ld+json"]').text() || '{}');
    expect(ld).toMatchObject({ '@type': 'ItemList', numberOfItems: 3, inLanguage: 'es' });
    expect(ld.itemListElement).toHaveLength(3);
    expect(ld.itemListElement[0]).toMatchObject({ '@type': 'ListItem', position: 1 });
  });

  it('then the filters narrow the list, facets count within it, and each active filter can be removed', async () => {
    const $ = read((await request(t.app).get('/cases?lang=es&partnershipType=joint-venture&direction=south-south').expect(200)).text);
    expect(textIn($, '[role=status]')).toBe('1 caso');
    const titles = links($, 'main').map((l) => l.text);
    expect(titles).toContain('Coffee joint venture');
    expect(titles).not.toContain('Tea joint venture');
    expect(links($, 'main')).toContainEqual({ text: 'Brasil (1)', href: '/cases?country=BR&partnershipType=joint-venture&direction=south-south' });
    expect(links($, 'main').filter((l) => l.text.startsWith('Sur-Sur') && l.href === '/cases?partnershipType=joint-venture')).toHaveLength(1);
    expect($('a.chip').map((_, a) => $(a).attr('href')).get()).toContain('/cases?partnershipType=joint-venture');
    expect(choices($, 'direction')).toContainEqual({ value: 'south-south', text: 'Sur-Sur', selected: true });

    const sector = read((await request(t.app).get('/cases?sector=C&country=SN').expect(200)).text);
    expect(textIn(sector, '[role=status]')).toBe('1 case');
    expect(links(sector, 'main').map((l) => l.text)).toContain('Textile subcontracting');
  });

  it('then an unknown filter value is a 400 page naming the field, and no match says so', async () => {
    const bad = await request(t.app).get('/cases?lang=es&direction=sideways').expect(400);
    const $ = read(bad.text);
    expect(textIn($, 'h1')).toBe('Estos filtros no se pueden usar');
    expect(hrefOf($, 'Orientación: Elija un valor de la lista.')).toBe('#f-direction');
    const none = await request(t.app).get('/cases?lang=es&country=FR').expect(200);
    expect(textIn(read(none.text), 'main')).toContain('Ningún caso coincide con estos filtros.');
  });
});
