import request from 'supertest';
import { makeOrganization } from '../../factories';
import { testApp, type TestApp } from '../../support';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await makeOrganization(t.ctx, { name: 'Uganda Investment Authority', country: 'UG' });
});
afterAll(() => t.close());

describe('When a list query holds bad values', () => {
  it.each([
    [{ limit: '0' }, ['limit']],
    [{ limit: '101' }, ['limit']],
    [{ limit: 'ten' }, ['limit']],
    [{ q: 'x'.repeat(201) }, ['q']],
    [{ country: 'XX' }, ['country']],
    [{ country: ['UG', 'ZZ'] }, ['country']],
    [{ region: '999' }, ['region']],
    [{ sector: 'Z' }, ['sector']],
    [{ service: 'massage' }, ['service']],
    [{ partnershipType: 'marriage' }, ['partnershipType']],
    [{ kind: 'bank' }, ['kind']],
    [{ direction: 'east-west' }, ['direction']],
    [{ ldc: 'maybe' }, ['ldc']],
    [{ network: 'Not A Label!' }, ['network']],
    [{ colour: 'red' }, ['colour']],
    [{ limit: '0', kind: 'bank', country: 'XX' }, ['country', 'kind', 'limit']],
  ])('then %j gets 400 problem+json naming %j', async (query, paths) => {
    for (const path of ['/api/v1/organizations', '/api/v1/programmes', '/api/v1/cases']) {
      const res = await request(t.app).get(path).query(query);
      expect(res.status).toBe(400);
      expect(res.type).toBe('application/problem+json');
      expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: 400, detail: expect.any(String) });
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(paths);
      expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules/);
    }
  });

  it('then a q shaped like SQL or tsquery syntax is only text: no error, no change', async () => {
    for (const q of ["'; drop table organizations; --", 'a & | ! ( ) :* <->', "o'brien\\", '%_%', '"quoted"']) {
      const res = await request(t.app).get('/api/v1/organizations').query({ q });
      expect(res.status).toBe(200);
    }
    const after = await request(t.app).get('/api/v1/organizations');
    expect(after.body.total).toBe(1);
  });

  it('then an unknown route gets a 404 problem, not a stack trace', async () => {
    const res = await request(t.app).get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.type).toBe('application/problem+json');
  });
});
