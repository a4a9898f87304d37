/**
 * `npm run bench:restart [-- --n 50000 --kill-at 0.5]`: how long a run takes after a process
 * was killed (kill -9) part-way through one, against a clean run of the same feed. Serves a
 * synthetic feed of N organizations on loopback; syncs it in a child process on a fresh
 * database (clean run); then, on another fresh database, starts the same sync in a child, kills
 * it with SIGKILL once `kill-at` of the records are imported, and syncs again in a new child
 * (which first closes the killed run as interrupted, as the server does at start). Prints both
 * times and their ratio. DATABASE_URL selects the server (scratch databases, dropped at the end);
 * otherwise embedded databases in a temp folder.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { scratchDatabase } from '../server/db/scratch';
import { loadReference } from '../server/reference';
import { feedRecords, serveFeeds, writeFeed } from './bench/feed';
import type { RestartChildConfig, RestartMessage } from './bench/restart-child';

type Result = Extract<RestartMessage, { type: 'result' }>;

const opts = new Command()
  .option('--n <count>', 'records in the feed', '50000')
  .option('--kill-at <share>', 'share of the records imported when the first process is killed', '0.5')
  .option('--seed <number>', 'seed of the generated records', '42')
  .parse()
  .opts<{ n: string; killAt: string; seed: string }>();
const n = Number(opts.n);
const killAt = Number(opts.killAt);
if (!Number.isInteger(n) || n < 1) throw new Error(`--n must be a whole number of records, not ${opts.n}`);
if (!(killAt > 0 && killAt < 1)) throw new Error(`--kill-at must be a share between 0 and 1, not ${opts.killAt}`);

const count = (x: number) => Math.round(x).toLocaleString('en');
const seconds = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

let running: ChildProcess | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (running ? running.kill(signal) : process.exit(130)));

/** Runs the sync in a child; with `killWhen`, kills it with SIGKILL once that many records are imported and resolves with what it got to. */
function syncInChild(label: string, config: RestartChildConfig, killWhen?: number): Promise<Result | { killedAt: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'bench', 'restart-child.ts'), [JSON.stringify(config)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    running = child;
    let result: Result | undefined;
    let imported = 0;
    const started = performance.now();
    child.on('message', (m: RestartMessage) => {
      if (m.type === 'result') return void (result = m);
      imported = m.imported;
      if (process.stdout.isTTY) process.stdout.write(`\r\x1b[K  ${label}: ${count(imported)} / ${count(n)} imported, ${seconds((performance.now() - started) / 1000)} s`);
      if (killWhen !== undefined && imported >= killWhen) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      running = undefined;
      if (process.stdout.isTTY) process.stdout.write('\n');
      if (signal === 'SIGKILL' && killWhen !== undefined) resolve({ killedAt: imported });
      else if (result) resolve(result);
      else reject(new Error(`the ${label} process exited (${signal ?? code}) before reporting`));
    });
  });
}

/** A fresh database for one scenario: a scratch database on the server, or a folder of its own. */
async function freshDatabase(tmp: string, name: string): Promise<{ config: Omit<RestartChildConfig, 'url'>; drop(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const scratch = await scratchDatabase(serverUrl, 'pn_bench_restart');
    return { config: { databaseUrl: scratch.url }, drop: scratch.drop };
  }
  const dataDir = path.join(tmp, name);
  return { config: { dataDir }, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

const finished = (r: Result | { killedAt: number }): Result => {
  if ('killedAt' in r) throw new Error('the run was killed where it should have finished');
  if (r.status !== 'succeeded') throw new Error(`the run ended ${r.status}: ${r.errors.join(' | ')}`);
  return r;
};

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-bench-restart-'));
  const countries = loadReference()
    .countries.filter((c) => c.region !== null)
    .sort((a, b) => a.alpha2.localeCompare(b.alpha2));
  console.log(`database: ${process.env.DATABASE_URL ? 'server (scratch databases)' : 'embedded (temp folders)'}; ${count(n)} records, killed at ${Math.round(killAt * 100)} %; ${os.cpus().length} cores`);
  const feed = await writeFeed(path.join(tmp, 'feed.json'), 'json', feedRecords(n, Number(opts.seed), countries));
  const server = await serveFeeds({ 'feed.json': feed });
  try {
    const cleanDb = await freshDatabase(tmp, 'clean');
    let clean: Result;
    try {
      clean = finished(await syncInChild('clean run', { url: server.url('feed.json'), ...cleanDb.config }));
    } finally {
      await cleanDb.drop();
    }

    const killedDb = await freshDatabase(tmp, 'killed');
    let killed: Result | { killedAt: number };
    let rerun: Result;
    try {
      killed = await syncInChild('run killed part-way', { url: server.url('feed.json'), ...killedDb.config }, Math.floor(n * killAt));
      rerun = finished(await syncInChild('run after the kill', { url: server.url('feed.json'), ...killedDb.config }));
    } finally {
      await killedDb.drop();
    }
    const c = (r: Result) => r.counts ?? { created: 0, unchanged: 0 };
    console.log(`\nclean run:             ${seconds(clean.seconds)} s (created ${count(c(clean).created)})`);
    console.log(`killed (SIGKILL) after ${count('killedAt' in killed ? killed.killedAt : 0)} records imported`);
    console.log(`run after the kill:    ${seconds(rerun.seconds)} s (closed ${rerun.closedAtStart} interrupted run at start; created ${count(c(rerun).created)}, unchanged ${count(c(rerun).unchanged)})`);
    console.log(`ratio after/clean:     ${(rerun.seconds / clean.seconds).toFixed(2)}`);
  } finally {
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
