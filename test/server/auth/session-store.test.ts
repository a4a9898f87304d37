import request from 'supertest';
import { DatabaseSessionStore } from '../../../server/auth/session-store';
import { signedIn, testApp } from '../../support';

describe('When the database goes away under the session store', () => {
  it('then a write without a callback leaves no unhandled rejection, a read reports the error, and a signed-in request gets 503 problem+json', async () => {
    const t = await testApp();
    const { agent } = await signedIn(t, []);
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      await t.ctx.database.close();
      const store = new DatabaseSessionStore(t.ctx.database.db);
      store.set('sid-1', { cookie: { originalMaxAge: 1000 } } as never);
      store.touch('sid-1', { cookie: { originalMaxAge: 1000 } } as never);
      store.destroy('sid-1');
      const readError = await new Promise((resolve) => store.get('sid-1', (err) => resolve(err)));
      expect(readError).toBeInstanceOf(Error);
      // Rejections are reported after the microtask queue drains: give it a full turn of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
      const res = await agent.get('/api/v1/auth/session');
      expect(res.status).toBe(503);
      expect(res.type).toBe('application/problem+json');
      expect((await request(t.app).get('/healthz')).status).toBe(503);
    } finally {
      process.off('unhandledRejection', record);
      await t.close();
    }
  });
});
