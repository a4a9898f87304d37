import type { Browser, Locator, Page } from 'playwright-core';
import { makeOrganization } from '../factories';
import { axeViolations, launchBrowser, startSite, type Site } from './browser';

let site: Site;
let browser: Browser;
let feedEntry: string;
beforeAll(async () => {
  site = await startSite();
  browser = await launchBrowser();
  feedEntry = await makeOrganization(site.t.ctx, { name: 'Zimbabwe Investment and Development Agency', country: 'ZW' });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const PASSWORD = 'baobab shade at noon';

/** Every page an agency meets must be clean under axe's WCAG 2.2 A/AA rules. */
async function expectAccessible(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

/** Does what sends a form (a click, Enter) and waits for the page that answers. */
async function submitting(page: Page, act: () => Promise<void>) {
  const answered = page.waitForNavigation();
  await act();
  await answered;
}

const text = async (l: Locator) => (await l.textContent())?.trim();
const focusedId = (page: Page) => page.evaluate('document.activeElement && document.activeElement.id');
/** The values ticked in a group of checkboxes, sorted. */
async function selected(l: Locator): Promise<string[]> {
  const options = l.locator('input:checked');
  return (await Promise.all(Array.from({ length: await options.count() }, async (_, i) => (await options.nth(i).getAttribute('value')) ?? ''))).sort();
}
const path = (page: Page) => new URL(page.url()).pathname;
/** The one-time notice after an action (the page may hold other, empty live regions). */
const notice = (page: Page) => page.locator('p.notice[role="status"]');

describe('When an agency signs up, registers its organization and adds a programme in English', () => {
  it('then each step works by clicks, a validation error keeps what was typed, and /account lists both', async () => {
    const page = await browser.newPage({ locale: 'en-GB' });
    await page.goto(`${site.url}/sign-in`);
    await expectAccessible(page);
    await submitting(page, () => page.getByRole('link', { name: 'Create an account' }).last().click());
    expect(await text(page.locator('h1'))).toBe('Create an account');
    await expectAccessible(page);
    await page.getByRole('radio', { name: 'an agency or intermediary that runs partnering programmes' }).check();
    await page.getByLabel('Your name').fill('Tendai Moyo');
    await page.getByLabel('E-mail address').fill('tendai@zida.example');
    await page.getByLabel('Password').fill(PASSWORD);
    await submitting(page, () => page.locator('main').getByRole('button', { name: 'Create an account' }).click());
    expect(path(page)).toBe('/account');
    expect(await text(notice(page))).toContain('register your organization');
    await expectAccessible(page);

    await submitting(page, () => page.getByRole('link', { name: 'Register an organization' }).click());
    await expectAccessible(page);
    await page.getByLabel('Name of the organization').fill('Bulawayo Chamber of Industries');
    await page.getByLabel('Acronym').fill('BCI');
    await page.getByLabel('Kind').selectOption('chamber-of-commerce');
    await page.getByRole('combobox', { name: 'Country', exact: true }).selectOption('ZW');
    await page.getByLabel('Website').fill('bci.example');
    await page.getByLabel('City', { exact: true }).fill('Bulawayo');
    await page.getByLabel('Partner search').check();
    await page.getByLabel('C Manufacturing').check();
    await submitting(page, () => page.getByRole('button', { name: 'Register' }).click());

    // The form comes back with the error tied to the field and every typed value kept.
    expect(await text(page.locator('h1'))).toBe('Register an organization');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await text(page.locator('#f-website-error'))).toBe('Enter a web address that starts with https:// or http://.');
    expect(await page.getByLabel('Website').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Name of the organization').inputValue()).toBe('Bulawayo Chamber of Industries');
    expect(await page.getByLabel('Acronym').inputValue()).toBe('BCI');
    expect(await page.getByRole('combobox', { name: 'Country', exact: true }).inputValue()).toBe('ZW');
    expect(await page.getByLabel('City', { exact: true }).inputValue()).toBe('Bulawayo');
    expect(await page.getByLabel('Partner search').isChecked()).toBe(true);
    await expectAccessible(page);
    // The summary's link leads to the field.
    await page.locator('.error-summary a').first().click();
    expect(await focusedId(page)).toBe('f-website');
    await page.getByLabel('Website').fill('https://bci.example');
    await submitting(page, () => page.getByRole('button', { name: 'Register' }).click());

    expect(path(page)).toBe('/account');
    expect(await text(notice(page))).toContain('stays pending until an operator approves it');
    expect(await text(page.locator('main'))).toContain('pending approval by an operator');
    await expectAccessible(page);

    await submitting(page, () => page.getByRole('link', { name: 'Add a programme to “Bulawayo Chamber of Industries”' }).click());
    expect(await text(page.locator('h1'))).toBe('Add a programme');
    expect(await page.getByLabel('Bulawayo Chamber of Industries').isChecked()).toBe(true);
    await expectAccessible(page);
    await page.getByLabel('Name of the programme').fill('Bulawayo–Johannesburg supplier days');
    // Countries are ticked in their region, opened by a click on its name: no Ctrl-click.
    const tick = async (field: string, countries: string[]) => {
      const group = page.getByRole('group', { name: field });
      for (const country of countries) {
        const region = group.locator('details').filter({ hasText: country });
        if ((await region.getAttribute('open')) === null) await region.locator('summary').click();
        await group.getByRole('checkbox', { name: country, exact: true }).check();
      }
    };
    await tick('Origin countries', ['Zimbabwe']);
    await tick('Target countries', ['South Africa', 'Botswana']);
    await page.getByLabel('Supplier linkage').check();
    await submitting(page, () => page.getByRole('button', { name: 'Save' }).click());

    expect(path(page)).toBe('/account');
    expect(await text(notice(page))).toBe('“Bulawayo–Johannesburg supplier days” is saved.');
    expect(await text(page.locator('main'))).toContain('Bulawayo Chamber of Industries');
    await submitting(page, () => page.getByRole('link', { name: 'Edit “Bulawayo–Johannesburg supplier days”' }).click());
    expect(await selected(page.getByRole('group', { name: 'Target countries' }))).toEqual(['BW', 'ZA']);
    await expectAccessible(page);

    // An entry from a feed can be claimed; the page says an operator verifies the claim.
    await page.goto(`${site.url}/organizations/${feedEntry}/claim`);
    await expectAccessible(page);
    await page.getByLabel('Message to the operators').fill('I run its partnerships desk.');
    await submitting(page, () => page.getByRole('button', { name: 'Send the claim' }).click());
    expect(path(page)).toBe('/account');
    expect(await text(notice(page))).toContain('An operator will verify it');

    // A best-practice case: the form, a year that is not one, then saved.
    await submitting(page, () => page.getByRole('link', { name: 'Add a case to “Bulawayo Chamber of Industries”' }).click());
    await expectAccessible(page);
    await page.getByLabel('Title').fill('Cotton ginning joint venture');
    await page.getByLabel('Year').fill('last year');
    await submitting(page, () => page.getByRole('button', { name: 'Save' }).click());
    expect(await text(page.locator('#f-year-error'))).toBe('Enter a year between 1950 and 2100, such as 2019.');
    expect(await page.getByLabel('Title').inputValue()).toBe('Cotton ginning joint venture');
    await expectAccessible(page);
    await page.getByLabel('Year').fill('2021');
    await submitting(page, () => page.getByRole('button', { name: 'Save' }).click());
    expect(await text(page.locator('main'))).toContain('Cotton ginning joint venture');

    // Signing out from the header ends the session.
    await submitting(page, () => page.getByRole('button', { name: 'Sign out' }).click());
    expect(path(page)).toBe('/');
    await page.goto(`${site.url}/forgot-password`);
    await expectAccessible(page);
    await page.close();
  }, 120_000);
});

describe('When an agency does the same in Spanish, by keyboard only', () => {
  it('then the forms speak Spanish, errors included, and the sign-up is sent with the keyboard alone', async () => {
    const page = await browser.newPage({ locale: 'es-ES' });
    await page.goto(`${site.url}/sign-up`);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await text(page.locator('h1'))).toBe('Crear una cuenta');
    // The skip link, then into the form: the firm/agency choice (none made for the reader: the
    // arrow key moves to "an agency" and chooses it), name, e-mail, password, Enter.
    await page.keyboard.press('Tab');
    expect(await text(page.locator(':focus'))).toBe('Ir al contenido');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('f-role-0');
    expect(await page.locator('input[name=role]:checked').count()).toBe(0);
    await page.keyboard.press('ArrowDown');
    expect(await focusedId(page)).toBe('f-role-1');
    expect(await page.locator('#f-role-1').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Lucía Quispe');
    await page.keyboard.press('Tab');
    await page.keyboard.type('lucia@procomex.example');
    await page.keyboard.press('Tab');
    await page.keyboard.type('corto');
    await submitting(page, () => page.keyboard.press('Enter'));

    expect(await text(page.locator('#f-password-error'))).toBe('Use al menos 12 caracteres.');
    expect(await page.locator('#f-email').inputValue()).toBe('lucia@procomex.example');
    expect(await page.locator('#f-name').inputValue()).toBe('Lucía Quispe');
    expect(await page.locator('#f-password').inputValue()).toBe('');
    await expectAccessible(page);
    // From the error summary's link to the field, by keyboard.
    await page.locator('.error-summary a').first().focus();
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('f-password');
    await page.keyboard.type(PASSWORD);
    await submitting(page, () => page.keyboard.press('Enter'));
    expect(path(page)).toBe('/account');
    expect(await text(page.locator('h1'))).toBe('Mis organizaciones');
    await expectAccessible(page);

    await submitting(page, () => page.getByRole('link', { name: 'Registrar una organización' }).click());
    await page.getByLabel('Nombre de la organización').fill('Cámara de Comercio de Cusco');
    await page.getByLabel('Correo de contacto').fill('info@camara');
    await submitting(page, () => page.getByRole('button', { name: 'Registrar' }).click());
    expect(await page.locator('.error-summary h2').isVisible()).toBe(true);
    expect(await text(page.locator('#f-kind-error'))).toBe('Elija una de las opciones de la lista.');
    expect(await text(page.locator('#f-email-error'))).toBe('Escriba una dirección de correo como nombre@ejemplo.org.');
    expect(await page.getByLabel('Nombre de la organización').inputValue()).toBe('Cámara de Comercio de Cusco');
    expect(await page.getByLabel('Correo de contacto').inputValue()).toBe('info@camara');
    expect(await text(page.locator('#f-country option[value="PE"]'))).toBe('Perú');
    await expectAccessible(page);
    await page.locator('#f-kind').selectOption('chamber-of-commerce');
    await page.locator('#f-country').selectOption('PE');
    await page.getByLabel('Correo de contacto').fill('info@camaracusco.example');
    await page.getByRole('checkbox', { name: 'Formación', exact: true }).check();
    await submitting(page, () => page.getByRole('button', { name: 'Registrar' }).click());
    expect(path(page)).toBe('/account');
    expect(await text(notice(page))).toContain('Queda pendiente hasta que un operador la apruebe');
    expect(await text(page.locator('main'))).toContain('pendiente de aprobación por un operador');

    await submitting(page, () => page.getByRole('link', { name: 'Editar «Cámara de Comercio de Cusco»' }).click());
    expect(await page.getByRole('checkbox', { name: 'Formación', exact: true }).isChecked()).toBe(true);
    await expectAccessible(page);
    await page.close();
  }, 120_000);
});

describe('When someone signs in with a wrong password in French', () => {
  it('then the page says so in French, keeps the e-mail, and is accessible', async () => {
    const page = await browser.newPage({ locale: 'fr-FR' });
    await page.goto(`${site.url}/sign-in`);
    await page.getByLabel('Adresse électronique').fill('personne@example.org');
    await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
    await submitting(page, () => page.locator('main').getByRole('button', { name: 'Se connecter' }).click());
    expect(await text(page.getByRole('alert'))).toContain('L’adresse électronique ou le mot de passe est incorrect.');
    expect(await page.getByLabel('Adresse électronique').inputValue()).toBe('personne@example.org');
    await expectAccessible(page);
    await page.close();
  }, 60_000);
});
