/** /cases: the public cases browsed by partnership type, sector, country and direction, with facet counts, in Spanish. */
import request from 'supertest';
import { makeCase, makeProgramme } from '../../factories';
import { testApp, type TestApp } from '../../support';

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
    expect(res.text).toContain('<html lang="es"');
    expect(res.text).toContain('<h1>Casos de buenas prácticas</h1>');
    expect(res.text).toContain('<p role="status">3 casos</p>');
    expect(res.text).toContain(`<a href="/cases/${southSouth}">Coffee joint venture</a>`);
    expect(res.text).not.toContain('Draft case');
    expect(res.text).toContain('<a href="/cases?partnershipType=joint-venture">Empresa conjunta <span class="meta">(2)</span></a>');
    expect(res.text).toContain('<a href="/cases?country=KE">Kenya <span class="meta">(2)</span></a>');
    expect(res.text).toContain('<a href="/cases?direction=south-south">Sur-Sur <span class="meta">(1)</span></a>');
    expect(res.text).toContain('<a href="/cases?direction=north-south">Norte-Sur <span class="meta">(1)</span></a>');
    expect(res.text).toMatch(/<a href="\/cases\?sector=A">A [^<]+ <span class="meta">\(2\)<\/span><\/a>/);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(res.text)?.[1] ?? '{}');
    expect(ld).toMatchObject({ '@type': 'ItemList', numberOfItems: 3, inLanguage: 'es' });
    expect(ld.itemListElement).toHaveLength(3);
    expect(ld.itemListElement[0]).toMatchObject({ '@type': 'ListItem', position: 1 });
  });

  it('then the filters narrow the list, facets count within it, and each active filter can be removed', async () => {
    const res = await request(t.app).get('/cases?lang=es&partnershipType=joint-venture&direction=south-south').expect(200);
    expect(res.text).toContain('<p role="status">1 caso</p>');
    expect(res.text).toContain('Coffee joint venture');
    expect(res.text).not.toContain('Tea joint venture');
    expect(res.text).toContain('<a href="/cases?country=BR&amp;partnershipType=joint-venture&amp;direction=south-south">Brasil <span class="meta">(1)</span></a>');
    expect(res.text).toContain('<a href="/cases?partnershipType=joint-venture" class="chip">Sur-Sur');
    expect(res.text).toContain('<option value="south-south" selected>Sur-Sur</option>');

    const sector = await request(t.app).get('/cases?sector=C&country=SN').expect(200);
    expect(sector.text).toContain('<p role="status">1 case</p>');
    expect(sector.text).toContain('Textile subcontracting');
  });

  it('then an unknown filter value is a 400 page naming the field, and no match says so', async () => {
    const bad = await request(t.app).get('/cases?lang=es&direction=sideways').expect(400);
    expect(bad.text).toContain('<h1>Estos filtros no se pueden usar</h1>');
    expect(bad.text).toContain('<a href="#f-direction">Orientación: Elija un valor de la lista.</a>');
    const none = await request(t.app).get('/cases?lang=es&country=FR').expect(200);
    expect(none.text).toContain('Ningún caso coincide con estos filtros.');
  });
});
