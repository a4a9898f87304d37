/** The saved searches API: save, list and delete one's own; bad input and the limit refused. */
import request from 'supertest';
import { signedIn, testApp, type TestApp } from '../support';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('When a signed-in firm saves a search', () => {
  it('then it is stored (201) with its filters and language, listed for its owner only, and deleted by its owner only', async () => {
    const firm = await signedIn(t, []);
    const other = await signedIn(t, []);
    const res = await firm.agent
      .post('/api/v1/saved-searches')
      .set('X-CSRF-Token', firm.csrf)
      .send({ name: 'Kenyan agri-food', frequency: 'weekly', query: { country: 'ke', sector: ['A'], q: 'export', ldc: 'false' }, lang: 'es' })
      .expect(201);
    expect(res.body).toMatchObject({ name: 'Kenyan agri-food', frequency: 'weekly', lang: 'es', query: { country: ['KE'], sector: ['A'], q: 'export', ldc: 'false', direction: [] } });
    const id = res.body.id as string;

    const mine = await firm.agent.get('/api/v1/saved-searches').expect(200);
    expect(mine.body.items.map((s: { id: string }) => s.id)).toEqual([id]);
    const theirs = await other.agent.get('/api/v1/saved-searches').expect(200);
    expect(theirs.body.items).toEqual([]);

    const refused = await other.agent.delete(`/api/v1/saved-searches/${id}`).set('X-CSRF-Token', other.csrf).expect(404);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    await firm.agent.delete(`/api/v1/saved-searches/${id}`).set('X-CSRF-Token', firm.csrf).expect(204);
    await firm.agent.delete(`/api/v1/saved-searches/${id}`).set('X-CSRF-Token', firm.csrf).expect(404);
    expect((await firm.agent.get('/api/v1/saved-searches').expect(200)).body.items).toEqual([]);
  });

  it('then without a language the request’s language is kept', async () => {
    const firm = await signedIn(t, []);
    const res = await firm.agent.post('/api/v1/saved-searches').set('X-CSRF-Token', firm.csrf).set('Accept-Language', 'fr-FR,fr;q=0.9').send({ name: 'Tout', frequency: 'monthly' }).expect(201);
    expect(res.body).toMatchObject({ lang: 'fr', frequency: 'monthly', query: { country: [] } });
  });

  it('then a bad filter, frequency or name is a 400 problem naming each field', async () => {
    const firm = await signedIn(t, []);
    const res = await firm.agent
      .post('/api/v1/saved-searches')
      .set('X-CSRF-Token', firm.csrf)
      .send({ name: '', frequency: 'daily', query: { country: 'XX', colour: 'red' } })
      .expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['frequency', 'name', 'query.colour', 'query.country']);
  });

  it('then a malformed id is 400, and the 21st search is refused with 409', async () => {
    const firm = await signedIn(t, []);
    await firm.agent.delete('/api/v1/saved-searches/not-an-id').set('X-CSRF-Token', firm.csrf).expect(400);
    for (let i = 0; i < 20; i += 1) await firm.agent.post('/api/v1/saved-searches').set('X-CSRF-Token', firm.csrf).send({ name: `S${i}`, frequency: 'weekly' }).expect(201);
    const res = await firm.agent.post('/api/v1/saved-searches').set('X-CSRF-Token', firm.csrf).send({ name: 'one more', frequency: 'weekly' }).expect(409);
    expect(res.body.detail).toContain('20');
  });
});

describe('When nobody is signed in', () => {
  it('then saved searches answer 401, and the OpenAPI document describes their routes', async () => {
    await request(t.app).get('/api/v1/saved-searches').expect(401);
    const doc = await request(t.app).get('/api/openapi.json').expect(200);
    expect(Object.keys(doc.body.paths['/api/v1/saved-searches'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(doc.body.paths['/api/v1/saved-searches/{id}']?.delete).toBeDefined();
    expect(doc.body.components.schemas.SavedSearchBody.required).toEqual(expect.arrayContaining(['name', 'frequency']));
  });
});
