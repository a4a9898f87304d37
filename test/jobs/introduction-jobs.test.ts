/** When the scheduler runs the introduction loop's jobs, then each is daily, has a lock of its own, and a second instance holding it makes the run a skip. */
import { jobs, runExclusive } from '../../jobs/scheduler';
import { tryLock } from '../../server/db/advisory-lock';
import { testApp, type TestApp } from '../support';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const names = ['remind-introductions', 'flag-introductions', 'expire-introductions', 'introduction-follow-ups'];

describe('When the scheduler lists its jobs', () => {
  it('then the reminders, the flag, the expiry and the six-month question run daily, each under its own lock', () => {
    const all = jobs();
    const loop = all.filter((j) => names.includes(j.name));
    expect(loop.map((j) => j.name).sort()).toEqual([...names].sort());
    for (const job of loop) expect(job.schedule).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(new Set(all.map((j) => j.lock)).size).toBe(all.length);
  });

  it('then a job whose lock another instance holds is skipped, and runs once the lock is free', async () => {
    const job = jobs().find((j) => j.name === 'expire-introductions');
    if (!job) throw new Error('no expiry job');
    const held = await tryLock(t.ctx.database, String(job.lock));
    try {
      expect(await runExclusive(t.ctx, job)).toBe('skipped');
    } finally {
      await held?.release();
    }
    expect(await runExclusive(t.ctx, job)).toBe('ran');
  });
});
