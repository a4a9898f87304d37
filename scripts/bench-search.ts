/**
 * `npm run bench:search [-- --n 1000000 --queries 300]`: generates N synthetic organizations,
 * builds the search index from them (time and memory), then measures list latency over HTTP
 * and of the same work called in-process, and prints p50/p95/p99 against the p95 of reading one
 * entry by id (`GET /api/v1/organizations/:id`) in the same run. Last, it adds a tenth more
 * organizations and times the index catching up. DATABASE_URL selects the server (a scratch
 * database is created and dropped); otherwise the embedded database is used.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { sql } from 'drizzle-orm';
import { presentEntries } from '../server/directory/read';
import { SearchIndex } from '../server/search-index';
import { listEntries } from '../server/search-index/list';
import { listQuery } from '../server/schemas/lists';
import { benchDirectory } from './bench/api-directory';
import type { RestartFigures } from './bench/search-restart-child';
import { generateOrganizations } from './bench/synthetic';

const opts = new Command()
  .option('--n <count>', 'synthetic organizations', '100000')
  .option('--queries <count>', 'measured requests per query kind', '200')
  .option('--cache', 'keep the per-process list cache on for the API (off by default: every request does the database work)')
  .parse()
  .opts<{ n: string; queries: string; cache?: boolean }>();
const n = Number(opts.n);
const perKind = Number(opts.queries);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const stats = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
};
const fmt = (x: number) => x.toFixed(2).padStart(8);

async function main() {
  const directory = await benchDirectory({ listCacheSize: opts.cache ? 500 : 0 });
  const { ctx } = directory;
  console.log(`database: ${ctx.database.kind}; generating ${n.toLocaleString('en')} organizations…`);
  const t0 = performance.now();
  await generateOrganizations(ctx.database, n, (done) => process.stdout.write(`\r  ${done.toLocaleString('en')} / ${n.toLocaleString('en')}`));
  await ctx.database.rows(sql`vacuum analyze organizations`);
  const [size] = await ctx.database.rows<{ mb: number }>(sql`select (pg_total_relation_size('organizations') / 1048576)::int as mb`);
  console.log(`\n  organizations with their indexes: ${size?.mb ?? '?'} MB`);
  console.log(`  generated and vacuumed in ${((performance.now() - t0) / 1000).toFixed(1)} s; API list cache ${opts.cache ? 'on' : 'off'}`);

  // The index is built as the server builds it before listening.
  global.gc?.();
  const before = process.memoryUsage();
  let t1 = performance.now();
  await ctx.searchIndex.ready();
  const buildMs = performance.now() - t1;
  global.gc?.();
  const after = process.memoryUsage();
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  console.log(
    `  search index built in ${(buildMs / 1000).toFixed(1)} s; memory it added: rss ${mb(after.rss - before.rss)}, JS heap ${mb(after.heapUsed - before.heapUsed)}, bitmaps (wasm) ${mb(after.arrayBuffers - before.arrayBuffers)}${global.gc ? '' : ' (run node with --expose-gc for steadier figures)'}`,
  );

  await snapshotFigures(directory.ctx);

  const base = await directory.serve();

  // Many distinct queries, drawn the same way on every run (a fixed seed), so no result is simply repeated.
  let seed = 42;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const pickOne = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const countries = ['KE', 'SN', 'BR', 'IN', 'VN', 'DE', 'ET', 'CO', 'MA', 'BD', 'GH', 'PE', 'KH', 'UG', 'MX', 'TH', 'NG', 'EG', 'TZ', 'ZM'];
  const words = ['investment', 'promotion', 'agency', 'export', 'trade', 'chamber', 'commerce', 'industry', 'development', 'technology', 'innovation', 'centre', 'agencia', 'desarrollo', 'chambre', 'network', 'business', 'energy', 'digital', 'tourism'];
  const regions = ['002', '019', '142', '150', '009', '202', '035', '419'];
  // Places as firms type them, in English, French and Spanish: read as places unless places=none.
  const placeNames = ['kenya', 'sénégal', 'brasil', 'inde', 'vietnam', 'etiopía', 'colombia', 'maroc', 'bangladesh', 'ghana', 'perú', 'cambodge', 'uganda', 'méxico', 'thaïlande', 'nigeria', 'égypte', 'tanzania', 'west africa', 'amérique latine'];
  const kindsOfOrg = ['chamber-of-commerce', 'investment-promotion-agency', 'technology-centre', 'incubator', 'development-agency'];
  const services = ['training', 'partner-search', 'legal-advice', 'study-tours', 'negotiation-support'];
  const kinds: Record<string, () => Record<string, string>> = {
    'two-word q + country': () => ({ q: `${pickOne(words)} ${pickOne(words)}`, country: pickOne(countries) }),
    'word + place': () => ({ q: `${pickOne(words)} ${pickOne(placeNames)}` }),
    'word + place as words': () => ({ q: `${pickOne(words)} ${pickOne(placeNames)}`, places: 'none' }),
    'prefix q': () => {
      const w = pickOne(words);
      return { q: w.slice(0, 3 + Math.floor(rand() * 3)) };
    },
    'prefix q, facets=none': () => {
      const w = pickOne(words);
      return { q: w.slice(0, 3 + Math.floor(rand() * 3)), facets: 'none' };
    },
    'filter only': (): Record<string, string> =>
      rand() < 0.5 ? { country: pickOne(countries), kind: pickOne(kindsOfOrg) } : { region: pickOne(regions), service: pickOne(services), network: 'empretec' },
  };

  // The baseline: one entry by id, through the same API.
  const sampleIds = (await ctx.database.rows<{ id: string }>(sql`select id from organizations order by random() limit ${perKind + 10}`)).map((r) => r.id);
  const byId: number[] = [];
  for (const [i, id] of sampleIds.entries()) {
    const t = performance.now();
    const res = await fetch(`${base}/api/v1/organizations/${id}`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`by id → ${res.status}`);
    if (i >= 10) byId.push(performance.now() - t);
  }
  const baseline = stats(byId);

  console.log(`\n${perKind} requests per kind, sequential, after one warm-up pass (ms)`);
  console.log(`${'GET /organizations/:id'.padEnd(24)} ${fmt(baseline.p50)} ${fmt(baseline.p95)} ${fmt(baseline.p99)}   (the baseline)`);
  console.log(`${'query kind'.padEnd(24)} ${'api p50'.padStart(8)} ${'api p95'.padStart(8)} ${'api p99'.padStart(8)} | ${'direct p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} | api p95 / by-id p95`);
  const allApi: number[] = [];
  const allSql: number[] = [];
  for (const [label, make] of Object.entries(kinds)) {
    const api: number[] = [];
    const direct: number[] = [];
    for (let i = 0; i < perKind + 10; i++) {
      const q = make();
      const url = `${base}/api/v1/organizations?${new URLSearchParams(q).toString()}`;
      let t = performance.now();
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url} → ${res.status}`);
      const a = performance.now() - t;
      t = performance.now();
      const { cursor: _c, limit, lang: _l, ldc, facets, ...filters } = listQuery.parse(q);
      const page = await listEntries(ctx, 'organization', { ...filters, ldc: ldc === undefined ? undefined : ldc === 'true' }, limit, undefined, { facets: facets !== 'none' });
      await presentEntries(ctx, 'organization', page.ids);
      const d = performance.now() - t;
      if (i >= 10) {
        api.push(a);
        direct.push(d);
      }
    }
    allApi.push(...api);
    allSql.push(...direct);
    const sa = stats(api);
    const sd = stats(direct);
    console.log(`${label.padEnd(24)} ${fmt(sa.p50)} ${fmt(sa.p95)} ${fmt(sa.p99)} | ${fmt(sd.p50)} ${fmt(sd.p95)} ${fmt(sd.p99)} | ${(sa.p95 / baseline.p95).toFixed(2)}`);
  }
  const sa = stats(allApi);
  const sd = stats(allSql);
  console.log(`${'all'.padEnd(24)} ${fmt(sa.p50)} ${fmt(sa.p95)} ${fmt(sa.p99)} | ${fmt(sd.p50)} ${fmt(sd.p95)} ${fmt(sd.p99)} | ${(sa.p95 / baseline.p95).toFixed(2)}`);
  console.log('\n"direct" is the same work the API does (planning the words, the index search with facets, the page rows), called in-process without HTTP and without the cache.');

  // A tenth more entries, written as a sync would write them: how long until the index has them.
  const more = Math.max(1, Math.floor(n / 10));
  await generateOrganizations(ctx.database, more, () => undefined);
  t1 = performance.now();
  await ctx.searchIndex.catchUp();
  const caughtUp = performance.now() - t1;
  const held = (await ctx.searchIndex.stats()).entries.organization;
  console.log(`\n${more.toLocaleString('en')} organizations added: the index caught up in ${(caughtUp / 1000).toFixed(1)} s (${Math.round(more / (caughtUp / 1000)).toLocaleString('en')} entries/s); it holds ${held.toLocaleString('en')}`);
  await directory.close();
}

/**
 * The index saved to disk and loaded back, as a restarted server loads it: the save's time and
 * size, the load's time (with its catch-up and count check) and the memory the loaded copy adds.
 */
async function snapshotFigures(ctx: Awaited<ReturnType<typeof benchDirectory>>['ctx']): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-bench-snapshot-'));
  try {
    const file = path.join(dir, 'search-index.snapshot');
    ctx.searchIndex.persist(file);
    let t = performance.now();
    await ctx.searchIndex.save();
    const saveMs = performance.now() - t;
    global.gc?.();
    const before = process.memoryUsage();
    const loaded = new SearchIndex(ctx.database, ctx.logger);
    loaded.persist(file);
    t = performance.now();
    const how = await loaded.ready();
    const loadMs = performance.now() - t;
    global.gc?.();
    const after = process.memoryUsage();
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
    console.log(
      `  snapshot: saved in ${(saveMs / 1000).toFixed(1)} s (${mb(fs.statSync(file).size)}); ${how} in ${(loadMs / 1000).toFixed(1)} s (a restart's start-up); the loaded copy added rss ${mb(after.rss - before.rss)}, JS heap ${mb(after.heapUsed - before.heapUsed)}, bitmaps ${mb(after.arrayBuffers - before.arrayBuffers)}`,
    );
    const held = (await ctx.searchIndex.stats()).entries.organization;
    const same = (await loaded.stats()).entries.organization === held;
    if (how !== 'loaded' || !same) throw new Error('the snapshot did not load back the index it was saved from');
    await loaded.close();
    // On a server, a restarted process of its own: its memory is the index's, not shared with the one built here.
    const databaseUrl = ctx.env.databaseUrl;
    if (databaseUrl) {
      const restart = await restartInChild(databaseUrl, file);
      if (restart.how !== 'loaded' || restart.organizations !== held) throw new Error(`the restarted process ${restart.how} an index of ${restart.organizations} organizations`);
      console.log(
        `  a restarted process: index loaded in ${(restart.loadMs / 1000).toFixed(1)} s; its RSS ${mb(restart.bootRss)} once booted, ${mb(restart.readyRss)} with the index (+${mb(restart.readyRss - restart.bootRss)}), JS heap ${mb(restart.heapUsed)}`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function restartInChild(databaseUrl: string, file: string): Promise<RestartFigures> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'bench', 'search-restart-child.ts'), [JSON.stringify({ databaseUrl, file })], { execArgv: [...process.execArgv, '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let figures: RestartFigures | undefined;
    child.on('message', (m: RestartFigures) => (figures = m));
    child.on('error', reject);
    child.on('exit', (code) => (figures ? resolve(figures) : reject(new Error(`the restarted process exited (${code}) before reporting`))));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
