/**
 * The browser client in Chromium against the real app: search as you type, facets, filter
 * chips and the filter form without reloads, and Back; the world map; suggestions by
 * keyboard; in English and French, with axe run on the pages as the client left them.
 */
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../server/commands/seed-demo';
import { measureLoad, withinBudget } from '../../scripts/weight/measure';
import { makeOrganization } from '../factories';
import { axeViolations, launchBrowser, startSite, type Site } from './browser';

let site: Site;
let browser: Browser;
const ids: Record<string, string> = {};
beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser();
  const entries: Array<[string, string]> = [
    ['Ghana Investment Promotion Centre', 'GH'],
    ['Ghana Export Promotion Authority', 'GH'],
    ['Ghana Cocoa Board', 'GH'],
    ['Kenya Investment Authority', 'KE'],
    ['ICEX España Exportación e Inversiones', 'ES'],
  ];
  for (const [name, country] of entries) ids[name] = await makeOrganization(site.t.ctx, { name, country });
}, 60000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** A value on `window` that only survives as long as no page load happens. */
async function markWindow(page: Page): Promise<void> {
  await page.evaluate('window.__sameDocument = true');
}
const sameDocument = (page: Page) => page.evaluate('window.__sameDocument === true');
const resultNames = (page: Page) => page.locator('#results ul.entries li > a').allTextContents();

/**
 * Waits until `expression` is true in the page. Playwright's waitForFunction polls through
 * eval, which the site's CSP forbids; evaluate goes through the DevTools protocol.
 */
async function until(page: Page, expression: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > end) throw new Error(`still false after ${timeoutMs} ms: ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('When a firm types in the search box on the search page', () => {
  it('then the results follow the query without a page load, and the address and the filter form keep it', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/search`);
    await markWindow(page);
    expect(await resultNames(page)).toHaveLength(5);

    await page.locator('#q').pressSequentially('Kenya', { delay: 30 });
    await page.locator('#results h1', { hasText: 'Kenya' }).waitFor();
    expect(await resultNames(page)).toEqual(['Kenya Investment Authority']);
    expect(new URL(page.url()).searchParams.get('q')).toBe('Kenya');
    expect(await sameDocument(page)).toBe(true);
    // The status line is read out politely, in the singular where it is one.
    await page.locator('[aria-live=polite]', { hasText: 'Found 1 intermediary and no programmes.' }).waitFor({ state: 'attached' });
    // The folded filter form outside #results shows the same query.
    expect(await page.locator('#search-filters #f-q').inputValue()).toBe('Kenya');
    expect(await axeViolations(page)).toEqual([]);

    // Clearing the box shows everything again.
    await page.locator('#q').fill('');
    await page.locator('#q').press('Backspace');
    await page.waitForURL((url) => !url.searchParams.has('q'));
    await until(page, 'document.querySelectorAll("#results ul.entries li").length === 5');
    expect(await page.locator('#search-filters #f-q').inputValue()).toBe('');
    expect(await sameDocument(page)).toBe(true);
    await page.close();
  });
});

const ghanaNames = ['Ghana Cocoa Board', 'Ghana Export Promotion Authority', 'Ghana Investment Promotion Centre'];
/** The country facet most firms click: it narrows the search to Ghana's three intermediaries. */
const ghanaFacet = (page: Page) => page.locator('#results .facet-panel a[href*="country=GH"]').first();

describe('When a firm follows a link inside the results (a facet, a filter chip)', () => {
  it('then the results change without a reload, focus goes to their heading, Back and Forward restore them, and the chip removes the filter', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/search`);
    await markWindow(page);
    const before = await resultNames(page);
    expect(before).toHaveLength(5);
    const link = ghanaFacet(page);
    const href = new URL((await link.getAttribute('href')) ?? '', page.url()).href;

    await link.click();
    await page.waitForURL(href);
    await until(page, `document.activeElement && document.activeElement.matches('#results h1')`);
    expect((await resultNames(page)).sort()).toEqual(ghanaNames);
    expect(await sameDocument(page)).toBe(true);
    await page.locator('[aria-live=polite]', { hasText: 'Found 3 intermediaries and no programmes.' }).waitFor({ state: 'attached' });
    expect(await page.locator('#search-filters #f-country').inputValue()).toBe('GH');
    expect(await axeViolations(page)).toEqual([]);

    await page.goBack();
    await page.waitForURL(`${site.url}/search`);
    await until(page, `document.querySelectorAll('#results ul.entries li').length === ${before.length}`);
    expect(await resultNames(page)).toEqual(before);
    expect(await page.locator('#search-filters #f-country').inputValue()).toBe('');
    expect(await sameDocument(page)).toBe(true);

    await page.goForward();
    await page.waitForURL(href);
    await until(page, `!document.querySelector('#results').textContent.includes('Kenya Investment Authority')`);
    expect(await sameDocument(page)).toBe(true);

    // The "remove filter" chip takes the same path back to everything.
    await page.locator('#results .active-filters a.chip').click();
    await page.waitForURL(`${site.url}/search`);
    await until(page, `document.querySelectorAll('#results ul.entries li').length === ${before.length}`);
    await until(page, `document.activeElement && document.activeElement.matches('#results h1')`);
    expect(await page.locator('#results .active-filters').count()).toBe(0);
    expect(await sameDocument(page)).toBe(true);
    await page.close();
  });

  it('then the skip link and Back over it fetch nothing and leave focus in the page', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/search?country=GH`);
    const fetches: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'fetch') fetches.push(request.url());
    });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site.url}/search?country=GH#main`);
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    await page.goBack();
    await page.waitForURL(`${site.url}/search?country=GH`);
    await page.waitForTimeout(300);
    expect(fetches).toEqual([]);
    await page.close();
  });

  it('then, when fetching the results fails, the browser follows the link as a plain page load', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/search`);
    await markWindow(page);
    await page.route('**/search?**', (route) => (route.request().resourceType() === 'fetch' ? route.abort() : route.continue()));
    const link = ghanaFacet(page);
    const href = new URL((await link.getAttribute('href')) ?? '', page.url()).href;
    await link.click();
    await page.waitForURL(href);
    await page.locator('#results').waitFor();
    expect(await sameDocument(page)).toBe(false);
    expect((await resultNames(page)).sort()).toEqual(ghanaNames);
    await page.close();
  });

  it('then without JavaScript the same link still loads the narrowed results as a page', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/search`);
    expect(await page.locator('#q').getAttribute('role')).toBeNull();
    expect(await resultNames(page)).toContain('Kenya Investment Authority');
    const link = ghanaFacet(page);
    const href = new URL((await link.getAttribute('href')) ?? '', page.url()).href;
    await link.click();
    await page.waitForURL(href);
    expect((await resultNames(page)).sort()).toEqual(ghanaNames);
    await context.close();
  });
});

describe('When a firm submits the folded filter form above the results', () => {
  it('then the results change without a reload, the address drops the empty choices, and Back restores them', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/search`);
    await markWindow(page);
    await page.locator('#search-filters summary').click();
    await page.locator('#f-country').selectOption('KE');
    await page.locator('#search-filters button[type=submit]').click();
    await page.waitForURL(`${site.url}/search?country=KE`);
    await until(page, `document.activeElement && document.activeElement.matches('#results h1')`);
    expect(await resultNames(page)).toEqual(['Kenya Investment Authority']);
    expect(await page.locator('#search-filters #f-country').inputValue()).toBe('KE');
    expect(await sameDocument(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.goBack();
    await page.waitForURL(`${site.url}/search`);
    await until(page, `document.querySelectorAll('#results ul.entries li').length === 5`);
    expect(await sameDocument(page)).toBe(true);
    await page.close();
  });
});

describe('When the home page scrolls to the world map', () => {
  it('then it draws the countries shaded by their intermediaries, and a click opens that country in the search', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/`);
    expect(await page.locator('#world-map svg').count()).toBe(0);
    await page.locator('#world-map').scrollIntoViewIfNeeded();
    const ghana = page.locator('#world-map path[data-country="GH"]');
    await ghana.waitFor();
    expect(await page.locator('#world-map path').count()).toBeGreaterThan(150);
    expect(await page.locator('#world-map svg').getAttribute('role')).toBe('img');
    expect(await page.locator('#world-map svg').getAttribute('aria-label')).toContain('Intermediaries per country');
    expect(await ghana.locator('title').textContent()).toBe('Ghana: 3');
    const fills = await page.locator('#world-map path[data-country]').evaluateAll((paths) => paths.map((p) => `${p.getAttribute('data-country')} ${p.getAttribute('fill')}`));
    expect(fills.sort()).toEqual(['ES #c6dbef', 'GH #2171b5', 'KE #c6dbef']);
    expect(await page.locator('#world-map .legend li').allTextContents()).toEqual(['none', '1', '2', '3']);
    expect(await axeViolations(page)).toEqual([]);

    await ghana.click();
    await page.waitForURL(`${site.url}/search?country=GH`);
    expect((await resultNames(page)).sort()).toEqual(['Ghana Cocoa Board', 'Ghana Export Promotion Authority', 'Ghana Investment Promotion Centre']);
    await page.close();
  });

  it('then in French the map names countries and describes itself in French', async () => {
    const page = await browser.newPage({ locale: 'fr-FR' });
    await page.goto(`${site.url}/`);
    await page.locator('#world-map').scrollIntoViewIfNeeded();
    await page.locator('#world-map path[data-country="ES"]').waitFor();
    expect(await page.locator('#world-map path[data-country="ES"] title').textContent()).toBe('Espagne: 1');
    expect(await page.locator('#world-map svg').getAttribute('aria-label')).toContain('Intermédiaires par pays');
    expect(await page.locator('#world-map .legend li').first().textContent()).toBe('aucun');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('When a firm types in the search box elsewhere', () => {
  it('then matching intermediaries are offered as a listbox worked by the arrow keys, Escape and Enter', async () => {
    const page = await browser.newPage({ locale: 'fr-FR' });
    await page.goto(`${site.url}/`);
    const box = page.locator('#q');
    await page.keyboard.press('Tab'); // the skip link
    await page.keyboard.press('Tab'); // the brand
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('q');
    await page.keyboard.type('Ghana', { delay: 30 });
    const list = page.locator('#q-suggestions[role=listbox]');
    await list.waitFor();
    expect(await list.getAttribute('aria-label')).toBe('Intermédiaires correspondants');
    expect(await box.getAttribute('role')).toBe('combobox');
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    expect(await list.locator('[role=option]').count()).toBe(3);
    await page.locator('[aria-live=polite]', { hasText: 'Intermédiaires correspondants\u00a0: 3.' }).waitFor({ state: 'attached' });
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await box.getAttribute('aria-activedescendant')).toBe('q-suggestion-0');
    expect(await list.locator('[aria-selected=true]').count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(await list.isHidden()).toBe(true);
    expect(await box.getAttribute('aria-expanded')).toBe('false');

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const chosen = (await list.locator('[aria-selected=true]').textContent()) ?? '';
    const name = Object.keys(ids).find((n) => chosen.startsWith(n)) ?? '';
    expect(name).toMatch(/^Ghana/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site.url}/organizations/${ids[name]}`);
    expect(await page.locator('h1').textContent()).toBe(name);
    await page.close();
  });

  it('then Enter without a chosen suggestion searches as the plain form does', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/`);
    await page.locator('#q').pressSequentially('Kenya', { delay: 30 });
    await page.locator('#q-suggestions [role=option]').first().waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site.url}/search?q=Kenya`);
    expect(await resultNames(page)).toEqual(['Kenya Investment Authority']);
    await page.close();
  });
});

describe('When the home and search pages of the demo directory load first on a slow link', () => {
  it('then each stays within 60 KB and is usable within 3 s, the map loading only when scrolled to', async () => {
    const demo = await startSite();
    try {
      await seedDemo(demo.t.ctx.database.db, demo.t.ctx.reference);
      for (const [name, url] of [['home', `${demo.url}/`], ['search', `${demo.url}/search?q=investment`]] as const) {
        const fetched: string[] = [];
        const load = await measureLoad(browser, name, url, { network: 'throttled', locale: 'fr-FR', onResponse: (_bytes, address) => fetched.push(address) });
        expect({ ...load, within: withinBudget(load) }).toMatchObject({ within: true });
        expect(fetched.some((address) => /\/assets\/main-[\w-]+\.js$/.test(address))).toBe(true);
        expect(fetched.filter((address) => /\/assets\/map-/.test(address))).toEqual([]);
      }
    } finally {
      await demo.close();
    }
  }, 60000);
});
