/** In Chromium: a firm saves a search from its page and sees it listed; anyone browses the cases by a facet; axe finds nothing. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createUser } from '../../server/commands/create-user';
import { makeCase, makeOrganization } from '../factories';
import { freshAddress, PASSWORD } from '../support';
import { axeViolations, launchBrowser, startSite, type Site } from './browser';

let site: Site;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const email = 'saver@example.org';

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite(), launchBrowser()]);
  await createUser(site.t.ctx, { email, password: PASSWORD, roles: [], organizations: [], actorId: null });
  await makeOrganization(site.t.ctx, { name: 'Nairobi Export Desk', country: 'KE' });
  await makeCase(site.t.ctx, { title: 'Coffee joint venture', countries: ['KE'], partnershipType: 'joint-venture', sectors: ['A'] });
  await makeCase(site.t.ctx, { title: 'Textile subcontracting', countries: ['SN'], partnershipType: 'subcontracting', sectors: ['C'] });
  context = await browser.newContext({ baseURL: site.url, locale: 'en-GB' });
  page = await context.newPage();
  // Signs in through the API: the session cookie it sets is the page's too.
  const res = await page.request.post('/api/v1/auth/login', { data: { email, password: PASSWORD }, headers: { 'X-Forwarded-For': freshAddress() } });
  expect(res.status()).toBe(200);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});
jest.setTimeout(90_000);

describe('When a firm saves a search and browses the cases', () => {
  it('then the saved search is listed with its filters in words, and a facet link narrows the cases, all clean under axe', async () => {
    await page.goto('/saved-searches/new?country=KE&q=export');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Name').fill('Kenyan exporters');
    await page.getByLabel('How often to e-mail you').selectOption('monthly');
    await Promise.all([page.waitForURL('**/saved-searches'), page.getByRole('button', { name: 'Save the search' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Your saved searches');
    expect(await page.locator('main p.notice').textContent()).toContain('Your search is saved');
    const item = page.locator('li.saved-search');
    expect(await item.locator('h2').textContent()).toBe('Kenyan exporters');
    expect(await item.textContent()).toContain('Country: Kenya');
    expect(await item.textContent()).toContain('Monthly');
    expect(await axeViolations(page)).toEqual([]);

    await page.goto('/cases');
    expect(await page.locator('main p[role=status]').textContent()).toBe('2 cases');
    await Promise.all([page.waitForURL('**/cases?partnershipType=subcontracting'), page.getByRole('link', { name: /^Subcontracting \(1\)/ }).click()]);
    expect(await page.locator('main p[role=status]').textContent()).toBe('1 case');
    expect(await page.getByRole('link', { name: 'Textile subcontracting' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Coffee joint venture' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});
