/**
 * End-to-end harness: the real app on a loopback port (fresh database, as testApp) and
 * Debian's Chromium driven by playwright-core. `axeViolations` runs axe-core's WCAG 2.2 A/AA
 * rules on the open page and returns what it finds, readably.
 *
 *   const site = await startSite();  const browser = await launchBrowser();
 *   const page = await browser.newPage({ baseURL: site.url, locale: 'fr-FR' });
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { testApp, type TestApp } from '../support';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Site {
  url: string;
  t: TestApp;
  close(): Promise<void>;
}

export async function startSite(overrides: Record<string, string> = {}): Promise<Site> {
  const t = await testApp(overrides);
  const server = t.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${t.env.basePath}`,
    t,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await t.close();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need Debian's Chromium at ${CHROMIUM}: run \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }>;
}

/**
 * axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules on the page as it is now, as lines
 * "rule (impact): help — selector". The script is injected through the DevTools protocol
 * (evaluate), so the page's Content-Security-Policy stays as users get it.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const options = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } };
  // A string, so this file needs no DOM types: it runs in the page, where axe is now defined.
  const result = await page.evaluate(`axe.run(document, ${JSON.stringify(options)})`);
  return (result as AxeResult).violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${JSON.stringify(n.target)}`));
}
