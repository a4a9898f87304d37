import request from 'supertest';
import { makeCase, makeOrganization, makeProgramme } from '../../factories';
import { testApp, type TestApp } from '../../support';

let t: TestApp;
let listed: string;
let pending: string;
let programme: string;
beforeAll(async () => {
  t = await testApp({ BASE_PATH: '/network', PUBLIC_URL: 'http://directory.example.org/network' });
  listed = await makeOrganization(t.ctx, { name: 'Uganda Investment Authority', country: 'UG' });
  pending = await makeOrganization(t.ctx, { name: 'Not yet approved', country: 'UG', state: 'pending' });
  programme = await makeProgramme(t.ctx, { name: 'Uganda supplier linkages', originCountries: ['KE'], targetCountries: ['UG'] }, [listed]);
  await makeCase(t.ctx, { title: 'A coffee cooperative finds a buyer', countries: ['UG'] }, [listed]);
});
afterAll(() => t.close());

describe('When a search engine crawls the directory', () => {
  it('then robots.txt keeps it out of accounts and the console and points to the sitemap', async () => {
    const res = await request(t.app).get('/network/robots.txt').set('Host', 'directory.example.org');
    expect(res.type).toBe('text/plain');
    expect(res.text).toContain('Disallow: /network/console');
    expect(res.text).toContain('Disallow: /network/account');
    expect(res.text).toContain('Sitemap: http://directory.example.org/network/sitemap.xml');
  });

  it('then the sitemap index lists the pages and one sitemap per kind of entry', async () => {
    const res = await request(t.app).get('/network/sitemap.xml').set('Host', 'directory.example.org');
    expect(res.type).toBe('application/xml');
    const files = [...res.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(files).toEqual(['pages', 'organizations-1', 'programmes-1', 'cases-1'].map((f) => `http://directory.example.org/network/sitemaps/${f}.xml`));
  });

  it('then the sitemaps name every public entry and country page, and no entry waiting for approval', async () => {
    const orgs = await request(t.app).get('/network/sitemaps/organizations-1.xml').set('Host', 'directory.example.org');
    expect(orgs.text).toMatch(new RegExp(`<loc>http://directory.example.org/network/organizations/${listed}\\?lang=en</loc><lastmod>\\d{4}-\\d\\d-\\d\\d</lastmod>`));
    expect(orgs.text).not.toContain(pending);
    const progs = await request(t.app).get('/network/sitemaps/programmes-1.xml');
    expect(progs.text).toContain(`/network/programmes/${programme}?lang=en<`);
    const pages = await request(t.app).get('/network/sitemaps/pages.xml');
    expect(pages.text).toContain('/network/countries/UG?lang=en<');
    expect(pages.text).toContain('/network/recommend?lang=en<');
    // Every address a sitemap names is a page that answers.
    const first = /<loc>http:\/\/[^/]+(\/network\/cases\/[^<]+)<\/loc>/.exec((await request(t.app).get('/network/sitemaps/cases-1.xml')).text)?.[1];
    expect((await request(t.app).get(first ?? '/network/cases/none')).status).toBe(200);
  });

  it('then a sitemap past the last one, or of no kind, is not found', async () => {
    expect((await request(t.app).get('/network/sitemaps/organizations-2.xml')).status).toBe(404);
    expect((await request(t.app).get('/network/sitemaps/users-1.xml')).status).toBe(404);
  });
});
