import type { Browser, Page } from 'playwright-core';
import { firmsData, type FirmsData } from '../server/pages/firms-data';
import { axeViolations, launchBrowser, startSite, type Site } from './browser';

let site: Site;
let browser: Browser;
let d: FirmsData;
beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser();
  d = await firmsData(site.t.ctx);
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** Presses Tab until `selector` has the focus, as a keyboard user would reach it. */
async function tabTo(page: Page, selector: string, most = 60): Promise<void> {
  for (let i = 0; i < most; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.locator(selector).evaluate((el) => el === el.ownerDocument.activeElement)) return;
  }
  throw new Error(`${selector} never got the focus by Tab`);
}

/** Follows a link by keyboard: focus it with Tab, then Enter. */
async function follow(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector);
  const before = page.url();
  await Promise.all([page.waitForURL((url) => url.href !== before), page.keyboard.press('Enter')]);
}

const heading = (page: Page) => page.locator('h1').textContent();

describe('When a firm browses in English, by keyboard', () => {
  it('then it searches from the home page, narrows by a facet, opens an organization and its country, and axe finds nothing on the way', async () => {
    const page = await browser.newPage({ baseURL: site.url });
    await page.goto(`${site.url}/`);
    expect(await heading(page)).toBe('Find an intermediary for your partnership');
    expect(await axeViolations(page)).toEqual([]);

    await tabTo(page, '#f-q');
    await page.keyboard.type('Ghana');
    await Promise.all([page.waitForURL(/\/search\?/), page.keyboard.press('Enter')]);
    expect(await heading(page)).toBe('Results for “Ghana”');
    expect(await page.locator('#results [role=status]').textContent()).toMatch(/^Found \d+ intermediaries and \d+ programmes\.$/);
    expect(await axeViolations(page)).toEqual([]);

    await follow(page, '.facet-panel a[href*="kind=entrepreneurship-centre"]');
    expect(page.url()).toMatch(/q=Ghana&kind=entrepreneurship-centre/);
    expect(await page.locator('#organizations-heading').textContent()).toBe('Intermediaries (1)');
    expect(await page.locator('.chip').first().textContent()).toContain('Entrepreneurship centre');

    await follow(page, `#results a[href$="/organizations/${d.empretec}"]`);
    expect(await heading(page)).toBe('Empretec Ghana Foundation');
    expect(await axeViolations(page)).toEqual([]);

    await follow(page, 'main a[href$="/countries/GH"]');
    expect(await heading(page)).toBe('Ghana');
    expect(await page.locator('#country-organizations').textContent()).toBe('Intermediaries based here (2)');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('then the programme, case, embed and 404 pages are clean for axe too', async () => {
    const page = await browser.newPage({ baseURL: site.url });
    const pages: Array<[string, string]> = [
      [`/programmes/${d.triangular}`, 'Kenya–Ghana Technology Bridge'],
      [`/cases/${d.caseId}`, 'Cocoa processors meet Ivorian buyers'],
      ['/embed?country=GH&sector=C', 'Partnering Network: Ghana · C Manufacturing'],
      ['/search?country=ZZ', 'This search could not be run'],
      ['/no/such/page', 'Page not found'],
      [`/organizations/${d.hostile.organization}`, 'Togo Agency <script>alert(1)</script> (<img src=x onerror=alert(2)>)'],
    ];
    for (const [path, title] of pages) {
      await page.goto(`${site.url}${path}`);
      expect(await heading(page)).toBe(title);
      expect([path, await axeViolations(page)]).toEqual([path, []]);
    }
    await page.close();
  });
});

describe('When a firm browses in French', () => {
  it('then the same path reads in French, with the filters chosen in the home form', async () => {
    const page = await browser.newPage({ baseURL: site.url, locale: 'fr-FR' });
    await page.goto(`${site.url}/`);
    expect(await heading(page)).toBe('Trouver un intermédiaire pour votre partenariat');
    await page.getByLabel('Pays', { exact: true }).selectOption('GH');
    await Promise.all([page.waitForURL(/\/search\?/), page.locator('form.filters button[type=submit]').click()]);
    expect(await heading(page)).toBe('Toutes les fiches');
    expect(await page.locator('#results [role=status]').textContent()).toBe('Résultats\u00a0: 2 intermédiaires et 4 programmes.');
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('.facet-panel').getByRole('link', { name: /Centre d’entrepreneuriat/ }).click();
    await page.waitForURL(/kind=entrepreneurship-centre/);
    expect(await page.locator('#organizations-heading').textContent()).toBe('Intermédiaires (1)');

    await page.getByRole('link', { name: 'Empretec Ghana Foundation' }).click();
    await page.waitForURL(/\/organizations\//);
    expect(await page.locator('dd a[href$="/countries/GH"]').textContent()).toBe('Ghana');
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('dd a[href$="/countries/GH"]').click();
    await page.waitForURL(/\/countries\/GH$/);
    expect(await page.locator('#country-organizations').textContent()).toBe('Intermédiaires établis dans ce pays (2)');
    expect(await page.locator('main').textContent()).toContain('Économie en développement');
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${site.url}/embed?country=GH&lang=fr`);
    expect(await page.getByRole('link', { name: 'Plus dans l’annuaire' }).getAttribute('target')).toBe('_top');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
