import request from 'supertest';
import { makeOrganization } from '../../factories';
import { testApp, type TestApp } from '../../support';

let t: TestApp;

beforeAll(async () => {
  t = await testApp();
  for (let i = 0; i < 45; i++) {
    // Same words everywhere, so many entries tie on relevance and only the id breaks ties.
    await makeOrganization(t.ctx, { name: `Chamber of Commerce ${String(i).padStart(2, '0')}`, kind: 'chamber-of-commerce', country: i % 2 ? 'SN' : 'BJ' });
  }
});
afterAll(() => t.close());

async function walk(query: Record<string, string>, duringWalk?: (page: number) => Promise<void>) {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const res = await request(t.app).get('/api/v1/organizations').query({ ...query, limit: '7', ...(cursor ? { cursor } : {}) });
    expect(res.status).toBe(200);
    seen.push(...res.body.items.map((i: { id: string }) => i.id));
    await duringWalk?.(page);
    if (!res.body.nextCursor) break;
    cursor = res.body.nextCursor;
  }
  return seen;
}

describe('When a client pages through a list with cursor', () => {
  it.each([[{}], [{ q: 'chamber commerce' }], [{ country: 'SN' }]])('then no entry is repeated or skipped (%j)', async (query) => {
    const all = await request(t.app).get('/api/v1/organizations').query({ ...query, limit: '100' });
    const seen = await walk(query);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(all.body.items.map((i: { id: string }) => i.id).sort());
  });

  it('then entries added while paging never make an existing entry repeat or go missing', async () => {
    const before = await request(t.app).get('/api/v1/organizations').query({ q: 'chamber', limit: '100' });
    const existing: string[] = before.body.items.map((i: { id: string }) => i.id);
    const seen = await walk({ q: 'chamber' }, async (page) => {
      await makeOrganization(t.ctx, { name: `Chamber of Commerce added ${page}`, kind: 'chamber-of-commerce', country: 'ML' });
      await makeOrganization(t.ctx, { name: `Aaa Chamber ${page}`, kind: 'chamber-of-commerce', country: 'ML' });
    });
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(existing));
  });

  it('then a changed cursor is refused with 400 naming cursor', async () => {
    const first = await request(t.app).get('/api/v1/organizations').query({ limit: '5' });
    const cursor: string = first.body.nextCursor;
    const [body, sig] = cursor.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), k: { by: 'name', name: '', id: '00000000-0000-4000-8000-000000000000' } })).toString('base64url');
    for (const bad of [`${forged}.${sig}`, cursor.slice(0, -2) + 'xx', 'garbage', `${cursor}.extra`]) {
      const res = await request(t.app).get('/api/v1/organizations').query({ limit: '5', cursor: bad });
      expect(res.status).toBe(400);
      expect(res.type).toBe('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['cursor']);
    }
  });

  it('then a cursor used with another query is refused', async () => {
    const first = await request(t.app).get('/api/v1/organizations').query({ limit: '5', country: 'SN' });
    const res = await request(t.app).get('/api/v1/organizations').query({ limit: '5', country: 'BJ', cursor: first.body.nextCursor });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('cursor');
  });
});
