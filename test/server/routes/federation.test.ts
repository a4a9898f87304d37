import pg from 'pg';
import * as cheerio from 'cheerio';
import request from 'supertest';
import { makeOrganization, makeProgramme } from '../../factories';
import { feedSettled, serverUrl, signedIn, testApp, type TestApp } from '../../support';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

type Change = { type: string; id: string; deleted: boolean; data?: { name: string } };
async function readAll(since?: string): Promise<{ items: Change[]; nextCursor: string }> {
  const items: Change[] = [];
  let cursor = since;
  for (;;) {
    const res = await request(t.app).get('/api/v1/changes').query({ limit: '2', ...(cursor ? { since: cursor } : {}) });
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!res.body.hasMore) return { items, nextCursor: res.body.nextCursor };
  }
}

describe('When a peer follows the changes feed', () => {
  it('then it gets every entry once, then only what changed, with tombstones for deletions', async () => {
    const a = await makeOrganization(t.ctx, { name: 'Invest in Ghana Desk', country: 'GH' });
    const b = await makeOrganization(t.ctx, { name: 'Kenya Export Promotion Council', country: 'KE' });
    await makeProgramme(t.ctx, { name: 'Ghana–Kenya agro linkages', originCountries: ['GH'], targetCountries: ['KE'] }, [a]);
    const first = await feedSettled(() => readAll(), (r) => r.items.length >= 3);
    expect(first.items.map((i) => i.type).sort()).toEqual(['organization', 'organization', 'programme']);
    expect(first.items.find((i) => i.id === a)?.data?.name).toBe('Invest in Ghana Desk');

    const idle = await readAll(first.nextCursor);
    expect(idle.items).toEqual([]);
    expect(idle.nextCursor).toBe(first.nextCursor);

    const operator = await signedIn(t, ['operator']);
    await operator.agent.patch(`/api/v1/organizations/${a}`).set('X-CSRF-Token', operator.csrf).send({ acronym: 'IGD' });
    await operator.agent.delete(`/api/v1/organizations/${b}`).set('X-CSRF-Token', operator.csrf);
    const next = await feedSettled(() => readAll(first.nextCursor), (r) => r.items.length >= 2);
    expect(next.items).toEqual([
      expect.objectContaining({ type: 'organization', id: a, deleted: false, data: expect.objectContaining({ acronym: 'IGD' }) }),
      { type: 'organization', id: b, deleted: true },
    ]);
  });

  it('then a changed cursor is 400 naming since', async () => {
    const res = await request(t.app).get('/api/v1/changes').query({ since: 'eyJ4IjoiMSIsInMiOjF9.forged' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('since');
  });

  it('then a write that commits late is never skipped by a cursor handed out meanwhile', async () => {
    if (!serverUrl || !t.env.databaseUrl) {
      // The embedded database runs one transaction at a time: no commit can land behind a cursor.
      const before = await readAll();
      await makeOrganization(t.ctx, { name: 'Late Commit Agency', country: 'SN' });
      expect((await readAll(before.nextCursor)).items.map((i) => i.data?.name)).toEqual(['Late Commit Agency']);
      return;
    }
    const start = (await readAll()).nextCursor;
    const slow = new pg.Client({ connectionString: t.env.databaseUrl });
    await slow.connect();
    try {
      await slow.query('begin');
      await slow.query(`insert into organizations (name, kind, country) values ('Slow Transaction Agency', 'other', 'SN')`);
      await makeOrganization(t.ctx, { name: 'Quick Agency', country: 'SN' });
      // The quick write committed, but the slow one (older) has not: neither is served yet.
      const during = await readAll(start);
      expect(during.items).toEqual([]);
      await slow.query('commit');
      const after = await feedSettled(() => readAll(during.nextCursor), (r) => r.items.length >= 2);
      expect(after.items.map((i) => i.data?.name).sort()).toEqual(['Quick Agency', 'Slow Transaction Agency']);
    } finally {
      await slow.end();
    }
  });
});

describe('When a site reads the Atom feed or an export', () => {
  it('then /feed.atom lists recent entries, escaped', async () => {
    await makeOrganization(t.ctx, { name: 'Chamber <Commerce> & Industry', country: 'ML' });
    const res = await request(t.app).get('/feed.atom');
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/atom+xml');
    const $ = cheerio.load(res.text, { xml: true });
    expect($('entry > title').map((_, title) => $(title).text()).get()).toContain('Chamber <Commerce> & Industry');
    // Escaped, not markup: the name is one text node, with no element made of it.
    expect($('Commerce').length).toBe(0);
    expect(res.text).not.toContain('<Commerce>');
  });

  it('then export.csv gives one row per published entry with lists joined by ;', async () => {
    await makeOrganization(t.ctx, { name: 'Export Test Agency', country: 'BD', services: ['training', 'partner-search'] });
    const res = await request(t.app).get('/api/v1/export.csv').query({ type: 'organizations' });
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/csv');
    const lines = res.text.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('id,name,acronym,kind,country,website,email,phone,city,description,services,sectors,languages,networks,updatedAt');
    expect(lines.find((l) => l.includes('Export Test Agency'))).toContain('training;partner-search');
    const bad = await request(t.app).get('/api/v1/export.csv').query({ type: 'users' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('type');
  });
});
