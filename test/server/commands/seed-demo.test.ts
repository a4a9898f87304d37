import request from 'supertest';
import { seedDemo } from '../../../server/commands/seed-demo';
import { testApp, type TestApp } from '../../support';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('When the demo set is loaded', () => {
  it('then the directory holds real agencies in many countries and programmes in every direction, all marked demo', async () => {
    const result = await seedDemo(t.ctx.database.db, t.ctx.reference);
    expect(result.status).toBe('seeded');

    const orgs = await request(t.app).get('/api/v1/organizations').query({ limit: '100' });
    expect(orgs.body.total).toBeGreaterThanOrEqual(60);
    expect(orgs.body.facets.country.length).toBeGreaterThanOrEqual(40);
    expect(orgs.body.items.every((o: { demo: boolean }) => o.demo)).toBe(true);

    const progs = await request(t.app).get('/api/v1/programmes').query({ limit: '100' });
    expect(progs.body.total).toBeGreaterThanOrEqual(30);
    const directions = Object.fromEntries(progs.body.facets.direction.map((f: { value: string; count: number }) => [f.value, f.count]));
    expect(directions['north-south']).toBeGreaterThan(0);
    expect(directions['south-south']).toBeGreaterThan(0);
    expect(directions.triangular).toBeGreaterThan(0);

    const cases = await request(t.app).get('/api/v1/cases');
    expect(cases.body.total).toBeGreaterThan(0);
  });

  it('then loading it again adds nothing', async () => {
    const before = (await request(t.app).get('/api/v1/organizations')).body.total;
    expect((await seedDemo(t.ctx.database.db, t.ctx.reference)).status).toBe('skipped');
    expect((await request(t.app).get('/api/v1/organizations')).body.total).toBe(before);
  });

  it('then well-known agencies are found by name, acronym and in French or Spanish', async () => {
    for (const q of ['empretec', 'apexbrasil', 'agence promotion', 'agencia promocion', 'investment promotion']) {
      const res = await request(t.app).get('/api/v1/organizations').query({ q });
      expect(res.body.total).toBeGreaterThan(0);
    }
  });
});
