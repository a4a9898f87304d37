import request from 'supertest';
import { makeOrganization } from '../../factories';
import { testApp, type TestApp } from '../../support';

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
    expect(res.text).toMatch(/<form[^>]*action="\/search"[^>]*method="get"/);
    expect(res.text.match(/href="\/organizations\/[0-9a-f-]{36}"/g)?.length).toBeGreaterThanOrEqual(5);
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
    expect(nowhere.text).toContain('<html lang="en">');
  });
});
