/**
 * When a signed-in user opens "Your details", then it changes its name and its mails' language,
 * and a firm its company and country, which the agency it asks then reads on the request; and
 * when an agency's editor is reminded to confirm an entry, then the button it is led to
 * confirms it, /account shows the date, and nobody else can.
 */
import { sql } from 'drizzle-orm';
import { sendConfirmReminders } from '../../../server/commands/send-confirm-reminders';
import { userById } from '../../../server/db/users';
import { makeOrganization, makeProgramme } from '../../factories';
import { signedIn, testApp, type TestApp } from '../../support';
import { definition, read, textIn } from './reader';

let t: TestApp;
let agencyId: string;
let firm: Awaited<ReturnType<typeof signedIn>>;
let editor: Awaited<ReturnType<typeof signedIn>>;

const form = (who: typeof firm, path: string, fields: Record<string, string>) => who.agent.post(path).type('form').send({ _csrf: who.csrf, ...fields });
const outbox = (kind: string, to: string) =>
  t.ctx.database.rows<{ subject: string; text: string }>(sql`select subject, text from mail_outbox where kind = ${kind} and "to" = ${to} order by created_at`);

beforeAll(async () => {
  t = await testApp();
  agencyId = await makeOrganization(t.ctx, { country: 'SN', name: 'APIX Sénégal' });
  // A firm made without details, as the CLI or the API before sign-up asked for them.
  firm = await signedIn(t, ['firm']);
  editor = await signedIn(t, ['agency-editor'], [agencyId]);
});
afterAll(() => t.close());

describe('When a firm made without details opens /account', () => {
  it('then its details read "not given", with a link to give them', async () => {
    const $ = read((await firm.agent.get('/account').expect(200)).text);
    expect(textIn($, 'section.details')).toContain('Name: not given');
    expect(textIn($, 'section.details')).toContain('Company: not given · Country: not given');
    expect($('section.details a').attr('href')).toBe('/account/details');
  });

  it('then a country not in the list is refused next to the field, in the reader’s language, and nothing is saved', async () => {
    const res = await form(firm, '/account/details?lang=fr', { name: 'Awa Diop', company: 'Sahel Solar SARL', country: 'XX', language: 'en' });
    expect(res.status).toBe(400);
    const $ = read(res.text);
    expect(textIn($, '#f-country-error')).toBe('Choisissez un pays dans la liste.');
    expect($('#f-company').attr('value')).toBe('Sahel Solar SARL');
    expect((await userById(t.ctx.database.db, firm.id))?.company).toBeNull();
    // Back to English pages (and mails: the switch follows the reader) for what follows.
    await firm.agent.get('/account?lang=en').expect(200);
  });

  it('then a firm cannot leave its company out', async () => {
    const res = await form(firm, '/account/details', { name: 'Awa Diop', company: '', country: 'SN', language: 'en' });
    expect(res.status).toBe(400);
    expect(textIn(read(res.text), '#f-company-error')).toBe('Required for a firm: the agency you ask sees it.');
  });

  it('then its details are saved, shown on /account and in the form, and the agency reads them on its request', async () => {
    const form1 = read((await firm.agent.get('/account/details').expect(200)).text);
    expect(form1('select#f-language option').map((_, o) => form1(o).text()).get()).toEqual(['English', 'Français', 'Español']);
    const saved = await form(firm, '/account/details', { name: 'Awa Diop', company: 'Sahel Solar SARL', country: 'sn', language: 'en' });
    expect(saved.status).toBe(303);
    const $ = read((await firm.agent.get('/account').expect(200)).text);
    expect(textIn($, '.notice')).toContain('Your details are saved.');
    expect(textIn($, 'section.details')).toContain('Name: Awa Diop');
    expect(textIn($, 'section.details')).toContain('Company: Sahel Solar SARL · Country: Senegal');
    const again = read((await firm.agent.get('/account/details').expect(200)).text);
    expect(again('#f-company').attr('value')).toBe('Sahel Solar SARL');
    expect(again('#f-country option[selected]').attr('value')).toBe('SN');

    const asked = await firm.agent.post('/api/v1/introductions').set('X-CSRF-Token', firm.csrf).send({ organizationId: agencyId, message: 'A solar partner' });
    expect(asked.status).toBe(201);
    const request = read((await editor.agent.get(`/introductions/${asked.body.id}`).expect(200)).text);
    expect(definition(request, 'Name')).toBe('Awa Diop');
    expect(definition(request, 'Company')).toBe('Sahel Solar SARL');
    expect(definition(request, 'Country')).toBe('Senegal');
  });

  it('then choosing French makes its next mail French, while the site keeps the reader’s language', async () => {
    expect((await form(firm, '/account/details', { name: 'Awa Diop', company: 'Sahel Solar SARL', country: 'SN', language: 'fr' })).status).toBe(303);
    const $ = read((await firm.agent.get('/account').expect(200)).text);
    expect(textIn($, 'section.details')).toContain('Language of your mails: Français');
    const other = await makeOrganization(t.ctx, { country: 'CI', name: 'CEPICI' });
    expect((await firm.agent.post('/api/v1/introductions').set('X-CSRF-Token', firm.csrf).send({ organizationId: other, message: 'Un partenaire' })).status).toBe(201);
    const sent = await outbox('introduction-sent', firm.email);
    expect(sent.at(-1)?.subject).toMatch(/^Votre demande/);
  });
});

describe('When an agency editor opens "Your details"', () => {
  it('then it is asked its name and language only, and may clear its name', async () => {
    const $ = read((await editor.agent.get('/account/details').expect(200)).text);
    expect($('#f-company').length).toBe(0);
    expect($('#f-country').length).toBe(0);
    expect((await form(editor, '/account/details', { name: 'Moussa Ndiaye', language: 'es' })).status).toBe(303);
    expect(await userById(t.ctx.database.db, editor.id)).toMatchObject({ name: 'Moussa Ndiaye', language: 'es', company: null });
    expect((await form(editor, '/account/details', { name: '', language: 'en' })).status).toBe(303);
    expect(await userById(t.ctx.database.db, editor.id)).toMatchObject({ name: null, language: 'en' });
  });
});

describe('When a client changes its details through PATCH /api/v1/auth/me', () => {
  const patch = (who: typeof firm, body: object) => who.agent.patch('/api/v1/auth/me').set('X-CSRF-Token', who.csrf).send(body);

  it('then a firm changes its company, and a bad country is named by its path', async () => {
    expect((await patch(firm, { company: 'Sahel Solar SA' })).status).toBe(200);
    expect((await userById(t.ctx.database.db, firm.id))?.company).toBe('Sahel Solar SA');
    const bad = await patch(firm, { country: 'XX' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['country']);
  });

  it('then a firm cannot clear its name, and an agency has no company', async () => {
    expect((await patch(firm, { name: null })).body.errors).toEqual([{ path: 'name', message: 'required for a firm' }]);
    expect((await patch(editor, { company: 'Mine' })).body.errors.map((e: { path: string }) => e.path)).toEqual(['company']);
  });
});

describe('When an editor is reminded to confirm its entry', () => {
  it('then the mail leads to the edit page, whose button confirms it, and /account shows the date', async () => {
    await t.ctx.database.rows(sql`update organizations set confirmed_at = now() - interval '400 days' where id = ${agencyId}`);
    expect(await sendConfirmReminders(t.ctx)).toBeGreaterThanOrEqual(1);
    const [mail] = await outbox('confirm-reminder', editor.email);
    const link = `${t.env.publicUrl}/account/organizations/${agencyId}/edit`;
    expect(mail?.text).toContain(`Nothing has changed? Confirm it is current, from the edit page: ${link}`);

    const edit = read((await editor.agent.get(`/account/organizations/${agencyId}/edit`).expect(200)).text);
    const button = edit('form.confirm button');
    // Read aloud with the entry's name; seen as the button's words alone.
    expect(button.text()).toBe('Confirm it is current (APIX Sénégal)');
    expect(button.find('.visually-hidden').text()).toBe(' (APIX Sénégal)');
    const action = edit('form.confirm').attr('action');
    expect(action).toBe(`/account/organizations/${agencyId}/confirm`);
    const fields = Object.fromEntries(edit('form.confirm input[type=hidden]').map((_, i) => [[edit(i).attr('name'), edit(i).attr('value')]]).get());
    expect((await editor.agent.post(String(action)).type('form').send(fields)).status).toBe(303);

    const $ = read((await editor.agent.get('/account').expect(200)).text);
    const today = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date());
    expect(textIn($, '.notice')).toContain(`APIX Sénégal is confirmed as current on ${today}.`);
    expect(textIn($, 'ul.entries li form.confirm')).toContain(`Confirmed current on ${today}.`);
    const [row] = await t.ctx.database.rows<{ days: number }>(sql`select extract(day from now() - confirmed_at)::int as days from organizations where id = ${agencyId}`);
    expect(row?.days).toBe(0);
  });

  it('then the notice is in the reader’s language', async () => {
    expect((await form(editor, `/account/organizations/${agencyId}/confirm?lang=fr`, {})).status).toBe(303);
    const $ = read((await editor.agent.get('/account?lang=fr').expect(200)).text);
    expect(textIn($, '.notice')).toContain('La fiche APIX Sénégal est confirmée à jour le');
  });

  it('then a programme it runs is confirmed from /account too, and the date shown beside it', async () => {
    const programme = await makeProgramme(t.ctx, { name: 'Senegal–Morocco suppliers', originCountries: ['SN'], targetCountries: ['MA'], state: 'published' }, [agencyId]);
    await t.ctx.database.rows(sql`update programmes set confirmed_at = '2024-03-05T12:00:00Z' where id = ${programme}`);
    // The reader went back to English pages after the French notice.
    const before = read((await editor.agent.get('/account?lang=en').expect(200)).text);
    const item = before('ul.entries li').filter((_, li) => before(li).find('a').first().text() === 'Senegal–Morocco suppliers');
    expect(textIn(before, 'ul.entries li:has(a:contains("Senegal–Morocco suppliers")) .meta')).toContain('Confirmed current on 5 March 2024.');
    expect(item.find('form.confirm button').text()).toBe('Confirm it is current (Senegal–Morocco suppliers)');
    const fields = Object.fromEntries(item.find('form.confirm input[type=hidden]').map((_, i) => [[before(i).attr('name'), before(i).attr('value')]]).get());
    expect((await editor.agent.post(String(item.find('form.confirm').attr('action'))).type('form').send(fields)).status).toBe(303);
    const after = read((await editor.agent.get('/account').expect(200)).text);
    expect(textIn(after, '.notice')).toContain('Senegal–Morocco suppliers is confirmed as current on');
    expect(textIn(after, 'ul.entries li:has(a:contains("Senegal–Morocco suppliers")) .meta')).not.toContain('2024');
  });

  it('then a stranger cannot confirm it', async () => {
    await t.ctx.database.rows(sql`update organizations set confirmed_at = now() - interval '400 days' where id = ${agencyId}`);
    const stranger = await signedIn(t, ['agency-editor']);
    const res = await stranger.agent.post(`/account/organizations/${agencyId}/confirm`).set('Accept', 'text/html').type('form').send({ _csrf: stranger.csrf });
    expect(res.status).toBe(403);
    const [row] = await t.ctx.database.rows<{ days: number }>(sql`select extract(day from now() - confirmed_at)::int as days from organizations where id = ${agencyId}`);
    expect(row?.days).toBe(400);
  });
});
