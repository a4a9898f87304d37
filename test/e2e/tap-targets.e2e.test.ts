/**
 * On a phone's screen (Lighthouse's mobile preset: 412 × 823 CSS px), the links a firm taps to
 * narrow a search (facets, the filters in use, the home page's shortcuts) are at least 24 × 24
 * CSS px or spaced so that a 24 px circle around each touches no other (WCAG 2.2, 2.5.8), in
 * the three languages, on the demo set.
 */
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../server/commands/seed-demo';
import { axeViolations, launchBrowser, startSite, type Site } from './browser';

let site: Site;
let browser: Browser;
beforeAll(async () => {
  site = await startSite();
  await seedDemo(site.t.ctx.database.db, site.t.ctx.reference);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const phone = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };

/** The size of every visible link in the facet and chip lists, with its text. */
async function facetLinks(page: Page): Promise<Array<{ text: string; width: number; height: number }>> {
  const links = page.locator('.facets a');
  const boxes = [];
  for (const link of await links.all()) {
    const box = await link.boundingBox();
    if (box && (await link.isVisible())) boxes.push({ text: (await link.innerText()).trim(), width: Math.round(box.width * 10) / 10, height: Math.round(box.height * 10) / 10 });
  }
  return boxes;
}

describe('When a firm narrows a search on a phone', () => {
  it.each(['en', 'fr', 'es'])('then every facet and chip link is at least 24 × 24 px and axe finds no target too small (%s)', async (lang) => {
    const page = await browser.newPage({ baseURL: site.url, ...phone });
    try {
      for (const path of ['/', '/search', '/search?q=investment&country=SN']) {
        await page.goto(`${site.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        const links = await facetLinks(page);
        expect(links.length).toBeGreaterThan(3);
        expect([path, links.filter((l) => l.width < 24 || l.height < 24)]).toEqual([path, []]);
        expect([path, (await axeViolations(page)).filter((v) => v.startsWith('target-size'))]).toEqual([path, []]);
      }
    } finally {
      await page.close();
    }
  });
});
