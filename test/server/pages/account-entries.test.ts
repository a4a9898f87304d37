import request from 'supertest';
import { moderateOrganization } from '../../../server/commands/organizations';
import { listClaims } from '../../../server/db/writes';
import { makeCase, makeOrganization, makeProgramme } from '../../factories';
import { signedIn, testApp, type TestApp } from '../../support';
import { fieldError } from './account-fields';
import { checked, choices, hrefOf, links, read, textIn, valueOf, type Read } from './reader';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());


const html = { Accept: 'text/html' };
/** The id in the edit link of /account that leads to an entry of this kind. */
const editedId = (page: string, kind: 'organizations' | 'programmes' | 'cases') =>
  links(read(page), 'main')
    .map((l) => new RegExp(`^/account/${kind}/([0-9a-f-]{36})/edit$`).exec(l.href)?.[1])
    .find((id) => id !== undefined);
/** The text of each item of /account's lists, as a reader goes down them. */
const items = ($: Read) => $('main li').map((_, li) => $(li).text().replace(/\s+/g, ' ').trim()).get();

describe('When an agency registers its organization', () => {
  it('then the form offers kinds, countries, services and sectors by name, and the entry is pending on /account', async () => {
    const { agent, csrf } = await signedIn(t, ['agency-editor']);
    const form = await agent.get('/account/organizations/new?lang=fr');
    expect(form.status).toBe(200);
    const $form = read(form.text);
    expect(choices($form, 'kind')).toContainEqual({ value: 'investment-promotion-agency', text: 'Agence de promotion des investissements', selected: false });
    expect(choices($form, 'country')).toContainEqual({ value: 'CI', text: "Côte d'Ivoire", selected: false });
    expect(textIn($form, 'form')).toContain('Recherche de partenaires');
    expect($form('legend').map((_, l) => $form(l).text()).get()).toContain('Secteurs (CITI)');
    const res = await agent.post('/account/organizations/new').type('form').send({
      _csrf: csrf,
      name: 'Agence Sénégalaise de Promotion des Investissements',
      acronym: 'APIX',
      kind: 'investment-promotion-agency',
      country: 'SN',
      website: 'https://apix.sn',
      'address.city': 'Dakar',
      services: ['partner-search', 'training'],
      sectors: 'C',
      languages: ['fr', 'en'],
      networks: 'waipa, empretec',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/account');
    const account = await agent.get('/account');
    expect(account.text).toContain('«\u00a0Agence Sénégalaise de Promotion des Investissements\u00a0» est inscrite. Elle reste en attente');
    expect(account.text).toContain('en attente d’approbation par un opérateur');
    const id = editedId(account.text, 'organizations');
    expect(id).toBeDefined();
    // Not listed for the public until an operator approves it.
    expect((await request(t.app).get(`/organizations/${id}`).set(html)).status).toBe(404);
    const edit = read((await agent.get(`/account/organizations/${id}/edit`)).text);
    expect(valueOf(edit, 'address.city')).toBe('Dakar');
    expect(valueOf(edit, 'networks')).toBe('waipa, empretec');
    expect(checked(edit, 'services').sort()).toEqual(['partner-search', 'training']);
    expect(valueOf(edit, 'country')).toBe('SN');
  });

  it('then bad input comes back (400) with every typed value, an error summary and a message by each field, in Spanish', async () => {
    const { agent, csrf } = await signedIn(t, ['agency-editor']);
    const res = await agent.post('/account/organizations/new?lang=es').type('form').send({
      _csrf: csrf,
      name: '',
      acronym: 'PX<script>',
      country: 'KE',
      website: 'ftp://files.example',
      email: 'not-an-email',
      'address.street': 'Calle 5',
      services: 'training',
      networks: 'Not A Label',
      description: 'Una descripción',
    });
    expect(res.status).toBe(400);
    const $ = read(res.text);
    expect(textIn($, 'title')).toMatch(/^Error: Registrar una organización/);
    expect(hrefOf($, 'Nombre de la organización: Rellene este campo.', '.error-summary')).toBe('#f-name');
    expect(fieldError(res.text, 'name')).toBe('Rellene este campo.');
    expect(fieldError(res.text, 'kind')).toBe('Elija una de las opciones de la lista.');
    expect(fieldError(res.text, 'website')).toBe('Escriba una dirección web que empiece por https:// o http://.');
    expect(fieldError(res.text, 'email')).toBe('Escriba una dirección de correo como nombre@ejemplo.org.');
    expect(fieldError(res.text, 'networks')).toContain('etiquetas cortas en minúsculas');
    expect($('#f-website').attr('aria-invalid')).toBe('true');
    const kept = { acronym: 'PX<script>', website: 'ftp://files.example', email: 'not-an-email', 'address.street': 'Calle 5', networks: 'Not A Label', description: 'Una descripción', country: 'KE' };
    for (const [name, value] of Object.entries(kept)) expect([name, valueOf($, name)]).toEqual([name, value]);
    expect(checked($, 'services')).toEqual(['training']);
  });

  it('then a firm gets the 403 page and someone signed out is sent to sign in', async () => {
    const firm = await signedIn(t, ['firm']);
    const forbidden = await firm.agent.get('/account/organizations/new').set(html);
    expect(forbidden.status).toBe(403);
    expect(forbidden.type).toBe('text/html');
    const out = await request(t.app).get('/account/organizations/new').set(html);
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe(`/sign-in?next=${encodeURIComponent('/account/organizations/new')}`);
    const firmAccount = await firm.agent.get('/account');
    expect(firmAccount.text).toContain('As a firm you can search');
  });
});

describe('When an editor edits its organization', () => {
  it('then changed fields are saved, a cleared field is cleared, and only the changed fields become local', async () => {
    const org = await makeOrganization(t.ctx, { name: 'Kenya Investment Authority', acronym: 'KenInvest', country: 'KE', phone: '+254 20 1', services: ['training'] });
    const { agent, csrf } = await signedIn(t, ['agency-editor'], [org]);
    const form = await agent.get(`/account/organizations/${org}/edit`);
    expect(valueOf(read(form.text), 'acronym')).toBe('KenInvest');
    const res = await agent.post(`/account/organizations/${org}/edit`).type('form').send({ _csrf: csrf, name: 'Kenya Investment Authority', kind: 'investment-promotion-agency', country: 'KE', phone: '', services: 'training', description: 'One-stop shop' });
    expect(res.status).toBe(303);
    expect((await agent.get('/account')).text).toContain('“Kenya Investment Authority” is saved.');
    const api = await request(t.app).get(`/api/v1/organizations/${org}`);
    expect(api.body).toMatchObject({ acronym: null, phone: null, description: 'One-stop shop', services: ['training'] });
    expect(api.body.localFields.sort()).toEqual(['acronym', 'description', 'phone']);
  });

  it('then bad input keeps the typed values and the entry is unchanged', async () => {
    const org = await makeOrganization(t.ctx, { name: 'Uganda Investment Authority', country: 'UG' });
    const { agent, csrf } = await signedIn(t, ['agency-editor'], [org]);
    const res = await agent.post(`/account/organizations/${org}/edit`).type('form').send({ _csrf: csrf, name: 'UIA renamed', kind: 'investment-promotion-agency', country: '', email: 'bad@' });
    expect(res.status).toBe(400);
    expect(valueOf(read(res.text), 'name')).toBe('UIA renamed');
    expect(fieldError(res.text, 'email')).toBe('Enter an e-mail address such as name@example.org.');
    expect(fieldError(res.text, 'country')).toBe('Choose a country from the list.');
    expect((await request(t.app).get(`/api/v1/organizations/${org}`)).body.name).toBe('Uganda Investment Authority');
  });

  it('then another agency gets the 403 page, an unknown id the 404 page, and an operator may edit', async () => {
    const org = await makeOrganization(t.ctx, { name: 'Zambia Development Agency', country: 'ZM' });
    const other = await signedIn(t, ['agency-editor'], [await makeOrganization(t.ctx)]);
    expect((await other.agent.get(`/account/organizations/${org}/edit`).set(html)).status).toBe(403);
    expect((await other.agent.post(`/account/organizations/${org}/edit`).set(html).type('form').send({ _csrf: other.csrf, name: 'Taken over' })).status).toBe(403);
    const missing = await other.agent.get('/account/organizations/00000000-0000-4000-8000-000000000000/edit').set(html);
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Page not found');
    const operator = await signedIn(t, ['operator']);
    expect((await operator.agent.get(`/account/organizations/${org}/edit`)).status).toBe(200);
  });
});

describe('When an editor adds and edits a programme', () => {
  it('then the programme is saved with its derived direction and listed on /account with an edit link', async () => {
    const org = await makeOrganization(t.ctx, { name: 'Ethiopian Investment Commission', country: 'ET' });
    const { agent, csrf } = await signedIn(t, ['agency-editor'], [org]);
    const form = await agent.get(`/account/programmes/new?organization=${org}`);
    expect(form.status).toBe(200);
    expect(checked(read(form.text), 'operators')).toEqual([org]);
    const res = await agent.post(`/account/programmes/new?organization=${org}`).type('form').send({
      _csrf: csrf,
      name: 'Ethiopia–Germany supplier linkages',
      operators: org,
      originCountries: 'ET',
      targetCountries: ['DE', 'FR'],
      partnershipTypes: 'supplier-linkage',
      status: 'active',
      state: 'published',
    });
    expect(res.status).toBe(303);
    const account = await agent.get('/account');
    expect(account.text).toContain('Ethiopia–Germany supplier linkages');
    const id = editedId(account.text, 'programmes');
    const api = await request(t.app).get(`/api/v1/programmes/${id}`);
    expect(api.body).toMatchObject({ direction: 'north-south', operators: [org], targetCountries: ['DE', 'FR'] });
    const edit = await agent.get(`/account/programmes/${id}/edit`);
    const $edit = read(edit.text);
    expect($edit('#f-targetCountries input:checked').map((_, el) => $edit(el).val()).get().sort()).toEqual(['DE', 'FR']);
    const saved = await agent.post(`/account/programmes/${id}/edit`).type('form').send({ _csrf: csrf, name: 'Ethiopia–Germany supplier linkages', operators: org, originCountries: 'ET', targetCountries: 'KE', status: 'planned', state: 'published' });
    expect(saved.status).toBe(303);
    expect((await request(t.app).get(`/api/v1/programmes/${id}`)).body).toMatchObject({ direction: 'south-south', status: 'planned', partnershipTypes: [] });
  });

  it('then a programme without a name or operator comes back with errors and the chosen countries kept', async () => {
    const org = await makeOrganization(t.ctx, { country: 'GH' });
    const { agent, csrf } = await signedIn(t, ['agency-editor'], [org]);
    const res = await agent.post('/account/programmes/new?lang=fr').type('form').send({ _csrf: csrf, name: '', originCountries: ['GH', 'CI'], website: 'www.example', status: 'active', state: 'published' });
    expect(res.status).toBe(400);
    expect(fieldError(res.text, 'name')).toBe('Remplissez ce champ.');
    expect(fieldError(res.text, 'operators')).toBe('Choisissez-en au moins un.');
    expect(fieldError(res.text, 'website')).toContain('https://');
    const kept = read(res.text);
    expect(kept('#f-originCountries input:checked').map((_, el) => kept(el).val()).get()).toEqual(['CI', 'GH']);
    expect(kept('#f-originCountries details[open] summary').text()).toBe('Afrique (2)');
    expect(valueOf(kept, 'website')).toBe('www.example');
  });

  it('then another agency’s programme gives the 403 page, and someone without an organization cannot add one', async () => {
    const org = await makeOrganization(t.ctx);
    const programme = await makeProgramme(t.ctx, { originCountries: ['KE'], targetCountries: ['DE'] }, [org]);
    const other = await signedIn(t, ['agency-editor'], [await makeOrganization(t.ctx)]);
    expect((await other.agent.get(`/account/programmes/${programme}/edit`).set(html)).status).toBe(403);
    const newcomer = await signedIn(t, ['agency-editor']);
    expect((await newcomer.agent.get('/account/programmes/new').set(html)).status).toBe(403);
  });
});

describe('When an editor adds and edits a best-practice case', () => {
  it('then the case is saved, listed on /account, and editing keeps its partners', async () => {
    const org = await makeOrganization(t.ctx, { name: 'Empretec Ghana', country: 'GH' });
    const programme = await makeProgramme(t.ctx, { name: 'Ghana–Brazil cassava', originCountries: ['GH'], targetCountries: ['BR'] }, [org]);
    const { agent, csrf } = await signedIn(t, ['agency-editor'], [org]);
    const form = await agent.get(`/account/cases/new?organization=${org}`);
    expect(choices(read(form.text), 'programme')).toContainEqual({ value: programme, text: 'Ghana–Brazil cassava', selected: false });
    const bad = await agent.post('/account/cases/new').type('form').send({ _csrf: csrf, title: 'Cassava flour', organizations: org, year: '19x', state: 'published' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.text, 'year')).toBe('Enter a year between 1950 and 2100, such as 2019.');
    expect(valueOf(read(bad.text), 'year')).toBe('19x');
    const res = await agent.post('/account/cases/new').type('form').send({ _csrf: csrf, title: 'Cassava flour', organizations: org, programme, countries: ['GH', 'BR'], partnershipType: 'joint-venture', year: '2019', outcome: 'A joint venture', state: 'published' });
    expect(res.status).toBe(303);
    const account = await agent.get('/account');
    expect(account.text).toContain('Cassava flour');
    const id = editedId(account.text, 'cases') ?? '';
    expect((await request(t.app).get(`/cases/${id}`)).text).toContain('A joint venture');
    const withPartners = await makeCase(t.ctx, { title: 'Shea butter', partners: [{ name: 'Shea Co' }] }, [org]);
    const saved = await agent.post(`/account/cases/${withPartners}/edit`).type('form').send({ _csrf: csrf, title: 'Shea butter exports', organizations: org, year: '2020', state: 'published' });
    expect(saved.status).toBe(303);
    const cases = await request(t.app).get(`/api/v1/cases?q=shea`);
    expect(cases.body.items).toMatchObject([{ title: 'Shea butter exports', year: 2020, partners: [{ name: 'Shea Co' }] }]);
    const edit = await agent.get(`/account/cases/${withPartners}/edit`);
    expect(valueOf(read(edit.text), 'year')).toBe('2020');
  });

  it('then another agency’s case gives the 403 page', async () => {
    const c = await makeCase(t.ctx, {}, [await makeOrganization(t.ctx)]);
    const other = await signedIn(t, ['agency-editor'], [await makeOrganization(t.ctx)]);
    expect((await other.agent.get(`/account/cases/${c}/edit`).set(html)).status).toBe(403);
  });
});

describe('When an agency claims an entry a feed brought', () => {
  it('then the claim awaits an operator, the page says so, and a second claim is refused kindly', async () => {
    const org = await makeOrganization(t.ctx, { name: 'Tanzania Investment Centre', country: 'TZ' });
    const { agent, csrf, id: userId } = await signedIn(t, ['agency-editor']);
    const form = await agent.get(`/organizations/${org}/claim`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('an operator of the network checks your claim');
    const res = await agent.post(`/organizations/${org}/claim`).type('form').send({ _csrf: csrf, message: 'I am its director of partnerships' });
    expect(res.status).toBe(303);
    expect((await agent.get('/account')).text).toContain('Your claim is sent. An operator will verify it');
    const claims = await listClaims(t.ctx.database.db, 'pending');
    expect(claims.find((c) => c.organizationId === org && c.userId === userId)?.message).toBe('I am its director of partnerships');
    const again = await agent.post(`/organizations/${org}/claim?lang=fr`).type('form').send({ _csrf: csrf });
    expect(again.status).toBe(409);
    expect(again.text).toContain('Votre demande pour cette organisation attend déjà un opérateur.');
  });

  it('then a firm gets the 403 page, someone signed out the sign-in page, and a too-long message an error', async () => {
    const org = await makeOrganization(t.ctx, { country: 'TZ' });
    const firm = await signedIn(t, ['firm']);
    expect((await firm.agent.get(`/organizations/${org}/claim`).set(html)).status).toBe(403);
    const out = await request(t.app).get(`/organizations/${org}/claim`).set(html);
    expect(out.headers.location).toBe(`/sign-in?next=${encodeURIComponent(`/organizations/${org}/claim`)}`);
    const { agent, csrf } = await signedIn(t, ['agency-editor']);
    const long = await agent.post(`/organizations/${org}/claim`).type('form').send({ _csrf: csrf, message: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(fieldError(long.text, 'message')).toBe('Use at most 2000 characters.');
  });
});

describe('When an operator approves a registration', () => {
  it('then /account shows the organization as published', async () => {
    const { agent, csrf } = await signedIn(t, ['agency-editor']);
    await agent.post('/account/organizations/new').type('form').send({ _csrf: csrf, name: 'Malawi Investment and Trade Centre', kind: 'investment-promotion-agency', country: 'MW' });
    const id = editedId((await agent.get('/account')).text, 'organizations') ?? '';
    const operator = await signedIn(t, ['operator']);
    const user = { id: operator.id, email: operator.email, roles: ['operator' as const], organizations: [] };
    await moderateOrganization(t.ctx, { user, requestId: 'test' }, id, { decision: 'approve' });
    const account = await agent.get('/account');
    const $ = read(account.text);
    expect(items($)).toContainEqual(expect.stringMatching(/^Malawi Investment and Trade Centre — published\b/));
    expect($('main li:has(strong)').filter((_, li) => $(li).find('a').first().text() === 'Malawi Investment and Trade Centre').find('strong').first().text()).toBe('published');
  });
});
