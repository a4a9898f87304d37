/**
 * `npm run bench:sync [-- --n 1000000 --format json|csv|both]`: serves N synthetic organizations
 * as JSON and CSV feeds on loopback, syncs each feed in a child process (first sync, unchanged
 * re-sync, 304 re-sync) and loads the same rows with COPY, then prints the figures against the
 * targets. DATABASE_URL selects the server (a scratch database per format, dropped at the end);
 * otherwise an embedded database in a temp folder.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';
import { scratchDatabase } from '../server/db/scratch';
import { loadReference } from '../server/reference';
import { feedFormats, feedRecords, serveFeeds, writeFeed, type FeedFile, type FeedFormat } from './bench/feed';
import type { ChildConfig, ChildMessage } from './bench/sync-child';

type Result = Extract<ChildMessage, { type: 'result' }>;

const opts = new Command()
  .option('--n <count>', 'records in each feed', '100000')
  .addOption(new Option('--format <format>', 'feeds to sync').choices(['json', 'csv', 'both']).default('both'))
  .option('--seed <number>', 'seed of the generated records', '42')
  .option('--keep', 'keep the generated feeds and the embedded database folder (printed at the end)')
  .parse()
  .opts<{ n: string; format: 'json' | 'csv' | 'both'; seed: string; keep?: boolean }>();
const n = Number(opts.n);
if (!Number.isInteger(n) || n < 1) throw new Error(`--n must be a whole number of records, not ${opts.n}`);
const formats: FeedFormat[] = opts.format === 'both' ? [...feedFormats] : [opts.format];

const count = (x: number) => Math.round(x).toLocaleString('en');
const seconds = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

/** The syncing process now running: a signal stops it, and the finally blocks drop the scratch database and the temp folder. */
let running: ChildProcess | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (running ? running.kill(signal) : process.exit(130)));

/** Forks the syncing process and waits for its figures, echoing its progress (on one line on a terminal). */
function syncInChild(config: ChildConfig): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'bench', 'sync-child.ts'), [JSON.stringify(config)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    running = child;
    let result: Result | undefined;
    let phase = { name: 'boot', started: performance.now() };
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'result') return void (result = m);
      if (m.phase !== phase.name) {
        if (!process.stdout.isTTY) console.log(`  ${config.format} · ${m.phase}`);
        phase = { name: m.phase, started: performance.now() };
      }
      const elapsed = seconds((performance.now() - phase.started) / 1000);
      if (process.stdout.isTTY) process.stdout.write(`\r\x1b[K  ${config.format} · ${m.phase}: ${count(m.imported)} / ${count(n)} imported, ${elapsed} s`);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      running = undefined;
      if (process.stdout.isTTY) process.stdout.write('\n');
      if (result) resolve(result);
      else reject(new Error(`the syncing process of the ${config.format} feed exited (${signal ?? code}) before reporting`));
    });
  });
}

async function benchFormat(format: FeedFormat, url: string, changedUrl: string, copyFile: string, tmp: string): Promise<Result> {
  const serverUrl = process.env.DATABASE_URL;
  const scratch = serverUrl ? await scratchDatabase(serverUrl, 'pn_bench_sync') : undefined;
  const dataDir = scratch ? undefined : path.join(tmp, `db-${format}`);
  try {
    return await syncInChild({ format, url, changedUrl, copyFile, databaseUrl: scratch?.url, dataDir });
  } finally {
    await scratch?.drop();
    if (dataDir && !opts.keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Row {
  label: string;
  values: string[];
  target?: string;
  met?: boolean[];
}

function printTable(results: Result[]): void {
  const rows: Row[] = [];
  const each = (label: string, value: (r: Result) => string, target?: string, met?: (r: Result) => boolean) =>
    rows.push({ label, values: results.map(value), target, met: met ? results.map(met) : undefined });
  const rate = (r: Result) => r.first.counts.fetched / r.first.seconds;
  const written = (r: Result) => r.unchanged.rowsWritten.organizations + r.unchanged.rowsWritten.provenance;
  const share = (r: Result) => r.unchanged.seconds / r.first.seconds;
  each('first sync, s', (r) => seconds(r.first.seconds));
  each('  records/s', (r) => count(rate(r)), '≥ 20,000', (r) => rate(r) >= 20_000);
  each('RSS of the syncing process once booted, MB', (r) => count(r.bootRssMb));
  each('peak RSS of the syncing process, MB', (r) => count(r.peakRssMb), '≤ 300', (r) => r.peakRssMb <= 300);
  each('unchanged re-sync (no ETag, same bytes), s', (r) => seconds(r.unchanged.seconds));
  each('  share of the first sync', (r) => `${(share(r) * 100).toFixed(1)} %`, '≤ 10 %', (r) => share(r) <= 0.1);
  each('  rows written (organizations)', (r) => count(r.unchanged.rowsWritten.organizations));
  each('  rows written (provenance)', (r) => count(r.unchanged.rowsWritten.provenance));
  each('  rows written, total', (r) => count(written(r)), '0', (r) => written(r) === 0);
  const fullShare = (r: Result) => r.readInFull.seconds / r.first.seconds;
  const fullWritten = (r: Result) => r.readInFull.rowsWritten.organizations + r.readInFull.rowsWritten.provenance;
  each('unchanged re-sync read in full (hash forgotten), s', (r) => seconds(r.readInFull.seconds));
  each('  share of the first sync', (r) => `${(fullShare(r) * 100).toFixed(1)} %`);
  each('  records/s', (r) => count(r.readInFull.counts.fetched / r.readInFull.seconds));
  each('  rows written, total', (r) => count(fullWritten(r)), '0', (r) => fullWritten(r) === 0);
  each('304 re-sync, s', (r) => seconds(r.notModified.seconds), '< 1', (r) => r.notModified.seconds < 1);
  const changedRate = (r: Result) => r.tenthChanged.counts.fetched / r.tenthChanged.seconds;
  each('re-sync with a tenth of records changed, s', (r) => seconds(r.tenthChanged.seconds));
  each('  records/s', (r) => count(changedRate(r)), '≥ 50,000', (r) => changedRate(r) >= 50_000);
  each('  records updated', (r) => count(r.tenthChanged.counts.updated), count(Math.ceil(n / 10)), (r) => r.tenthChanged.counts.updated === Math.ceil(n / 10));
  each('  rows written (organizations)', (r) => count(r.tenthChanged.rowsWritten.organizations));
  each('COPY, bare unlogged table, s', (r) => seconds(r.copyBareSeconds));
  each('  sync/COPY ratio', (r) => (r.first.seconds / r.copyBareSeconds).toFixed(1), '≤ 15', (r) => r.first.seconds / r.copyBareSeconds <= 15);
  each('COPY, table like organizations, s', (r) => seconds(r.copyLikeSeconds));
  each('  sync/COPY ratio', (r) => (r.first.seconds / r.copyLikeSeconds).toFixed(1));

  const cell = (row: Row, i: number) => `${row.values[i]}${row.met ? (row.met[i] ? ' ok' : ' MISSED') : ''}`;
  const labelWidth = Math.max(...rows.map((r) => r.label.length));
  const widths = results.map((_, i) => Math.max(12, ...rows.map((r) => cell(r, i).length)));
  console.log(`\n${'figure'.padEnd(labelWidth)}  ${formats.map((f, i) => f.padStart(widths[i] ?? 12)).join('  ')}  target`);
  for (const row of rows) console.log(`${row.label.padEnd(labelWidth)}  ${results.map((_, i) => cell(row, i).padStart(widths[i] ?? 12)).join('  ')}  ${row.target ?? ''}`);
}

function printRuns(results: Result[]): void {
  console.log('\nruns (fetched / created / updated / unchanged / withdrawn / rejected):');
  results.forEach((r, i) => {
    for (const [label, run] of [['first', r.first], ['unchanged', r.unchanged], ['in full', r.readInFull], ['304', r.notModified], ['a tenth', r.tenthChanged]] as const) {
      const c = run.counts;
      const errors = run.errors.length ? `; ${run.errors.join(' | ')}` : '';
      console.log(`  ${formats[i]} ${label.padEnd(9)} ${run.status.padEnd(9)} ${[c.fetched, c.created, c.updated, c.unchanged, c.withdrawn, c.rejected].map(count).join(' / ')}${errors}`);
    }
  });
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-bench-sync-'));
  const countries = loadReference()
    .countries.filter((c) => c.region !== null)
    .sort((a, b) => a.alpha2.localeCompare(b.alpha2));
  const seed = Number(opts.seed);
  console.log(`database: ${process.env.DATABASE_URL ? 'server (a scratch database per format)' : 'embedded (a temp folder per format)'}; ${count(n)} records, seed ${seed}; ${os.cpus().length} cores`);

  const t = performance.now();
  const files: Record<string, FeedFile> = {};
  for (const format of formats) {
    files[`feed.${format}`] = await writeFeed(path.join(tmp, `feed.${format}`), format, feedRecords(n, seed, countries));
    files[`changed.${format}`] = await writeFeed(path.join(tmp, `changed.${format}`), format, feedRecords(n, seed, countries, 10));
  }
  const copyFile = await writeFeed(path.join(tmp, 'rows.copy'), 'copy', feedRecords(n, seed, countries));
  const sizes = formats.map((f) => `${f} ${count((files[`feed.${f}`]?.bytes ?? 0) / 1024 ** 2)} MB`).join(', ');
  console.log(`  feeds written in ${seconds((performance.now() - t) / 1000)} s: ${sizes}`);

  const server = await serveFeeds(files);
  const results: Result[] = [];
  try {
    for (const format of formats) results.push(await benchFormat(format, server.url(`feed.${format}`), server.url(`changed.${format}`), copyFile.path, tmp));
  } finally {
    await server.close();
    if (!opts.keep) fs.rmSync(tmp, { recursive: true, force: true });
  }

  printTable(results);
  printRuns(results);
  console.log(
    `\nTargets hold on a PostgreSQL server at 1,000,000 records${process.env.DATABASE_URL && n >= 1_000_000 ? '' : ' (this run is smaller or embedded: read them as a trend)'}.` +
      '\nThe sync runs in a child process of its own; embedded, that process also holds the database, so its RSS includes PGlite.' +
      '\nRows written by the unchanged re-sync are the rows whose xmin is younger than the run (sync_runs excepted).' +
      '\nThe sync/COPY ratio that meets the target compares with the bare table; the second shows the same rows with the indexes of organizations (B-tree and the GIN indexes of its label arrays; search is not in the rows).',
  );
  if (opts.keep) console.log(`kept: ${tmp}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
