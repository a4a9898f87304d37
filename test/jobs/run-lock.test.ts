import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../server/db/client';
import { tryLock } from '../../server/db/advisory-lock';
import request from 'supertest';
import { abortInFlightRuns, inFlight, runScheduledSources, sourceLockKey } from '../../jobs/start-run';
import { runsOf } from '../../server/db/sync';
import { serverUrl } from '../support';
import { syncHarness } from '../sync-harness';
import { read, textIn } from '../server/pages/reader';

const h = syncHarness();

/** A feed that answers only when the test lets it, so a run stays under way as long as needed. */
async function gatedFeed() {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const body = JSON.stringify({ data: { items: [{ id: 'g-1', title: 'Gated Centre', country: 'GH', url: 'https://gated.example.org' }] }, links: { next: null } });
  const server = http.createServer((_req, res) => void gate.then(() => res.writeHead(200, { 'content-type': 'application/json' }).end(body)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.json`,
    open: () => open(),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const getRun = async (sourceId: string, runId: string) => (await h.operator.agent.get(`/api/v1/sources/${sourceId}/runs/${runId}`)).body;

describe('When two starts of one source come at once', () => {
  it('then one runs, the other is recorded skipped (never failed) without becoming the source\'s last status, and the next start runs', async () => {
    const feed = await gatedFeed();
    try {
      const id = await h.addSource({ name: 'Gated', network: 'empretec', connector: 'json', url: feed.url });
      const [first, second] = await Promise.all([h.post(`/api/v1/sources/${id}/runs`), h.post(`/api/v1/sources/${id}/runs`)]);
      expect([first.status, second.status]).toEqual([202, 202]);
      const statuses = [first.body.status, second.body.status].sort();
      expect(statuses).toEqual(['queued', 'skipped']);
      const [running, skipped] = first.body.status === 'queued' ? [first.body.id, second.body.id] : [second.body.id, first.body.id];

      expect(await getRun(id, skipped)).toMatchObject({ status: 'skipped', errors: [{ message: expect.stringMatching(/another run of this source is in progress/) }] });
      expect((await getRun(id, skipped)).finishedAt).not.toBeNull();
      expect(['queued', 'running']).toContain((await getRun(id, running)).status);

      feed.open();
      await Promise.all([...inFlight]);
      expect(await getRun(id, running)).toMatchObject({ status: 'succeeded', counts: { fetched: 1, created: 1 } });
      // The skipped run is newer, yet the source's last status is the run that read the feed.
      expect((await h.operator.agent.get(`/api/v1/sources/${id}`)).body.lastRun).toMatchObject({ id: running, status: 'succeeded' });
      const mails = await h.ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from mail_outbox where subject like '%Gated%'`);
      expect(mails[0]?.n).toBe(0);

      const again = await h.run(id);
      expect(again.status).toBe('succeeded');
    } finally {
      feed.close();
    }
  });
});

describe('When another instance holds a source\'s lock', () => {
  let other: Database;
  beforeAll(async () => {
    // On a server, a second instance is a second set of connections to the same database; embedded, the one process.
    other = serverUrl && h.ctx.env.databaseUrl ? await openDatabase({ databaseUrl: h.ctx.env.databaseUrl }) : h.ctx.database;
  });
  afterAll(async () => {
    if (other !== h.ctx.database) await other.close();
  });

  it('then a start here is recorded skipped until that instance lets go, and then it runs', async () => {
    const id = await h.addSource({ name: 'Held elsewhere', network: 'empretec', connector: 'json', url: h.feeds.url('empretec-centres.page1.json') });
    const held = await tryLock(other, sourceLockKey(id));
    expect(held).toBeDefined();
    const skipped = await h.run(id);
    expect(skipped.status).toBe('skipped');
    await held!.release();
    expect((await h.run(id)).status).toBe('succeeded');
  });

  it('then two schedulers ticking for the same due sources record one run of each, none skipped, and a late tick records nothing', async () => {
    const ids = [
      await h.addSource({ name: 'Due at three', network: 'empretec', connector: 'json', url: h.feeds.url('empretec-centres.page1.json') }),
      await h.addSource({ name: 'Also due at three', network: 'empretec', connector: 'json', url: h.feeds.url('empretec-centres.page1.json') }),
    ];
    // The tick's instant is given, not read from a clock: both instances agree on it as their cron tasks do.
    const dueAt = new Date('2026-01-05T03:00:00Z');
    const there = { ...h.ctx, database: other };
    const ticks = await Promise.all([runScheduledSources(h.ctx, dueAt, ids), runScheduledSources(there, dueAt, ids)]);
    expect(ticks.flat().filter((s) => s.status === 'started').map((s) => s.sourceId).sort()).toEqual([...ids].sort());
    expect(ticks.flat().filter((s) => s.status === 'skipped')).toEqual([]);

    const late = await runScheduledSources(there, dueAt, ids);
    expect(late.map((s) => s.status)).toEqual(['recorded-already', 'recorded-already']);
    for (const id of ids) expect((await runsOf(h.ctx.database.db, id)).map((r) => [r.trigger, r.status])).toEqual([['schedule', 'succeeded']]);
  });
});

describe('When an operator looks at a skipped run', () => {
  it('then the console says skipped in words in each language, and the API document lists the status', async () => {
    const id = await h.addSource({ name: 'Worded', network: 'empretec', connector: 'json', url: h.feeds.url('empretec-centres.page1.json') });
    const held = await tryLock(h.ctx.database, sourceLockKey(id));
    const skipped = await h.post(`/api/v1/sources/${id}/runs`);
    await held!.release();
    const page = (lang: string) => h.operator.agent.get(`/console/sources/${id}/runs/${skipped.body.id}`).set('Accept-Language', lang);
    const status = async (lang: string) => textIn(read((await page(lang)).text), '#run-status');
    expect(await status('en')).toBe('skipped');
    expect(await status('fr')).toBe('ignorée');
    expect(await status('es')).toBe('omitida');
    const es = (await page('es')).text;
    // Why, in the reader's words, not the API's English error.
    expect(es).toContain('Omitida: otra ejecución de esta fuente estaba en curso');
    expect(es).not.toContain('another run of this source');
    // The console's notice after "Run now" says why nothing started.
    const held2 = await tryLock(h.ctx.database, sourceLockKey(id));
    await h.operator.agent.post(`/console/sources/${id}/run`).type('form').send({ _csrf: h.operator.csrf });
    await held2!.release();
    expect((await h.operator.agent.get('/console')).text).toContain('A run of Worded is already in progress (on this server or another): this one was skipped.');

    const doc = (await request(h.app).get('/api/openapi.json')).body;
    expect(doc.components.schemas.SyncRun.properties.status.enum).toEqual(['queued', 'running', 'succeeded', 'partial', 'failed', 'skipped']);
    expect(doc.paths['/api/v1/sources/{id}/runs/{runId}'].get).toBeDefined();
  });
});

describe('When the server shuts down with a run under way', () => {
  it('then the run stops, records failed with the reason, and lets its lock go', async () => {
    const feed = await gatedFeed();
    try {
      const id = await h.addSource({ name: 'At shutdown', network: 'empretec', connector: 'json', url: feed.url });
      const started = await h.post(`/api/v1/sources/${id}/runs`);
      expect(started.body.status).toBe('queued');
      await abortInFlightRuns({ timeoutMs: 10_000 });
      const run = await getRun(id, started.body.id);
      expect(run.status).toBe('failed');
      expect(run.errors.map((e: { message: string }) => e.message).join()).toMatch(/the server is shutting down/);
      const again = await tryLock(h.ctx.database, sourceLockKey(id));
      expect(again).toBeDefined();
      await again!.release();
    } finally {
      feed.close();
    }
  });
});
