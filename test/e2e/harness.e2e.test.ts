import type { Browser } from 'playwright-core';
import { makeOrganization } from '../factories';
import { axeViolations, launchBrowser, startSite, type Site } from './browser';

let site: Site;
let browser: Browser;
beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser();
  await makeOrganization(site.t.ctx, { name: 'Ghana Investment Promotion Centre', country: 'GH' });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('When Chromium opens the home page', () => {
  it('then it shows the directory and axe finds no WCAG 2.2 AA violation', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/`);
    expect(await page.locator('h1').textContent()).toBe('Find an intermediary for your partnership');
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('When a page breaks an accessibility rule', () => {
  it('then axeViolations names it, so a clean result means something', async () => {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html lang="en"><title>t</title><main><img src="data:,"></main></html>');
    expect((await axeViolations(page)).join('\n')).toMatch(/^image-alt/m);
  });
});
