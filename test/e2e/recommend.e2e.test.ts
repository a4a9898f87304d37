import type { Browser, Page } from 'playwright-core';
import { matchData, type MatchData } from '../server/matchmaking-data';
import { axeViolations, launchBrowser, startSite, type Site } from './browser';

let site: Site;
let browser: Browser;
let d: MatchData;
beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser();
  d = await matchData(site.t.ctx);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Moves the focus with Tab only, as a keyboard user does, until it reaches `selector`. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 60; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.locator(selector).evaluate((el) => el.matches(':focus'))) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

describe('When a firm fills the recommendations form by keyboard', () => {
  it('then it reads the ranked intermediaries and programmes with their reasons, and axe finds nothing on the way', async () => {
    const page = await browser.newPage({ baseURL: site.url });
    await page.goto(`${site.url}/recommend`);
    expect(await page.locator('h1').textContent()).toBe('Find the right intermediary');
    expect(await axeViolations(page)).toEqual([]);

    // A closed select takes the typed start of an option's name, as in any browser.
    await tabTo(page, '#f-country');
    await page.keyboard.type('Uganda');
    await tabTo(page, '#f-sector');
    await page.keyboard.type('C Manu');
    await tabTo(page, '#f-partnershipType');
    await page.keyboard.type('Joint');
    await tabTo(page, '#f-languages-1');
    await page.keyboard.press('Space');
    expect(await page.locator('#f-country').inputValue()).toBe('UG');
    expect(await page.locator('#f-partnershipType').inputValue()).toBe('joint-venture');

    await tabTo(page, 'form[action="/recommend"] button[type=submit]');
    await Promise.all([page.waitForURL(/\/recommend\?country=UG/), page.keyboard.press('Enter')]);
    expect(await page.locator('#results [role=status]').textContent()).toBe('Found 3 intermediaries and 2 programmes that fit.');
    const first = page.locator('#match-organizations > ol > li').first();
    expect(await first.locator('h3 a').getAttribute('href')).toBe(`/organizations/${d.kampala}`);
    expect(await first.locator('.reasons').textContent()).toContain('Works in Uganda, your country.');
    expect(await page.locator('#match-programmes h3 a').first().getAttribute('href')).toBe(`/programmes/${d.jointVenture}`);
    expect(await axeViolations(page)).toEqual([]);
  });
});
