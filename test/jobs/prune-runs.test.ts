import { sql } from 'drizzle-orm';
import { insertRun, insertSource, pruneRuns } from '../../server/db/sync';
import { testApp, type TestApp } from '../support';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('When run history grows old', () => {
  it('then runs older than 90 days go, except the last 50 of each source', async () => {
    const db = t.ctx.database.db;
    const busy = await insertSource(db, { name: 'Busy', network: 'peer', connector: 'json', url: 'https://example.org/a.json' });
    const quiet = await insertSource(db, { name: 'Quiet', network: 'peer', connector: 'json', url: 'https://example.org/b.json' });
    for (let i = 0; i < 60; i++) await insertRun(db, busy.id, 'schedule');
    for (let i = 0; i < 3; i++) await insertRun(db, quiet.id, 'schedule');
    // Every run is a year old, except ten recent ones of the busy source.
    await t.ctx.database.rows(sql`update sync_runs set created_at = now() - interval '1 year'`);
    await t.ctx.database.rows(sql`update sync_runs set created_at = now() where id in (select id from sync_runs where source_id = ${busy.id} limit 10)`);

    expect(await pruneRuns(db, 90, 50)).toBe(10);
    const left = await t.ctx.database.rows<{ source_id: string; n: number }>(sql`select source_id, count(*)::int as n from sync_runs group by source_id`);
    expect(Object.fromEntries(left.map((r) => [r.source_id, r.n]))).toEqual({ [busy.id]: 50, [quiet.id]: 3 });
  });
});
