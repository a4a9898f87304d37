import * as cheerio from 'cheerio';
import request from 'supertest';
import { makeOrganization, makeProgramme } from '../factories';
import { testApp, type TestApp } from '../support';

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
    expect(home.text).toMatch(/href="\/network\/organizations\/[0-9a-f-]{36}"/);
    expect(home.text).toContain('action="/network/search"');
    const doc = await request(t.app).get('/network/api/openapi.json');
    expect(doc.body.servers).toEqual([{ url: '/network' }]);
  });

  it('then the firms’ pages link within the prefix: search, facets, countries, entries and the embed page', async () => {
    const search = await request(t.app).get('/network/search?country=LK');
    expect(search.status).toBe(200);
    expect(search.text).toContain('<a href="/network/search" class="chip">Sri Lanka');
    expect(search.text).toContain('href="/network/search?country=LK&amp;kind=investment-promotion-agency"');
    expect(search.text).toContain('action="/network/search"');
    const org = await request(t.app).get(`/network/organizations/${boi}`);
    expect(org.text).toContain('<a href="/network/countries/LK">Sri Lanka</a>');
    expect(org.text).toContain(`<a href="/network/programmes/${programme}">`);
    const prog = await request(t.app).get(`/network/programmes/${programme}`);
    expect(prog.text).toContain(`<a href="/network/organizations/${boi}">Board of Investment of Sri Lanka</a>`);
    const country = await request(t.app).get('/network/countries/LK');
    expect(country.text).toContain('<a href="/network/search?country=LK">');
    expect((await request(t.app).get('/network/countries/lk')).headers.location).toBe('/network/countries/LK');
    const embed = await request(t.app).get('/network/embed?country=LK');
    const $embed = cheerio.load(embed.text);
    const links = $embed('a[target="_top"]').map((_, a) => $embed(a).attr('href')).get();
    expect(links).toContain(`/network/organizations/${boi}?lang=en`);
    expect(embed.headers['x-frame-options']).toBeUndefined();
    const home = await request(t.app).get('/network/');
    const $home = cheerio.load(home.text);
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
