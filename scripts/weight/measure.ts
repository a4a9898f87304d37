/**
 * One first load of a page in Chromium as the budget counts it: cache disabled, optionally over
 * DevTools network throttling, the encoded bytes (headers included) of everything fetched until
 * the network is idle, and the times to DOMContentLoaded, load and "usable" (the search box
 * painted and the client attached: the later of first contentful paint and DOMContentLoaded).
 */
import type { Browser } from 'playwright-core';

export const BUDGET_BYTES = 61_440;
export const BUDGET_MS = 3_000;
/** 400 kbit/s each way and 400 ms round trips, in the units of Network.emulateNetworkConditions. */
const SLOW = { latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

export type Network = 'throttled' | 'unthrottled';

export interface Load {
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

export interface MeasureOptions {
  network: Network;
  /** Accept-Language of the reader. */
  locale?: string;
  /** Called with each response's size and address. */
  onResponse?: (bytes: number, url: string) => void;
}

export async function measureLoad(browser: Browser, name: string, url: string, { network, locale = 'en', onResponse }: MeasureOptions): Promise<Load> {
  const context = await browser.newContext({ locale });
  try {
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
      onResponse?.(e.encodedDataLength, urls.get(e.requestId) ?? e.requestId);
    });
    await page.goto(url, { waitUntil: 'networkidle', timeout: 60_000 });
    const t = (await page.evaluate(readTimings)) as Timings;
    return { page: name, network, bytes, requests, domContentLoaded: t.domContentLoaded, load: t.load, usable: Math.max(t.firstContentfulPaint, t.domContentLoaded) };
  } finally {
    await context.close();
  }
}

/** Whether a load keeps within both budgets. */
export const withinBudget = (l: Load) => l.bytes <= BUDGET_BYTES && l.usable <= BUDGET_MS;
