/**
 * Database faults played through a TCP proxy in front of the real PostgreSQL server: connections
 * reset, connections black-holed (a partition: nothing answers, nothing is refused), then restored.
 * Timeouts are injected small, and recovery is counted in requests, not in seconds.
 */
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../../server/app';
import { boot } from '../../../server/boot';
import type { AppContext } from '../../../server/context';
import { endPool } from '../../../server/db/pool';
import { readEnv } from '../../../server/env';
import { createLogger } from '../../../server/logger';
import { startFaultProxy, type FaultProxy } from '../../fault-proxy';
import { serverTestDatabase, serverUrl, testApp } from '../../support';

// Small against the defaults (10 s, 12 s, 5 s), yet roomy enough for a loaded machine's ordinary queries.
const timeouts = { DATABASE_STATEMENT_TIMEOUT_MS: '2000', DATABASE_QUERY_TIMEOUT_MS: '3000', DATABASE_CONNECT_TIMEOUT_MS: '2000' };
/** Long enough for a request to give up on its own (connect plus query timeouts), so a hang fails the test instead. */
const REQUEST_BOUND_MS = 20_000;

let asked = 0;
/** A database-backed API request; a query of its own, so no cache can answer it. */
const ask = (app: Express) =>
  request(app)
    .get(`/api/v1/organizations?q=fault${(asked += 1)}`)
    .timeout(REQUEST_BOUND_MS);

/** Waits (event loop turns, not a clock) until `n` pool clients are checked out, i.e. queries are in flight. */
async function untilCheckedOut(ctx: AppContext, n: number): Promise<void> {
  const pool = ctx.database.pool!;
  for (let turn = 0; turn < 10_000 && pool.totalCount - pool.idleCount < n; turn++) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(pool.totalCount - pool.idleCount).toBeGreaterThanOrEqual(n);
}

/** Asks until an answer is 200; returns how many asks it took, or fails after `most`. */
async function asksUntilServed(app: Express, most: number): Promise<number> {
  for (let n = 1; n <= most; n++) if ((await ask(app)).status === 200) return n;
  throw new Error(`still not served after ${most} requests`);
}

if (!serverUrl) {
  // The embedded database lives inside the process: there is no connection to reset or black-hole.
  // What can still fail is the database itself going away under the app.
  describe('When the embedded database goes away under the app', () => {
    it('then requests get 503 problem+json, pages a readable 503 page, and the process keeps serving the rest', async () => {
      const t = await testApp();
      await t.ctx.database.close();
      const res = await ask(t.app);
      expect(res.status).toBe(503);
      expect(res.type).toBe('application/problem+json');
      const page = await request(t.app).get('/search').set('Accept', 'text/html');
      expect(page.status).toBe(503);
      expect(page.text).toContain('its database does not answer');
      expect((await request(t.app).get('/api/openapi.json')).status).toBe(200);
    });
  });
} else {
  const url = serverUrl;
  const server = new URL(url);
  let proxy: FaultProxy;
  let ctx: AppContext;
  let app: Express;
  let dropScratch: () => Promise<void>;

  beforeEach(async () => {
    const scratch = await serverTestDatabase(url);
    dropScratch = scratch.drop;
    proxy = await startFaultProxy({ host: server.hostname, port: Number(server.port || 5432) });
    const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LIST_CACHE_SIZE: '0', ...timeouts, DATABASE_URL: proxy.urlFor(scratch.url) });
    ctx = await boot(env, createLogger(process.env.TEST_LOG ?? 'silent'), { inMemory: true });
    app = createApp(ctx);
  });

  afterEach(async () => {
    proxy.restore();
    await ctx.database.close();
    await proxy.close();
    await dropScratch();
  });

  describe('When the connections to the database are reset', () => {
    it('then requests in flight get 503 problem+json, a held connection does not crash the process, and the next requests succeed', async () => {
      expect((await ask(app)).status).toBe(200);
      // A client checked out of the pool has no pool listener: node-postgres would throw its 'error' event.
      const held = await ctx.database.pool!.connect();
      proxy.blackhole();
      // supertest sends on then(): start the requests now, so they are in flight at the reset.
      const inFlight = [ask(app), ask(app), ask(app)].map((r) => r.then((res) => res));
      // The held client, and the search index's read of the changes feed, which the three lists share.
      await untilCheckedOut(ctx, 2);
      proxy.reset();
      const answers = await Promise.all(inFlight);
      for (const res of answers) {
        expect(res.status).toBe(503);
        expect(res.type).toBe('application/problem+json');
        expect(res.headers['retry-after']).toBe('5');
        expect(JSON.stringify(res.body)).not.toMatch(/ECONNRESET|Connection terminated|at \w+ \(/);
      }
      await expect(held.query('select 1')).rejects.toThrow();
      held.release(true);
      proxy.restore();
      expect(await asksUntilServed(app, 2)).toBe(1);
      expect((await request(app).get('/healthz')).status).toBe(200);
    });
  });

  describe('When the database is black-holed (a partition) and then comes back', () => {
    it('then requests fail with 503 (pages with a readable 503 page) within the timeouts, and the pool serves again without hung clients', async () => {
      // Fill the pool with idle connections that the partition will leave hung.
      expect((await Promise.all(Array.from({ length: 6 }, () => ask(app)))).map((r) => r.status)).toEqual(Array(6).fill(200));
      proxy.blackhole();
      const page = request(app).get('/search?q=partition').set('Accept', 'text/html').timeout(REQUEST_BOUND_MS);
      const during = await Promise.all([ask(app), ask(app), request(app).get('/healthz').timeout(REQUEST_BOUND_MS), page]);
      expect(during.map((r) => r.status)).toEqual([503, 503, 503, 503]);
      expect(during[0]!.type).toBe('application/problem+json');
      expect(during[2]!.type).toBe('application/problem+json');
      expect(during[3]!.type).toBe('text/html');
      expect(during[3]!.text).toContain('its database does not answer');
      proxy.restore();
      // Each hung connection costs at most one query timeout and is then dropped, never handed out again.
      expect(await asksUntilServed(app, 7)).toBeLessThanOrEqual(7);
      const after = await Promise.all(Array.from({ length: 10 }, () => ask(app)));
      expect(after.map((r) => r.status)).toEqual(Array(10).fill(200));
      expect((await request(app).get('/healthz')).status).toBe(200);
    }, 90_000);

    it('then closing the pool with a query hung in it cuts that connection instead of waiting for its answer', async () => {
      const pool = ctx.database.pool!;
      proxy.blackhole();
      const hung = pool.query('select 1').then(
        () => 'answered',
        () => 'failed',
      );
      await untilCheckedOut(ctx, 1);
      // 200 ms is far below the query timeout: only cutting the connection lets the close finish.
      expect(await endPool(pool, 200)).toBe('cut');
      expect(await hung).toBe('failed');
      expect(pool.totalCount).toBe(0);
    });

    it('then a client whose query timed out is dropped, not returned hung to the pool', async () => {
      const pool = ctx.database.pool!;
      const client = await pool.connect();
      proxy.blackhole();
      await expect(client.query('select 1')).rejects.toThrow('Query read timeout');
      // Released without an error, as a transaction's finally does: the pool must still not keep it.
      client.release();
      proxy.restore();
      expect(pool.totalCount).toBe(0);
      await expect(pool.query('select 1 as one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
    });
  });
}
