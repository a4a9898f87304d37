import request from 'supertest';
import { seedDemo } from '../../server/commands/seed-demo';
import { addressOf, meanReciprocalRank, rankOf, readLabelledSet, successAt3 } from '../../scripts/bench/relevance-set';
import { testApp, type TestApp } from '../support';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.ctx.database.db, t.ctx.reference);
});
afterAll(() => t.close());

describe('When firms ask the demo directory the labelled queries of the relevance set', () => {
  it('then an entry they meant is among the first three for at least 95% of them (npm run bench:relevance prints each rank)', async () => {
    const ranks: number[] = [];
    const misses: string[] = [];
    for (const query of readLabelledSet()) {
      const res = await request(t.app).get(addressOf(query));
      expect(res.status).toBe(200);
      const rank = rankOf(query, (res.body as { items: { name: string }[] }).items.map((i) => i.name));
      ranks.push(rank);
      if (rank < 1 || rank > 3) misses.push(`${query.q} (${rank || 'not in the first ten'})`);
    }
    expect(ranks.length).toBeGreaterThanOrEqual(40);
    // Below target, the failure names the queries that slipped.
    expect(successAt3(ranks) >= 0.95 ? [] : misses).toEqual([]);
    expect(meanReciprocalRank(ranks)).toBeGreaterThan(0.9);
  });
});
