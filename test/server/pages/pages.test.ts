import request from 'supertest';
import { makeOrganization } from '../../factories';
import { testApp, type TestApp } from '../../support';
import { langOf, links, read } from './reader';

let t: TestApp;
let id: string;
beforeAll(async () => {
  t = await testApp();
  id = await makeOrganization(t.ctx, { name: 'Rwanda Development Board', acronym: 'RDB', country: 'RW', website: 'https://rdb.rw' });
  for (const name of ['Invest India', 'ProColombia', 'Enterprise Uganda', 'Uruguay XXI <script>alert(1)</script>']) {
    await makeOrganization(t.ctx, { name, country: 'UG' });
  }
});
afterAll(() => t.close());

describe('When a reader opens the pages without JavaScript', () => {
  it('then the home page has a search form and links to at least five intermediaries', async () => {
    const res = await request(t.app).get('/');
    expect(res.status).toBe(200);
    const $ = read(res.text);
    expect($('form[action="/search"]').attr('method')).toBe('get');
    expect(links($, 'main').filter((l) => /^\/organizations\/[0-9a-f-]{36}$/.test(l.href)).length).toBeGreaterThanOrEqual(5);
    // A name with markup in it is shown as text, never run: the raw page holds it escaped.
    expect(links($, 'main').map((l) => l.text)).toContain('Uruguay XXI <script>alert(1)</script>');
    expect($('script:not([src]):not([type="application/ld+json"])').text()).not.toContain('alert(1)');
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('&lt;script&gt;');
  });

  it('then an organization page carries JSON-LD of @type Organization with its name', async () => {
    const res = await request(t.app).get(`/organizations/${id}`);
    expect(res.status).toBe(200);
    const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(res.text)?.[1];
    expect(JSON.parse(ld ?? '{}')).toMatchObject({ '@type': 'Organization', name: 'Rwanda Development Board' });
  });

  it('then search results are a page of their own, and an unknown page is a 404 page', async () => {
    const res = await request(t.app).get('/search').query({ q: 'rwanda' });
    expect(res.text).toContain('Rwanda Development Board');
    const missing = await request(t.app).get('/organizations/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.type).toBe('text/html');
    const nowhere = await request(t.app).get('/no/such/page').set('Accept', 'text/html');
    expect(nowhere.status).toBe(404);
    expect(langOf(read(nowhere.text))).toBe('en');
  });
});
