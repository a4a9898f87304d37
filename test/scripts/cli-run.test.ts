import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sourceLockKey } from '../../jobs/start-run';
import { tryLock } from '../../server/db/advisory-lock';
import { openDatabase } from '../../server/db/client';
import { listSources } from '../../server/db/sync';
import { startFeedServer, type FeedServer } from '../feed-server';
import { preparedDataDir } from '../db-template';
import { serverTestDatabase, serverUrl } from '../support';

/** Runs the operator CLI as an operator would, without blocking this process (it serves the feeds). */
function cli(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const { DATABASE_URL: _server, ...base } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../scripts/cli.ts'), ...args], {
      env: { ...base, LOG_LEVEL: 'silent', FEED_ALLOW_PRIVATE: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('When an operator runs a source from the CLI', () => {
  let feeds: FeedServer;
  let dataDir: string;
  let scratch: Awaited<ReturnType<typeof serverTestDatabase>> | undefined;
  let env: Record<string, string>;
  beforeAll(async () => {
    feeds = await startFeedServer();
    dataDir = await preparedDataDir('pn-cli-run-');
    scratch = serverUrl ? await serverTestDatabase(serverUrl) : undefined;
    env = { DATA_DIR: dataDir, SEED: 'none', ...(scratch ? { DATABASE_URL: scratch.url } : {}) };
  });
  afterAll(async () => {
    await feeds.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  });

  const add = async (name: string, url: string) => {
    const out = await cli(['sources', 'add', '--name', name, '--network', 'empretec', '--connector', 'json', '--url', url], env);
    expect(out.status).toBe(0);
    return /as source ([0-9a-f-]{36})/.exec(out.stdout)![1]!;
  };

  it('then a run that works exits 0 and prints its counts', async () => {
    const id = await add('CLI good', feeds.url('generated/centres.json?count=20'));
    const out = await cli(['sources', 'run', id], env);
    expect(out.stdout).toMatch(/^succeeded: fetched 20, created 20/m);
    expect(out.status).toBe(0);
  }, 120_000);

  it('then a run that fails exits 1 and says why in a sentence', async () => {
    const id = await add('CLI broken', feeds.url('fault/500'));
    const out = await cli(['sources', 'run', id], env);
    expect(out.status).toBe(1);
    expect(out.stdout).toMatch(/^failed: fetched 0/m);
    expect(out.stdout).toMatch(/answered 500/);
    expect(out.stderr).not.toMatch(/at \w+ \(/);
  }, 120_000);

  it('then a source already being synced elsewhere is skipped with exit 75 (embedded: the CLI is refused while the server holds the database), in a sentence', async () => {
    const id = await add('CLI busy', feeds.url('generated/centres.json?count=5'));
    if (!scratch) {
      // Embedded, a second process cannot open the database at all while another (the server) uses
      // it, so the CLI never meets another run: it is refused before anything starts, in a sentence.
      const server = await openDatabase({ dataDir });
      try {
        const out = await cli(['sources', 'run', id], env);
        expect(out.status).not.toBe(0);
        expect(out.stderr).toMatch(/is in use by process \d+ \(a running server\?\)\. Stop it first/);
        expect(out.stderr).not.toMatch(/at \w+ \(/);
      } finally {
        await server.close();
      }
      return;
    }
    // Another instance (the server's scheduler) holds the source's lock on the same database.
    const other = await openDatabase({ databaseUrl: scratch.url });
    try {
      const held = await tryLock(other, sourceLockKey(id));
      expect(held).toBeDefined();
      const out = await cli(['sources', 'run', id], env);
      expect(out.status).toBe(75);
      expect(out.stdout).toMatch(/^skipped: CLI busy is already being synced .* nothing was done/m);
      const [source] = (await listSources(other.db)).filter((s) => s.id === id);
      expect(source).toBeDefined();
      await held!.release();
      expect((await cli(['sources', 'run', id], env)).status).toBe(0);
    } finally {
      await other.close();
    }
  }, 120_000);
});
