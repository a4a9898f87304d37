/**
 * `npm run bench:weight [-- --url http://host/base] [--query investment] [--lang fr]`: the first
 * load of the home page and of a search result page in Debian's Chromium (scripts/weight/measure.ts),
 * throttled to 400 kbit/s each way with 400 ms round trips and unthrottled as a baseline, against
 * the budget of 61,440 bytes and 3 s. Without --url it starts the app on an in-memory embedded
 * database with the demo set, as a fresh `npm start` shows it. Exits 1 when a throttled load is
 * over the byte or time budget.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Command } from 'commander';
import { chromium } from 'playwright-core';
import { createApp } from '../server/app';
import { boot } from '../server/boot';
import { seedDemo } from '../server/commands/seed-demo';
import { readEnv } from '../server/env';
import { createLogger } from '../server/logger';
import { clientAssets } from '../server/pages/client-assets';
import { BUDGET_BYTES, BUDGET_MS, measureLoad, withinBudget, type Load } from './weight/measure';

const opts = new Command()
  .option('--url <address>', 'a running site (its base address); by default the app is started with the demo set')
  .option('--query <words>', 'the search of the result page', 'investment')
  .option('--lang <code>', 'the reader language (Accept-Language)', 'en')
  .option('--verbose', 'list every response')
  .parse()
  .opts<{ url?: string; query: string; lang: string; verbose?: boolean }>();

/** The site to measure: the given address, or the app started here on the demo set. */
async function site(): Promise<{ url: string; stop(): Promise<void> }> {
  if (opts.url) return { url: opts.url.replace(/\/$/, ''), stop: async () => undefined };
  if (!clientAssets()) throw new Error('the browser client is not built: run `npm run build:client` first');
  const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0' });
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
      for (const [name, url] of Object.entries(pages)) {
        const onResponse = opts.verbose ? (bytes: number, address: string) => console.log(`  ${network} ${String(bytes).padStart(7)} B  ${address}`) : undefined;
        loads.push(await measureLoad(browser, name, url, { network, locale: opts.lang, onResponse }));
      }
    }
    console.log(`First loads of ${target.url} (${opts.lang}), cache disabled; throttled = 400 kbit/s down and up, 400 ms latency`);
    print(loads);
    const over = loads.filter((l) => l.network === 'throttled' && !withinBudget(l));
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
