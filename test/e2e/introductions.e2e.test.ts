/** When a firm asks for an introduction in Chromium and the agency answers it, then both work by plain forms and axe finds nothing. */
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../server/commands/create-user';
import { makeOrganization } from '../factories';
import { PASSWORD } from '../support';
import { axeViolations, launchBrowser, startSite, type Site } from './browser';

let site: Site;
let browser: Browser;
let agencyId: string;
beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser();
  agencyId = await makeOrganization(site.t.ctx, { name: 'Lusaka Linkages Agency', country: 'ZM' });
  await createUser(site.t.ctx, { email: 'firm@copper.example', password: PASSWORD, roles: ['firm'], organizations: [], actorId: null });
  await createUser(site.t.ctx, { email: 'desk@lusaka.example', password: PASSWORD, roles: ['agency-editor'], organizations: [agencyId], actorId: null });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function signIn(page: Page, email: string) {
  await page.goto(`${site.url}/sign-in`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).last().click()]);
}

const submit = (page: Page, name: string) => Promise.all([page.waitForNavigation(), page.getByRole('button', { name }).click()]);

describe('When a firm sends a request and the agency moves it', () => {
  it('then the firm sees the new status and the agency its inbox, all clean under axe', async () => {
    const firm = await browser.newPage({ locale: 'en-GB' });
    await signIn(firm, 'firm@copper.example');
    await firm.goto(`${site.url}/introductions/new?organization=${agencyId}`);
    expect(await axeViolations(firm)).toEqual([]);
    await firm.getByLabel('What your firm seeks').fill('A buyer for our copper wire.');
    await firm.getByLabel('Kind of partnership').selectOption('supplier-linkage');
    await submit(firm, 'Send the request');
    expect(await firm.locator('p.notice[role="status"]').textContent()).toContain('Your request was sent.');
    expect(await axeViolations(firm)).toEqual([]);

    const agency = await browser.newPage({ locale: 'en-GB' });
    await signIn(agency, 'desk@lusaka.example');
    await agency.goto(`${site.url}/introductions`);
    expect(await axeViolations(agency)).toEqual([]);
    await Promise.all([agency.waitForNavigation(), agency.getByRole('link', { name: 'Request to Lusaka Linkages Agency' }).click()]);
    await agency.getByLabel('New status').selectOption('acknowledged');
    await agency.getByLabel('Note').fill('Two buyers in Johannesburg.');
    await submit(agency, 'Save the status');
    expect(await agency.locator('p.notice[role="status"]').textContent()).toContain('The status was saved');
    expect(await axeViolations(agency)).toEqual([]);

    await firm.reload();
    expect(await firm.locator('dd strong').first().textContent()).toBe('Acknowledged');
    expect(await firm.locator('table').textContent()).toContain('Two buyers in Johannesburg.');
  });
});
