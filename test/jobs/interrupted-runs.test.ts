import fs from 'node:fs';
import { closeInterruptedRuns, startRunSweeper, type Ticker } from '../../jobs/run-sweeper';
import { moveRun, openRun, recordProgress } from '../../jobs/run-state';
import { sourceLockKey } from '../../jobs/start-run';
import { tryLock } from '../../server/db/advisory-lock';
import type { Db } from '../../server/db/client';
import { insertSource, runById, type RunRow } from '../../server/db/sync';
import { readEnv } from '../../server/env';
import { startWebServer } from '../../server/main';
import { preparedDataDir } from '../db-template';
import { serverTestDatabase, serverUrl, testApp, type TestApp } from '../support';

const counts = { fetched: 1500, created: 1500, updated: 0, unchanged: 0, withdrawn: 0, rejected: 0 };

/** What a process killed mid-run leaves: a run `running`, its counts as of its last batch, and no lock holder. */
async function runLeftRunning(db: Db, name: string): Promise<RunRow> {
  const source = await insertSource(db, { name, network: 'empretec', connector: 'json', url: 'http://127.0.0.1:9/feed.json' });
  const run = await openRun(db, source.id, 'schedule');
  await moveRun(db, run.id, { to: 'running', startedAt: new Date('2026-01-01T00:00:00Z') });
  await recordProgress(db, run.id, counts);
  return run;
}

/** A sweeper ticker the test drives by hand. */
function manualTicker() {
  const ticks: (() => Promise<void>)[] = [];
  const ticker: Ticker = {
    every(_ms, tick) {
      ticks.push(tick);
      return { stop: () => void ticks.splice(ticks.indexOf(tick), 1) };
    },
  };
  return { ticker, tick: () => Promise.all(ticks.map((t) => t())) };
}

describe('When a process was killed with a run under way', () => {
  let dataDir: string;
  let scratch: Awaited<ReturnType<typeof serverTestDatabase>> | undefined;
  beforeAll(async () => {
    dataDir = await preparedDataDir('pn-interrupted-');
    scratch = serverUrl ? await serverTestDatabase(serverUrl) : undefined;
  });
  afterAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  });

  it('then the next start closes the run as failed "interrupted", keeping the counts it got to', async () => {
    const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', DATA_DIR: dataDir, SEED: 'none', ...(scratch ? { DATABASE_URL: scratch.url } : {}) });
    let server = await startWebServer(env);
    let run: RunRow;
    try {
      run = await runLeftRunning(server.ctx.database.db, 'Killed mid-run');
    } finally {
      // Stopping here does not close the run: nothing in this process knew of it, as after kill -9.
      await server.stop();
    }
    server = await startWebServer(env);
    try {
      const after = await runById(server.ctx.database.db, run.sourceId, run.id);
      expect(after).toMatchObject({ status: 'failed', counts });
      expect(after?.errors).toEqual([{ message: 'interrupted' }]);
      expect(after?.finishedAt).not.toBeNull();
    } finally {
      await server.stop();
    }
  });
});

describe('When a live instance finds a run nobody works on any more', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('then its sweeper closes it at the next tick, and leaves alone a run whose lock is held', async () => {
    const db = t.ctx.database.db;
    const orphan = await runLeftRunning(db, 'Orphan');
    const alive = await runLeftRunning(db, 'Alive elsewhere');
    const held = await tryLock(t.ctx.database, sourceLockKey(alive.sourceId));
    expect(held).toBeDefined();
    const clock = manualTicker();
    const now = new Date('2026-06-01T12:00:00Z');
    const sweeper = startRunSweeper(t.ctx, { ticker: clock.ticker, now: () => now });
    try {
      // Until the sweeper ticks, nothing changes.
      expect((await runById(db, orphan.sourceId, orphan.id))?.status).toBe('running');
      await clock.tick();
      expect(await runById(db, orphan.sourceId, orphan.id)).toMatchObject({ status: 'failed', finishedAt: now, counts, errors: [{ message: 'interrupted' }] });
      expect((await runById(db, alive.sourceId, alive.id))?.status).toBe('running');

      // Once its holder is gone, that one is closed too.
      await held!.release();
      await clock.tick();
      expect((await runById(db, alive.sourceId, alive.id))?.status).toBe('failed');
    } finally {
      sweeper.stop();
    }
  });

  it('then a run closed as interrupted stays closed: a late write of the dead run cannot reopen it', async () => {
    const db = t.ctx.database.db;
    const run = await runLeftRunning(db, 'Late writer');
    expect(await closeInterruptedRuns(t.ctx)).toBe(1);
    expect(await moveRun(db, run.id, { to: 'succeeded', finishedAt: new Date(), counts, errors: [] })).toBe(false);
    await recordProgress(db, run.id, { ...counts, fetched: 9999 });
    expect(await runById(db, run.sourceId, run.id)).toMatchObject({ status: 'failed', counts });
  });
});
