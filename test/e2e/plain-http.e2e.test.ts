/**
 * When the directory is served over plain HTTP on the machine's LAN address (PUBLIC_URL
 * http://<address>:<port>, as a secretariat without TLS would run it), then Chromium loads the
 * pages with their script, every link stays on http://, the search form submits, and the
 * sign-in form works (no Sec-Fetch-Site over plain HTTP: the Origin check decides).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../server/commands/create-user';
import { makeOrganization } from '../factories';
import { PASSWORD, testApp, type TestApp } from '../support';
import { launchBrowser } from './browser';

/** The first IPv4 address of this machine that is not loopback, if it has one. */
const lanAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

if (!lanAddress) console.warn('plain-http.e2e: this machine has no non-loopback IPv4 address, so the plain-HTTP browser test cannot run here');
const onLan = lanAddress ? describe : describe.skip;

onLan('When the directory is served over plain HTTP on a LAN address', () => {
  let t: TestApp;
  let server: http.Server;
  let browser: Browser;
  let site: string;
  const failed: string[] = [];
  const email = 'lan-editor@example.org';

  beforeAll(async () => {
    // The port is known before the app is built, so PUBLIC_URL can name it.
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, lanAddress, () => resolve()));
    site = `http://${lanAddress}:${(server.address() as AddressInfo).port}`;
    t = await testApp({ PUBLIC_URL: site });
    server.on('request', t.app);
    await makeOrganization(t.ctx, { name: 'Kenya Investment Authority', country: 'KE' });
    await makeOrganization(t.ctx, { name: 'Ghana Investment Promotion Centre', country: 'GH' });
    await createUser(t.ctx, { email, password: PASSWORD, roles: ['agency-editor'], actorId: null });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await t?.close();
  });

  /** A page that records every request that failed or went to another scheme or host. */
  async function open(path: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('requestfailed', (r) => {
      // A typeahead fetch still in flight when the form navigates is cancelled by the browser
      // (ERR_ABORTED): not a load that failed. What plain HTTP breaks shows as refused, TLS or
      // mixed-content errors, or a request to https.
      if (r.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(`${site}/`) && !r.url().startsWith('data:')) failed.push(`left the site: ${r.url()}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') failed.push(`console: ${m.text()}`);
    });
    const res = await page.goto(`${site}${path}`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['strict-transport-security']).toBeUndefined();
    return page;
  }

  it('then the home page runs its script (the world map is drawn) and nothing is sent to https', async () => {
    const page = await open('/');
    await page.locator('#world-map svg path[data-country]').first().waitFor({ timeout: 15_000 });
    const links = (await page.evaluate('[...document.links].map((a) => a.href)')) as string[];
    const ours = links.filter((href) => href.includes(`//${lanAddress}`));
    expect(ours.length).toBeGreaterThan(5);
    expect(ours.filter((href) => !href.startsWith(`${site}/`))).toEqual([]);
    expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(`${site}/?lang=en`);
    expect(failed).toEqual([]);
    await page.close();
  });

  it('then a link followed stays on http://', async () => {
    const page = await open('/');
    await page.locator('a', { hasText: 'Kenya Investment Authority' }).first().click();
    await page.locator('h1', { hasText: 'Kenya Investment Authority' }).waitFor();
    expect(page.url()).toMatch(new RegExp(`^${site}/organizations/[0-9a-f-]{36}$`));
    expect(failed).toEqual([]);
    await page.close();
  });

  it('then the search form in the header submits and lists what matches', async () => {
    const page = await open('/');
    await page.locator('#q').fill('Ghana');
    await Promise.all([page.waitForURL(`${site}/search?q=Ghana`), page.locator('#q').press('Enter')]);
    await page.locator('#results a', { hasText: 'Ghana Investment Promotion Centre' }).waitFor();
    expect(await page.locator('#results a', { hasText: 'Kenya Investment Authority' }).count()).toBe(0);
    expect(failed).toEqual([]);
    await page.close();
  });

  it('then the sign-in form signs in: the browser sends the site as Origin, which the form check takes', async () => {
    const page = await open('/sign-in');
    await page.locator('#f-email').fill(email);
    await page.locator('#f-password').fill(PASSWORD);
    await Promise.all([page.waitForURL(`${site}/account`), page.locator('main button[type="submit"]').click()]);
    expect(await page.locator('body').textContent()).toContain(email);
    expect(failed).toEqual([]);
    await page.close();
  });
});
