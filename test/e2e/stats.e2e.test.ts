/** The progress dashboard in Chromium: readable and accessible (axe, WCAG 2.2 AA) in English and French. */
import type { Browser } from 'playwright-core';
import { insertRun, insertSource, updateRun } from '../../server/db/sync';
import { makeOrganization, makeProgramme } from '../factories';
import { axeViolations, launchBrowser, startSite, type Site } from './browser';

let site: Site;
let browser: Browser;
beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser();
  const ctx = site.t.ctx;
  const ghana = await makeOrganization(ctx, { name: 'Ghana Investment Promotion Centre', country: 'GH' });
  await makeOrganization(ctx, { name: 'Benin export desk', country: 'BJ' });
  await makeOrganization(ctx, { name: 'GIZ partnering desk', country: 'DE' });
  await makeProgramme(ctx, { originCountries: ['DE'], targetCountries: ['GH', 'BJ'] }, [ghana]);
  await makeProgramme(ctx, { originCountries: ['GH'], targetCountries: ['BJ'] }, [ghana]);
  const source = await insertSource(ctx.database.db, { name: 'Empretec centres', network: 'empretec', connector: 'json', url: 'http://127.0.0.1:9/feed.json' });
  const run = await insertRun(ctx.database.db, source.id, 'schedule');
  await updateRun(ctx.database.db, run.id, { status: 'succeeded', startedAt: new Date(), finishedAt: new Date(), counts: { fetched: 3, created: 3, updated: 0, unchanged: 0, withdrawn: 0, rejected: 0 } });
}, 60000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('When a reader opens /progress in a browser', () => {
  it.each([
    ['en-GB', 'Partnering programmes by direction', 'Download “Intermediaries by region” as CSV'],
    ['fr-FR', 'Programmes de partenariat par orientation', 'Télécharger «\u00a0Intermédiaires par région\u00a0» au format CSV'],
  ])('then in %s the charts, their CSV links and the sources table are there, and axe finds nothing', async (locale, heading, link) => {
    const page = await browser.newPage({ locale });
    await page.goto(`${site.url}/progress`);
    await page.getByRole('heading', { level: 2, name: heading }).waitFor();
    expect(await page.getByRole('figure').count()).toBe(5);
    expect(await page.getByRole('link', { name: link }).getAttribute('href')).toBe('/api/v1/stats.csv?table=organizationsByRegion');
    expect(await page.getByRole('row', { name: /Empretec centres/ }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  }, 30000);
});
