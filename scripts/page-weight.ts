/**
 * `npm run bench:weight [-- --url http://host/base] [--query investment] [--lang fr]`: the first
 * load of the home page and of a search result page in Debian's Chromium, with the cache
 * disabled, over DevTools network throttling (400 kbit/s each way, 400 ms round trips) and
 * unthrottled as a baseline. Sums the encoded bytes of everything fetched until the network
 * is idle (headers included) and times DOMContentLoaded, load and "usable" (the search box
 * painted and the client attached: the later of first contentful paint and DOMContentLoaded).
 * Without --url it starts the app on the embedded database with the demo set, as a fresh
 * `npm start` shows it. Exits 1 when a throttled load is over the byte or time budget.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Command } from 'commander';
import { chromium, type Browser } from 'playwright-core';
import { createApp } from '../server/app';
import { boot } from '../server/boot';
import { seedDemo } from '../server/commands/seed-demo';
import { readEnv } from '../server/env';
import { createLogger } from '../server/logger';
import { clientAssets } from '../server/pages/client-assets';

const BUDGET_BYTES = 61_440;
const BUDGET_MS = 3_000;
const SLOW = { latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

const opts = new Command()
  .option('--url <address>', 'a running site (its base address); by default the app is started with the demo set')
  .option('--query <words>', 'the search of the result page', 'investment')
  .option('--lang <code>', 'the reader language (Accept-Language)', 'en')
  .option('--verbose', 'list every response')
  .parse()
  .opts<{ url?: string; query: string; lang: string; verbose?: boolean }>();

type Network = 'throttled' | 'unthrottled';

interface Load {
  page: string;
  network: Network;
  bytes: number;
  requests: number;
  domContentLoaded: number;
  load: number;
  usable: number;
}

interface Timings {
  domContentLoaded: number;
  load: number;
  firstContentfulPaint: number;
}

// Runs in the page (a string: this file has no DOM types); times are from navigation start.
const readTimings = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return { domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, firstContentfulPaint: fcp ? fcp.startTime : nav.loadEventEnd };
})()`;

async function measure(browser: Browser, name: string, url: string, network: Network): Promise<Load> {
  const context = await browser.newContext({ locale: opts.lang });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (network === 'throttled') await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW });
  const urls = new Map<string, string>();
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    requests += 1;
    if (opts.verbose) console.log(`  ${network} ${String(e.encodedDataLength).padStart(7)} B  ${urls.get(e.requestId) ?? e.requestId}`);
  });
  await page.goto(url, { waitUntil: 'networkidle', timeout: 60_000 });
  const t = (await page.evaluate(readTimings)) as Timings;
  await context.close();
  return { page: name, network, bytes, requests, domContentLoaded: t.domContentLoaded, load: t.load, usable: Math.max(t.firstContentfulPaint, t.domContentLoaded) };
}

/** The site to measure: the given address, or the app started here on the demo set. */
async function site(): Promise<{ url: string; stop(): Promise<void> }> {
  if (opts.url) return { url: opts.url.replace(/\/$/, ''), stop: async () => undefined };
  if (!clientAssets()) throw new Error('the browser client is not built: run `npm run build:client` first');
  const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', DATABASE_URL: '' });
  const ctx = await boot(env, createLogger('silent'), { inMemory: true });
  await seedDemo(ctx.database.db, ctx.reference);
  const server = createApp(ctx).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${env.basePath}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.database.close();
    },
  };
}

const ratio = (value: number, budget: number) => `${((100 * value) / budget).toFixed(0)}%`;

function print(loads: Load[]): void {
  const rows = [
    ['page', 'network', 'requests', 'bytes', `of ${BUDGET_BYTES}`, 'DOMContentLoaded', 'load', 'usable', `of ${BUDGET_MS} ms`],
    ...loads.map((l) => [l.page, l.network, String(l.requests), String(l.bytes), ratio(l.bytes, BUDGET_BYTES), `${l.domContentLoaded.toFixed(0)} ms`, `${l.load.toFixed(0)} ms`, `${l.usable.toFixed(0)} ms`, ratio(l.usable, BUDGET_MS)]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const row of rows) console.log(row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '));
}

async function main() {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromiumPath)) throw new Error(`Debian's Chromium is needed at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  const target = await site();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'] });
  try {
    const pages = { home: `${target.url}/`, search: `${target.url}/search?${new URLSearchParams({ q: opts.query }).toString()}` };
    const loads: Load[] = [];
    for (const network of ['throttled', 'unthrottled'] as const) {
      for (const [name, url] of Object.entries(pages)) loads.push(await measure(browser, name, url, network));
    }
    console.log(`First loads of ${target.url} (${opts.lang}), cache disabled; throttled = 400 kbit/s down and up, 400 ms latency`);
    print(loads);
    const over = loads.filter((l) => l.network === 'throttled' && (l.bytes > BUDGET_BYTES || l.usable > BUDGET_MS));
    if (over.length) {
      console.error(`over budget: ${over.map((l) => l.page).join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await target.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
