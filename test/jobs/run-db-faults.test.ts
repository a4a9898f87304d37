/**
 * Sync runs under database faults, played through a TCP proxy in front of the real PostgreSQL
 * server: the process never dies of one, and no run is left `running` with nobody at work on it.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { runsOf, insertSource, type SourceRow } from '../../server/db/sync';
import { closeInterruptedRuns } from '../../jobs/run-sweeper';
import { runScheduledSources, startRun } from '../../jobs/start-run';
import { boot } from '../../server/boot';
import type { AppContext } from '../../server/context';
import { readEnv } from '../../server/env';
import { createLogger } from '../../server/logger';
import { startFaultProxy, type FaultProxy } from '../fault-proxy';
import { startFeedServer, type FeedServer } from '../feed-server';
import { serverTestDatabase, serverUrl, testApp } from '../support';

const timeouts = { DATABASE_STATEMENT_TIMEOUT_MS: '2000', DATABASE_QUERY_TIMEOUT_MS: '3000', DATABASE_CONNECT_TIMEOUT_MS: '1000' };

/** Rejections nobody handled while the test ran: each would have killed the process outside Jest. */
const unhandled: unknown[] = [];
const collect = (reason: unknown) => void unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', collect));
afterAll(() => process.off('unhandledRejection', collect));

let feeds: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer();
});
afterAll(() => feeds.close());

const addSource = (ctx: AppContext, name: string, count: number): Promise<SourceRow> =>
  insertSource(ctx.database.db, { name, network: 'empretec', connector: 'json', url: feeds.url(`generated/centres.json?count=${count}`), schedule: '0 3 * * *' });

if (!serverUrl) {
  // The embedded database lives inside the process: there is no connection to reset. What can
  // still fail under a scheduled run is the database itself going away.
  describe('When the embedded database goes away as a scheduled source comes due', () => {
    it('then the scheduled start settles without a rejection nobody handles', async () => {
      const t = await testApp({ FEED_ALLOW_PRIVATE: '1' });
      const source = await addSource(t.ctx, 'Due at close', 10);
      await t.ctx.database.close();
      await expect(runScheduledSources(t.ctx, new Date(), [source.id])).resolves.toEqual([]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    });
  });
} else {
  const url = serverUrl;
  const server = new URL(url);
  let proxy: FaultProxy;
  let ctx: AppContext;
  let direct: pg.Client;
  let dropScratch: () => Promise<void>;

  beforeEach(async () => {
    const scratch = await serverTestDatabase(url);
    dropScratch = scratch.drop;
    proxy = await startFaultProxy({ host: server.hostname, port: Number(server.port || 5432) });
    const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', FEED_ALLOW_PRIVATE: '1', ...timeouts, DATABASE_URL: proxy.urlFor(scratch.url) });
    ctx = await boot(env, createLogger(process.env.TEST_LOG ?? 'silent'), { inMemory: true });
    // The test's own look at the database, past the proxy.
    direct = new pg.Client({ connectionString: scratch.url });
    await direct.connect();
  });

  afterEach(async () => {
    proxy.restore();
    await direct.end();
    await ctx.database.close();
    await proxy.close();
    await dropScratch();
  });

  const statuses = async (sourceId: string) => (await runsOf(ctx.database.db, sourceId)).map((r) => r.status);

  describe('When the connections to the database are reset as a scheduled source comes due', () => {
    it('then the process lives, the run is recorded failed or not at all (never left running), and the next one succeeds', async () => {
      const source = await addSource(ctx, 'Due at reset', 50);
      // Idle connections in both pools, so the start meets dead ones.
      await Promise.all([ctx.database.ping(), ctx.database.background.rows(sql`select 1`)]);
      proxy.reset();
      await expect(runScheduledSources(ctx, new Date(), [source.id])).resolves.toBeDefined();
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      await closeInterruptedRuns(ctx);
      for (const status of await statuses(source.id)) expect(['failed', 'succeeded']).toContain(status);

      await runScheduledSources(ctx, new Date(), [source.id]);
      expect((await statuses(source.id))[0]).toBe('succeeded');
    });
  });

  describe('When the connections are reset in the middle of a run', () => {
    it('then the run ends failed or partial with what it imported (or is closed as interrupted), never stays running, and the next run completes the work', async () => {
      const total = 6000;
      const source = await addSource(ctx, 'Reset mid-run', total);
      const started = await startRun(ctx, source, 'manual');
      expect(started.status).toBe('started');
      // Waits (event loop turns, not a clock) for the run's first batch to be written: counts show while it runs.
      let during: { status: string; fetched: number } | undefined;
      for (let turn = 0; turn < 20_000 && !(during && during.fetched > 0); turn++) {
        const { rows } = await direct.query<{ status: string; fetched: number }>(`select status, (counts->>'fetched')::int as fetched from sync_runs where id = $1`, [started.runId]);
        during = rows[0];
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(during).toMatchObject({ status: 'running', fetched: expect.any(Number) });
      expect(during!.fetched).toBeGreaterThan(0);
      expect(during!.fetched).toBeLessThan(total);
      proxy.reset();
      if (started.status === 'started') await started.finished;
      expect(unhandled).toEqual([]);
      await closeInterruptedRuns(ctx);
      const [run] = await runsOf(ctx.database.db, source.id);
      expect(['failed', 'partial']).toContain(run?.status);
      expect(run?.counts).toMatchObject({ fetched: expect.any(Number) });

      const again = await startRun(ctx, source, 'manual');
      const result = again.status === 'started' ? await again.finished : undefined;
      expect(result?.status).toBe('succeeded');
      expect(result!.counts.created + result!.counts.unchanged + result!.counts.updated).toBe(total);
      const { rows } = await direct.query<{ n: number }>(`select count(*)::int as n from organizations where deleted_at is null`);
      expect(rows[0]?.n).toBe(total);
    }, 120_000);
  });
}
