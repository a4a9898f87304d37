/**
 * `npm run bench:faults [-- --partition-ms 3000]`: with the default timeouts, measures how long
 * the real server takes to exit on SIGTERM (embedded database; and, with DATABASE_URL, while its
 * database is black-holed with a request in flight), and how long the pool takes to serve again
 * after a partition ends. The faults go through the tests' TCP proxy in front of DATABASE_URL.
 * Development only: it uses test helpers, so the build leaves it out.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../server/app';
import { boot } from '../server/boot';
import { scratchDatabase } from '../server/db/scratch';
import { readEnv } from '../server/env';
import { createLogger } from '../server/logger';
import { startFaultProxy, type FaultProxy } from '../test/fault-proxy';
import { spawnServer, stopWithSigterm } from '../test/spawn-server';

const opts = new Command()
  .option('--partition-ms <ms>', 'how long the database stays black-holed before the pool recovery is timed', '3000')
  .parse()
  .opts<{ partitionMs: string }>();

const BOUND_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let asked = 0;
const ask = (app: Express) => request(app).get(`/api/v1/organizations?q=bench${(asked += 1)}`).timeout(BOUND_MS);

async function sigtermEmbedded(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-bench-'));
  try {
    const server = await spawnServer({ DATA_DIR: dataDir, SEED: 'none' });
    await fetch(`${server.url}/healthz`);
    const { code, ms } = await stopWithSigterm(server, BOUND_MS);
    console.log(`SIGTERM, embedded database: exit ${code} after ${ms} ms`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function sigtermBlackholed(proxy: FaultProxy, url: string): Promise<void> {
  const server = await spawnServer({ DATABASE_URL: proxy.urlFor(url) });
  await Promise.all(Array.from({ length: 4 }, () => fetch(`${server.url}/api/v1/organizations`)));
  proxy.blackhole();
  const hanging = fetch(`${server.url}/api/v1/organizations?q=hang`).catch(() => undefined);
  while (proxy.open === 0) await sleep(10);
  const { code, ms } = await stopWithSigterm(server, BOUND_MS);
  await hanging;
  proxy.restore();
  console.log(`SIGTERM, PostgreSQL black-holed, a request in flight: exit ${code} after ${ms} ms`);
}

async function poolRecovery(proxy: FaultProxy, url: string, partitionMs: number): Promise<void> {
  const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LIST_CACHE_SIZE: '0', DATABASE_URL: proxy.urlFor(url) });
  const ctx = await boot(env, createLogger('silent'), { inMemory: true });
  const app = createApp(ctx);
  try {
    await Promise.all(Array.from({ length: 6 }, () => ask(app)));
    proxy.blackhole();
    const during = Promise.all([ask(app), ask(app), ask(app)].map((r) => r.then((res) => res.status)));
    await sleep(partitionMs);
    proxy.restore();
    const restored = performance.now();
    let polls = 0;
    for (;;) {
      polls += 1;
      if ((await ask(app)).status === 200) break;
    }
    const firstServed = performance.now() - restored;
    for (;;) {
      const statuses = await Promise.all(Array.from({ length: 10 }, () => ask(app).then((r) => r.status)));
      if (statuses.every((s) => s === 200)) break;
    }
    const allServed = performance.now() - restored;
    console.log(
      `pool recovery after a ${partitionMs} ms partition: first request served ${Math.round(firstServed)} ms after restore (${polls} sequential requests), ` +
        `10 parallel requests all served ${Math.round(allServed)} ms after; requests caught in the partition answered ${(await during).join(', ')}`,
    );
  } finally {
    await ctx.database.close();
  }
}

async function main() {
  const serverUrl = process.env.DATABASE_URL;
  await sigtermEmbedded();
  if (!serverUrl) {
    console.log('DATABASE_URL is not set: the black-hole and pool recovery figures need a PostgreSQL server');
    return;
  }
  const target = new URL(serverUrl);
  const proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const scratch = await scratchDatabase(serverUrl, 'pn_bench');
  try {
    await sigtermBlackholed(proxy, scratch.url);
    await poolRecovery(proxy, scratch.url, Number(opts.partitionMs));
  } finally {
    await proxy.close();
    await scratch.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
