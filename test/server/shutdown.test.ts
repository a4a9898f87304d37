/**
 * The real server, spawned as `npm start` runs it (node with tsx instead of the build), stopped
 * with SIGTERM: it must exit within its deadline, also while the database does not answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { exitCodes } from '../../server/shutdown';
import { startFaultProxy } from '../fault-proxy';
import { spawnServer, stopWithSigterm } from '../spawn-server';
import { preparedDataDir } from '../db-template';
import { serverTestDatabase, serverUrl } from '../support';

/** Passed in small; the default (9 s) is what the README promises. Each step gets 40 % of it. */
const DEADLINE_MS = 3_000;
/** How long past the deadline the test waits before calling the exit missed (a loaded machine), not a speed limit. */
const BOUND_MS = DEADLINE_MS + 8_000;
const deadline = { SHUTDOWN_DEADLINE_MS: String(DEADLINE_MS) };

describe('When the server on the embedded database gets SIGTERM', () => {
  it('then it stops cleanly (exit 0) and lets go of the data folder', async () => {
    const dataDir = await preparedDataDir('pn-shutdown-');
    try {
      const server = await spawnServer({ ...deadline, DATA_DIR: dataDir, SEED: 'none' });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect((await stopWithSigterm(server, BOUND_MS)).code).toBe(exitCodes.stopped);
      expect(server.output()).toContain('shutting down');
      expect(fs.existsSync(path.join(dataDir, 'partnering.lock'))).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

// A black hole needs a network between the server and its database: the embedded one has none,
// so this part runs when the suite runs against a PostgreSQL server (DATABASE_URL).
if (serverUrl) {
  const url = serverUrl;
  describe('When the server on a PostgreSQL server survives a reset, and then gets SIGTERM while the database is black-holed', () => {
    it('then it stays up through the reset, and exits within the deadline with a request still hanging', async () => {
      const target = new URL(url);
      const scratch = await serverTestDatabase(url);
      const proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port || 5432) });
      try {
        const server = await spawnServer({ ...deadline, DATABASE_URL: proxy.urlFor(scratch.url) });
        const statuses = await Promise.all(Array.from({ length: 4 }, async () => (await fetch(`${server.url}/api/v1/organizations`)).status));
        expect(statuses).toEqual([200, 200, 200, 200]);
        proxy.reset();
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
        expect(server.child.exitCode).toBeNull();

        proxy.blackhole();
        const hanging = fetch(`${server.url}/api/v1/organizations?q=hang`).then(
          (res) => res.status,
          () => 'cut',
        );
        // The request is in flight once the server has taken its connection.
        while (proxy.open === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        const { code } = await stopWithSigterm(server, BOUND_MS);
        expect([exitCodes.stopped, exitCodes.forced]).toContain(code);
        expect(await hanging).not.toBe(200);
      } finally {
        proxy.restore();
        await proxy.close();
        await scratch.drop();
      }
    }, 120_000);
  });
}
