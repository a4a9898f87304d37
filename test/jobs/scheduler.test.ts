import request from 'supertest';
import { nextRuns, startScheduler } from '../../jobs/scheduler';
import { signedIn, testApp, type TestApp } from '../support';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ FEED_ALLOW_PRIVATE: '1' });
});
afterAll(() => t.close());

/** Waits until the scheduler has caught up, however long a busy machine takes: the test's own time-out is the only bound. */
const waitFor = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('When an operator schedules a source', () => {
  it('then the schedule takes effect at once, follows changes, and stops when disabled', async () => {
    const scheduler = startScheduler(t.ctx);
    try {
      const op = await signedIn(t, ['operator']);
      const created = await op.agent
        .post('/api/v1/sources')
        .set('X-CSRF-Token', op.csrf)
        .send({ name: 'Nightly EMPRETEC', network: 'empretec', connector: 'json', url: 'http://127.0.0.1:9/none.json', schedule: '0 3 * * *', timezone: 'Africa/Nairobi' });
      const id: string = created.body.id;
      await waitFor(() => nextRuns().has(id));
      const next = nextRuns().get(id);
      // 03:00 in Nairobi is 00:00 UTC.
      expect(next?.getUTCHours()).toBe(0);

      await op.agent.patch(`/api/v1/sources/${id}`).set('X-CSRF-Token', op.csrf).send({ schedule: '30 5 * * *', timezone: 'UTC' });
      await waitFor(() => nextRuns().get(id)?.getUTCHours() === 5);
      expect(nextRuns().get(id)?.getUTCMinutes()).toBe(30);

      await op.agent.patch(`/api/v1/sources/${id}`).set('X-CSRF-Token', op.csrf).send({ enabled: false });
      await waitFor(() => !nextRuns().has(id));
      expect(nextRuns().has(id)).toBe(false);
      expect((await request(t.app).get('/healthz')).status).toBe(200);
    } finally {
      scheduler.stop();
    }
  });
});
