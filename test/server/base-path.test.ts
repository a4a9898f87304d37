import request from 'supertest';
import { makeOrganization, makeProgramme } from '../factories';
import { testApp, type TestApp } from '../support';
import { actions, hrefOf, links, read } from './pages/reader';

let t: TestApp;
let boi: string;
let programme: string;
beforeAll(async () => {
  t = await testApp({ BASE_PATH: '/network/' });
  boi = await makeOrganization(t.ctx, { name: 'Board of Investment of Sri Lanka', country: 'LK' });
  programme = await makeProgramme(t.ctx, { name: 'Lanka–Maldives Suppliers', originCountries: ['LK'], targetCountries: ['MV'] }, [boi]);
});
afterAll(() => t.close());

describe('When the directory is served under BASE_PATH', () => {
  it('then the API, pages and links live under the prefix', async () => {
    expect((await request(t.app).get('/network/healthz')).status).toBe(200);
    const list = await request(t.app).get('/network/api/v1/organizations');
    expect(list.body.total).toBe(1);
    const home = await request(t.app).get('/network/');
    const $home = read(home.text);
    expect(links($home, 'main').some((l) => /^\/network\/organizations\/[0-9a-f-]{36}$/.test(l.href))).toBe(true);
    expect(actions($home)).toContain('/network/search');
    const doc = await request(t.app).get('/network/api/openapi.json');
    expect(doc.body.servers).toEqual([{ url: '/network' }]);
  });

  it('then the firms’ pages link within the prefix: search, facets, countries, entries and the embed page', async () => {
    const search = await request(t.app).get('/network/search?country=LK');
    expect(search.status).toBe(200);
    const $search = read(search.text);
    // The chip that removes the country leads back to the whole search.
    const chip = $search('a.chip').filter((_, a) => $search(a).text().trim().startsWith('Sri Lanka'));
    expect(chip.attr('href')).toBe('/network/search');
    expect(links($search, 'main').map((l) => l.href)).toContain('/network/search?country=LK&kind=investment-promotion-agency');
    expect(actions($search)).toContain('/network/search');
    const $org = read((await request(t.app).get(`/network/organizations/${boi}`)).text);
    expect(hrefOf($org, 'Sri Lanka', 'main')).toBe('/network/countries/LK');
    expect(hrefOf($org, 'Lanka–Maldives Suppliers', 'main')).toBe(`/network/programmes/${programme}`);
    const $prog = read((await request(t.app).get(`/network/programmes/${programme}`)).text);
    expect(hrefOf($prog, 'Board of Investment of Sri Lanka', 'main')).toBe(`/network/organizations/${boi}`);
    const $country = read((await request(t.app).get('/network/countries/LK')).text);
    expect(links($country, 'main').map((l) => l.href)).toContain('/network/search?country=LK');
    expect((await request(t.app).get('/network/countries/lk')).headers.location).toBe('/network/countries/LK');
    const embed = await request(t.app).get('/network/embed?country=LK');
    const $embed = read(embed.text);
    expect($embed('a[target="_top"]').map((_, a) => $embed(a).attr('href')).get()).toContain(`/network/organizations/${boi}?lang=en`);
    expect(embed.headers['x-frame-options']).toBeUndefined();
    const $home = read((await request(t.app).get('/network/')).text);
    // The chart's bar for South-South links to the search it counts, within the prefix.
    const southSouth = $home('a').filter((_, a) => $home(a).text().includes('South-South'));
    expect(southSouth.map((_, a) => $home(a).attr('href')).get()).toContain('/network/search?direction=south-south');
    expect((await request(t.app).get('/countries/LK')).status).toBe(404);
  });

  it('then nothing is served outside the prefix but the health probe', async () => {
    expect((await request(t.app).get('/api/v1/organizations')).status).toBe(404);
    expect((await request(t.app).get('/healthz')).status).toBe(200);
  });
});
