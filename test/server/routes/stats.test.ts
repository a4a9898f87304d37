import request from 'supertest';
import { insertRun, insertSource, updateRun } from '../../../server/db/sync';
import { suppressSmall } from '../../../server/presenters/stats';
import { makeOrganization, makeProgramme } from '../../factories';
import { testApp, type TestApp } from '../../support';

let t: TestApp;
let feedId: string;
let quietId: string;
beforeAll(async () => {
  t = await testApp();
  const ctx = t.ctx;
  const ghana = await makeOrganization(ctx, { country: 'GH' });
  await makeOrganization(ctx, { country: 'GH' });
  await makeOrganization(ctx, { country: 'BJ' });
  await makeOrganization(ctx, { country: 'FR' });
  await makeOrganization(ctx, { country: 'BD' });
  // Not public: none of these may be counted.
  await makeOrganization(ctx, { country: 'DE', withdrawnAt: new Date() });
  await makeOrganization(ctx, { country: 'BJ', state: 'pending' });
  await makeOrganization(ctx, { country: 'FR', deletedAt: new Date() });

  await makeProgramme(ctx, { originCountries: ['FR'], targetCountries: ['GH', 'BJ'] }, [ghana]);
  await makeProgramme(ctx, { originCountries: ['GH'], targetCountries: ['BD'] }, [ghana]);
  await makeProgramme(ctx, { originCountries: ['FR'], targetCountries: ['GH', 'BD'] }, [ghana]);
  await makeProgramme(ctx, { originCountries: ['FR'], targetCountries: ['GH'], withdrawnAt: new Date() }, [ghana]);
  await makeProgramme(ctx, { originCountries: ['GH'], targetCountries: ['BD'], state: 'pending' }, [ghana]);

  const feed = await insertSource(ctx.database.db, { name: 'Empretec centres', network: 'empretec', connector: 'json', url: 'http://127.0.0.1:9/feed.json' });
  const quiet = await insertSource(ctx.database.db, { name: 'WAIPA members', network: 'waipa', connector: 'csv', url: 'http://127.0.0.1:9/members.csv', enabled: false });
  feedId = feed.id;
  quietId = quiet.id;
  const day = 24 * 3600 * 1000;
  const old = await insertRun(ctx.database.db, feed.id, 'schedule');
  await updateRun(ctx.database.db, old.id, { status: 'failed', createdAt: new Date(Date.now() - 40 * day), finishedAt: new Date(Date.now() - 40 * day) });
  const failed = await insertRun(ctx.database.db, feed.id, 'schedule');
  await updateRun(ctx.database.db, failed.id, { status: 'failed', createdAt: new Date(Date.now() - 2 * day), finishedAt: new Date(Date.now() - 2 * day) });
  const good = await insertRun(ctx.database.db, feed.id, 'manual');
  await updateRun(ctx.database.db, good.id, {
    status: 'succeeded',
    startedAt: new Date(Date.now() - 60_000),
    finishedAt: new Date(),
    counts: { fetched: 12, created: 3, updated: 2, unchanged: 7, withdrawn: 0, rejected: 1 },
  });
}, 60000);
afterAll(() => t.close());

describe('When anyone reads GET /api/v1/stats', () => {
  it('then public entries are counted exactly, and withdrawn, pending and deleted ones are left out', async () => {
    const res = await request(t.app).get('/api/v1/stats');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['introductions', 'organizations', 'programmes', 'sources']);
    expect(res.body.programmes.byDirection).toEqual([
      { value: 'north-south', count: 2 },
      { value: 'south-south', count: 1 },
    ]);
    expect(res.body.organizations.byCountry).toEqual([
      { value: 'GH', count: 2 },
      { value: 'BD', count: 1 },
      { value: 'BJ', count: 1 },
      { value: 'FR', count: 1 },
    ]);
  });

  it('then a programme counts once in each M49 region of its target countries, and organizations by their country', async () => {
    const { body } = await request(t.app).get('/api/v1/stats');
    // Africa 002 (Ghana, Benin), Asia 142 (Bangladesh), Europe 150 (France).
    expect(body.programmes.byRegion).toEqual([
      { value: '002', count: 2 },
      { value: '142', count: 2 },
    ]);
    expect(body.organizations.byRegion).toEqual([
      { value: '002', count: 3 },
      { value: '142', count: 1 },
      { value: '150', count: 1 },
    ]);
  });

  it('then organizations based in least developed countries (Benin, Bangladesh) are told from the others', async () => {
    const { body } = await request(t.app).get('/api/v1/stats');
    expect(body.organizations.byLdc).toEqual([
      { value: 'ldc', count: 2 },
      { value: 'other', count: 3 },
    ]);
  });

  it('then introductions are empty until requests are recorded', async () => {
    const { body } = await request(t.app).get('/api/v1/stats');
    expect(body.introductions).toEqual({ byStatus: [], timeToConclusion: null, concludedByDirection: [], concludedByRegion: [], outcomes: [], sixMonthsOn: [] });
  });

  it("then each source's health shows its latest run and its runs and failures of the last 30 days", async () => {
    const { body } = await request(t.app).get('/api/v1/stats');
    expect(body.sources).toEqual([
      {
        id: feedId,
        name: 'Empretec centres',
        network: 'empretec',
        connector: 'json',
        enabled: true,
        lastRun: { status: 'succeeded', startedAt: expect.any(String), finishedAt: expect.any(String), counts: { fetched: 12, created: 3, updated: 2, unchanged: 7, withdrawn: 0, rejected: 1 } },
        runsLast30Days: 2,
        failedLast30Days: 1,
      },
      { id: quietId, name: 'WAIPA members', network: 'waipa', connector: 'csv', enabled: false, lastRun: null, runsLast30Days: 0, failedLast30Days: 0 },
    ]);
  });

  it('then a new public entry shows at once, although the counts are cached', async () => {
    await makeOrganization(t.ctx, { country: 'BJ' });
    const { body } = await request(t.app).get('/api/v1/stats');
    expect(body.organizations.byLdc).toEqual([
      { value: 'ldc', count: 3 },
      { value: 'other', count: 3 },
    ]);
  });

  it('then the route is in the OpenAPI document', async () => {
    const { body } = await request(t.app).get('/api/openapi.json');
    expect(body.paths['/api/v1/stats'].get.summary).toMatch(/target countries/);
    expect(body.paths['/api/v1/stats.csv']).toBeDefined();
  });
});

describe('When a table is asked for as CSV', () => {
  const rows = (text: string) => text.replace(/^\uFEFF/, '').trim().split('\n');

  it('then it has a header row and one row per cell, with English names beside the codes', async () => {
    const res = await request(t.app).get('/api/v1/stats.csv').query({ table: 'organizationsByRegion' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(rows(res.text)).toEqual(['region,name,count', '002,Africa,4', '142,Asia,1', '150,Europe,1']);
  });

  it('then the sources table gives each source with its latest counts', async () => {
    const res = await request(t.app).get('/api/v1/stats.csv').query({ table: 'sources' });
    const [header, first, second] = rows(res.text);
    expect(header).toBe('id,name,network,connector,enabled,lastRunStatus,lastRunFinishedAt,fetched,created,updated,unchanged,withdrawn,rejected,runsLast30Days,failedLast30Days');
    expect(first).toMatch(new RegExp(`^${feedId},Empretec centres,empretec,json,true,succeeded,\\d{4}-[^,]+,12,3,2,7,0,1,2,1$`));
    expect(second).toBe(`${quietId},WAIPA members,waipa,csv,false,,,,,,,,,0,0`);
  });

  it('then an unknown or missing table is a 400 problem naming `table`', async () => {
    for (const query of [{ table: 'firms' }, {}]) {
      const res = await request(t.app).get('/api/v1/stats.csv').query(query);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([{ path: 'table', message: expect.stringContaining('programmesByDirection') }]);
    }
  });
});

describe('When counts come from firms’ private data', () => {
  it('then every cell under 5 is published as null, and the others as they are', () => {
    expect(suppressSmall([{ value: 'new', count: 4 }, { value: 'acknowledged', count: 5 }, { value: 'closed-no-deal', count: 0 }, { value: 'negotiating', count: 12 }])).toEqual([
      { value: 'new', count: null },
      { value: 'acknowledged', count: 5 },
      { value: 'closed-no-deal', count: null },
      { value: 'negotiating', count: 12 },
    ]);
  });
});
