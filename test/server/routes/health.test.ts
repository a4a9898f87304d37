import net from 'node:net';
import request from 'supertest';
import { createApp } from '../../../server/app';
import { boot } from '../../../server/boot';
import { readEnv } from '../../../server/env';
import { createLogger } from '../../../server/logger';
import { scratchDatabase, serverUrl, testApp } from '../../support';

/** A loopback TCP proxy to the PostgreSQL server that can be cut and restored, like a database going away. */
function proxy(target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server?.address() as net.AddressInfo).port;
        resolve();
      });
    });
  return {
    start: listen,
    url: () => {
      const u = new URL(target.toString());
      u.host = `127.0.0.1:${port}`;
      return u.toString();
    },
    async cut() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    },
  };
}

describe('When the service is up', () => {
  it('then /healthz answers 200 ok and the OpenAPI document lists every list route', async () => {
    const t = await testApp();
    try {
      const health = await request(t.app).get('/healthz');
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('ok');
      const doc = await request(t.app).get('/api/openapi.json');
      expect(doc.body.openapi).toBe('3.1.0');
      for (const path of ['/api/v1/organizations', '/api/v1/programmes', '/api/v1/cases', '/api/v1/organizations/{id}', '/healthz', '/api/v1/auth/login', '/api/v1/tokens/{id}', '/api/v1/admin/users/{id}']) {
        expect(doc.body.paths[path]).toBeDefined();
      }
    } finally {
      await t.close();
    }
  });
});

describe('When the database stops answering', () => {
  it('then /healthz gives 503, the API gives problem+json 503, and service resumes when the database is back', async () => {
    if (!serverUrl) {
      // The embedded database lives in the process: the closest thing to it going away is closing it.
      const t = await testApp();
      await t.ctx.database.close();
      expect((await request(t.app).get('/healthz')).status).toBe(503);
      const api = await request(t.app).get('/api/v1/organizations');
      expect(api.status).toBe(503);
      expect(api.type).toBe('application/problem+json');
      expect(api.headers['retry-after']).toBeDefined();
      return;
    }
    const scratch = await scratchDatabase(serverUrl);
    const link = proxy(new URL(scratch.url));
    await link.start();
    const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: link.url() });
    const ctx = await boot(env, createLogger(process.env.TEST_LOG ?? 'silent'), { inMemory: true });
    const app = createApp(ctx);
    try {
      expect((await request(app).get('/healthz')).status).toBe(200);
      await link.cut();
      expect((await request(app).get('/healthz')).status).toBe(503);
      const api = await request(app).get('/api/v1/organizations');
      expect(api.status).toBe(503);
      expect(api.type).toBe('application/problem+json');
      expect(JSON.stringify(api.body)).not.toMatch(/ECONNREFUSED|at \w+ \(/);
      await link.start();
      expect((await request(app).get('/healthz')).status).toBe(200);
      expect((await request(app).get('/api/v1/organizations')).status).toBe(200);
    } finally {
      await ctx.database.close();
      await link.cut();
      await scratch.drop();
    }
  });
});
