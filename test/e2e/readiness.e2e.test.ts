import type { Browser } from 'playwright-core';
import { makeOrganization } from '../factories';
import { questionIds } from '../../server/readiness/questions';
import { axeViolations, launchBrowser, startSite, type Site } from './browser';

let site: Site;
let browser: Browser;
beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser();
  await makeOrganization(site.t.ctx, { name: 'Dakar Deal Coaching', country: 'SN', services: ['negotiation-support'] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('When a firm takes the readiness check with the keyboard only', () => {
  it('then every question is answered with Tab, Space and the arrows, Enter sends it, and the scores and gaps show, all clean under axe', async () => {
    const page = await browser.newPage({ locale: 'en-GB' });
    await page.goto(`${site.url}/readiness`);
    expect(await axeViolations(page)).toEqual([]);
    // Negotiation answered 0 (a gap), everything else 3.
    await page.locator('input[name="answers.motives-1"]').first().focus();
    for (const q of questionIds) {
      await page.keyboard.press('Space');
      if (!q.startsWith('negotiation-')) for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Tab');
    }
    // Past the last question: the country, then the button.
    expect(await page.evaluate('document.activeElement && document.activeElement.name')).toBe('country');
    await page.keyboard.press('Tab');
    const answered = page.waitForNavigation();
    await page.keyboard.press('Enter');
    await answered;

    expect((await page.locator('h1').textContent())?.trim()).toBe('Your readiness result');
    expect(await page.locator('p.overall').textContent()).toContain('Overall readiness: 66 of 100');
    const gap = page.locator('.ready-bars li.gap');
    expect(await gap.count()).toBe(1);
    expect(await gap.textContent()).toContain('Negotiation and communication skills');
    expect(await page.getByRole('link', { name: 'Dakar Deal Coaching' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });
});
