import request from 'supertest';
import { makeOrganization } from '../factories';
import { testApp, type TestApp } from '../support';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ BASE_PATH: '/network/' });
  await makeOrganization(t.ctx, { name: 'Board of Investment of Sri Lanka', country: 'LK' });
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

  it('then nothing is served outside the prefix but the health probe', async () => {
    expect((await request(t.app).get('/api/v1/organizations')).status).toBe(404);
    expect((await request(t.app).get('/healthz')).status).toBe(200);
  });
});
