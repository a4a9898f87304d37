/**
 * An operator in Chromium: adds a source, previews its mapping (the mapped records and a bad
 * record's error), saves it, runs it now and reads the run's per-record errors; then works in
 * French and Spanish. axe-core checks every console page on the way.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createUser } from '../../server/commands/create-user';
import { matchReviews } from '../../server/db/schema';
import { listSources } from '../../server/db/sync';
import { inFlight } from '../../jobs/start-run';
import { makeOrganization } from '../factories';
import { startFeedServer, type FeedServer } from '../feed-server';
import { freshAddress, PASSWORD } from '../support';
import { axeViolations, launchBrowser, startSite, type Site } from './browser';

let site: Site;
let feeds: FeedServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const email = 'operator@console.example.org';

const mapping = JSON.stringify({
  type: 'organization',
  records: 'data.items',
  fields: { externalId: 'id', name: 'title', country: 'country', website: 'url', email: 'email', services: 'offers', description: 'description' },
  defaults: { kind: 'chamber-of-commerce', networks: ['chambers'] },
});

beforeAll(async () => {
  [site, feeds, browser] = await Promise.all([startSite({ FEED_ALLOW_PRIVATE: '1' }), startFeedServer(), launchBrowser()]);
  await createUser(site.t.ctx, { email, password: PASSWORD, roles: ['operator'], organizations: [], actorId: null });
  context = await browser.newContext({ baseURL: site.url });
  page = await context.newPage();
  // Signs in through the API: the session cookie it sets is the page's too.
  const res = await page.request.post('/api/v1/auth/login', { data: { email, password: PASSWORD }, headers: { 'X-Forwarded-For': freshAddress() } });
  expect(res.status()).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await feeds?.close();
  await site?.close();
});

const main = () => page.locator('main');
// A browser, a feed server and a database per file: slower than supertest, above all on a shared PostgreSQL server.
jest.setTimeout(90_000);

describe('When an operator links a feed from the console', () => {
  it('then they add it, preview its mapping with a bad record’s error, save it, run it and read the run’s errors', async () => {
    await page.goto('/console');
    expect(await page.locator('h1').textContent()).toBe('Operators’ console');
    expect(await axeViolations(page)).toEqual([]);

    await main().getByRole('link', { name: 'Add a source' }).last().click();
    await page.waitForURL('**/console/sources/new');
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#f-name').fill('Chambers of commerce');
    await page.locator('#f-network').fill('chambers');
    await page.locator('#f-connector').selectOption('json');
    await page.locator('#f-url').fill(feeds.url('faults/bad-records.json'));
    await page.locator('#f-mapping').fill(mapping);
    await page.locator('#f-schedule').fill('30 2 * * 1');
    await page.locator('#f-timezone').fill('America/Lima');

    await page.getByRole('button', { name: 'Preview' }).click();
    await page.waitForSelector('#preview');
    const records = page.locator('#preview-records');
    expect(await records.locator('tbody tr').count()).toBeGreaterThanOrEqual(4);
    expect(await records.textContent()).toContain('Cámara de Comercio de Lima');
    expect(await page.locator('#preview-errors').textContent()).toContain('rejected: no name');
    expect(await page.locator('#preview').textContent()).toContain('Nothing was saved.');
    // The form still holds what was typed.
    expect(await page.locator('#f-timezone').inputValue()).toBe('America/Lima');
    expect(await axeViolations(page)).toEqual([]);

    // Save by keyboard.
    await page.getByRole('button', { name: 'Save' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/sources\/[0-9a-f-]{36}$/);
    expect(await page.locator('.notice').first().textContent()).toContain('The source was added.');
    expect(await axeViolations(page)).toEqual([]);

    await main().getByRole('button', { name: 'Run now' }).click();
    await page.waitForURL('**/console');
    await Promise.all([...inFlight]);
    expect(await page.locator('.notice').textContent()).toContain('A run of Chambers of commerce has started.');
    await page.getByRole('link', { name: 'See the run' }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    expect(await page.locator('#run-status').textContent()).toBe('partial');
    const errors = await page.locator('#run-errors').textContent();
    expect(errors).toContain('bad-2');
    expect(errors).toContain('rejected: unknown country "Atlantis"');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Runs of Chambers of commerce' }).click();
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto('/console');
    expect(await page.locator('tbody').textContent()).toContain('America/Lima');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('then the confirmation steps for clearing and deleting are accessible too', async () => {
    await page.goto('/console');
    await main().getByRole('link', { name: 'Chambers of commerce' }).first().click();
    await page.getByRole('link', { name: 'Clear the source' }).click();
    expect(await page.locator('h1').textContent()).toBe('Clear Chambers of commerce?');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.getByRole('link', { name: 'Delete the source' }).click();
    expect(await page.locator('h1').textContent()).toBe('Delete Chambers of commerce?');
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('When the operator works in French and Spanish', () => {
  it('then a source form with mistakes comes back in French with the errors by their fields, and axe finds nothing', async () => {
    await page.goto('/console/sources/new?lang=fr');
    expect(await page.locator('h1').textContent()).toBe('Ajouter une source');
    await page.locator('#f-name').fill('Flux CSV');
    await page.locator('#f-network').fill('waipa');
    await page.locator('#f-connector').selectOption('csv');
    await page.locator('#f-url').fill(feeds.url('waipa-members.csv'));
    await page.locator('#f-mapping').fill('{"type": "organization",');
    await page.locator('#f-schedule').fill('tous les jours');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForSelector('.error-summary');
    expect(await page.locator('#f-schedule-error').textContent()).toContain('Ce n’est pas une expression cron valide');
    expect(await page.locator('#f-mapping-error').textContent()).toContain('Ce n’est pas du JSON valide');
    expect(await page.locator('#f-schedule').inputValue()).toBe('tous les jours');
    expect(await page.locator('#f-schedule').getAttribute('aria-describedby')).toContain('f-schedule-error');
    expect(await axeViolations(page)).toEqual([]);

    // With the preset instead, the preview shows the CSV's records with their lines.
    await page.locator('#f-mapping').fill('');
    await page.locator('#f-schedule').fill('');
    await page.getByRole('button', { name: 'Aperçu' }).click();
    await page.waitForSelector('#preview-records');
    expect(await page.locator('#preview-records').textContent()).toContain('Invest India');
    expect(await page.locator('#preview').textContent()).toContain('Rien n’a été enregistré.');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('then the moderation queue in French and the duplicates review in Spanish pass axe', async () => {
    await makeOrganization(site.t.ctx, { name: 'Agence de Promotion des Investissements du Mali', country: 'ML', state: 'pending' });
    await page.goto('/console/moderation?lang=fr');
    expect(await page.locator('h1').textContent()).toBe('File de modération');
    expect(await main().textContent()).toContain('Agence de Promotion des Investissements du Mali');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Refuser' }).click();
    await page.waitForSelector('.error-summary');
    expect(await page.locator('.field-error').textContent()).toContain('Dites pourquoi');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Approuver' }).click();
    await page.waitForURL('**/console/moderation');
    expect(await page.locator('.notice').textContent()).toContain('a été approuvée');

    const db = site.t.ctx.database.db;
    const [source] = await listSources(db);
    const entry = await makeOrganization(site.t.ctx, { name: 'Cámara de Comercio de Lima', country: 'PE' });
    const candidate = await makeOrganization(site.t.ctx, { name: 'Camara Comercio Lima', country: 'PE', website: 'https://camaralima.example.pe' });
    await db.insert(matchReviews).values({ entityType: 'organization', entityId: entry, candidateId: candidate, sourceId: source!.id, externalId: 'lima', score: 0.62, reason: 'similar name' });
    await page.goto('/console/duplicates?lang=es');
    expect(await page.locator('h1').textContent()).toBe('Revisión de duplicados');
    expect(await page.locator('.pair').textContent()).toContain('Camara Comercio Lima');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Mantener separadas' }).click();
    await page.waitForURL('**/console/duplicates');
    expect(await page.locator('.notice').textContent()).toContain('Las dos fichas se mantienen separadas.');
    await page.goto('/console');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await main().textContent()).toContain('Fuentes');
    expect(await axeViolations(page)).toEqual([]);
  });
});
