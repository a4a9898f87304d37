/**
 * When an agency names another agency's organization as an operator of its programme, then
 * that organization is only invited: not listed on the programme and without rights over it,
 * until its editor (or an operator) accepts; nobody else can accept for it.
 */
import * as cheerio from 'cheerio';
import request from 'supertest';
import { matchReviews } from '../../../server/db/schema';
import { insertSource } from '../../../server/db/sync';
import { makeOrganization } from '../../factories';
import { signedIn, testApp, type TestApp } from '../../support';

let t: TestApp;
let lyon: string;
let dakar: string;
let editorLyon: Awaited<ReturnType<typeof signedIn>>;
let editorDakar: Awaited<ReturnType<typeof signedIn>>;
let stranger: Awaited<ReturnType<typeof signedIn>>;
let operator: Awaited<ReturnType<typeof signedIn>>;
let programme: string;

const api = (who: typeof stranger, method: 'post' | 'patch', path: string, body: object = {}) => who.agent[method](path).set('X-CSRF-Token', who.csrf).send(body);
const accept = (who: typeof stranger, id: string, org: string) => api(who, 'post', `/api/v1/programmes/${id}/operators/${org}/accept`);
/** The operators a reader sees on the programme's page, by name. */
async function listedOperators(id: string): Promise<string[]> {
  const $ = cheerio.load((await request(t.app).get(`/programmes/${id}`)).text);
  const dt = $('dt').filter((_i, el) => $(el).text() === 'Operators');
  return dt.next('dd').find('a').map((_i, a) => $(a).text()).get();
}

beforeAll(async () => {
  t = await testApp();
  lyon = await makeOrganization(t.ctx, { name: 'Agence Lyonnaise', country: 'FR' });
  dakar = await makeOrganization(t.ctx, { name: 'Agence de Dakar', country: 'SN' });
  const other = await makeOrganization(t.ctx, { name: 'Chambre de Quito', country: 'EC' });
  editorLyon = await signedIn(t, ['agency-editor'], [lyon]);
  editorDakar = await signedIn(t, ['agency-editor'], [dakar]);
  stranger = await signedIn(t, ['agency-editor'], [other]);
  operator = await signedIn(t, ['operator']);
  const res = await api(editorLyon, 'post', '/api/v1/programmes', { name: 'Dakar–Lyon Food Link', operators: [lyon, dakar], originCountries: ['FR'], targetCountries: ['SN'] });
  expect(res.status).toBe(201);
  programme = res.body.id;
});
afterAll(() => t.close());

describe('When an agency names another agency’s organization as a co-operator', () => {
  it('then the programme lists only its own organization, in the API and on its page, and not on the other’s page', async () => {
    expect((await request(t.app).get(`/api/v1/programmes/${programme}`)).body.operators).toEqual([lyon]);
    expect(await listedOperators(programme)).toEqual(['Agence Lyonnaise']);
    const $ = cheerio.load((await request(t.app).get(`/organizations/${dakar}`)).text);
    expect($('main a').map((_i, a) => $(a).text()).get()).not.toContain('Dakar–Lyon Food Link');
  });

  it('then the invited organization’s editor cannot edit it, by the API or the page', async () => {
    expect((await api(editorDakar, 'patch', `/api/v1/programmes/${programme}`, { description: 'Ours now.' })).status).toBe(403);
    expect((await editorDakar.agent.get(`/account/programmes/${programme}/edit`)).status).toBe(403);
  });

  it('then the invitation shows on that editor’s account page with an Accept button, and the inviter’s form keeps it ticked', async () => {
    const $ = cheerio.load((await editorDakar.agent.get('/account')).text);
    const item = $(`#invitation-${programme}-${dakar}`);
    expect(item.text()).toContain('Agence de Dakar is invited to run');
    expect(item.find('a').text()).toBe('Dakar–Lyon Food Link');
    expect(item.find('button').text()).toBe('Accept');
    const form = cheerio.load((await editorLyon.agent.get(`/account/programmes/${programme}/edit`)).text);
    const box = form(`input[name="operators"][value="${dakar}"]`);
    expect(box.is(':checked')).toBe(true);
    expect(box.parent('label').text().trim()).toBe('Agence de Dakar (invited, not yet accepted)');
  });

  it('then nobody else accepts for it: a stranger gets 403, an unknown programme 404, a malformed id 400 naming it', async () => {
    const refused = await accept(stranger, programme, dakar);
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await accept(editorLyon, programme, dakar)).status).toBe(403);
    expect((await request(t.app).post(`/api/v1/programmes/${programme}/operators/${dakar}/accept`)).status).toBe(401);
    expect((await accept(editorDakar, '00000000-0000-4000-8000-000000000000', dakar)).status).toBe(404);
    expect((await accept(operator, programme, '00000000-0000-4000-8000-000000000001')).status).toBe(404);
    const malformed = await accept(editorDakar, programme, 'dakar');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ path: 'organizationId', message: 'must be a UUID' }]);
    expect(await listedOperators(programme)).toEqual(['Agence Lyonnaise']);
  });

  it('then once its editor accepts on the account page, it is listed and may edit; accepting again changes nothing', async () => {
    const res = await editorDakar.agent.post(`/account/programmes/${programme}/operators/${dakar}/accept`).type('form').send({ _csrf: editorDakar.csrf });
    expect(res.status).toBe(303);
    const $ = cheerio.load((await editorDakar.agent.get('/account')).text);
    expect($('main').text()).toContain('Your organization now runs Dakar–Lyon Food Link');
    expect($(`#invitation-${programme}-${dakar}`).length).toBe(0);
    expect(await listedOperators(programme)).toEqual(['Agence Lyonnaise', 'Agence de Dakar']);
    expect((await api(editorDakar, 'patch', `/api/v1/programmes/${programme}`, { description: 'Run from Dakar and Lyon.' })).status).toBe(200);
    const again = await accept(editorDakar, programme, dakar);
    expect(again.status).toBe(200);
    expect(again.body.operators).toEqual([lyon, dakar]);
  });

  it('then the invited editor may read a draft it is invited to, to judge the invitation, while the public may not', async () => {
    const draft = (await api(editorLyon, 'post', '/api/v1/programmes', { name: 'Lyon–Dakar Draft Link', operators: [lyon, dakar], state: 'draft' })).body.id;
    expect((await request(t.app).get(`/programmes/${draft}`)).status).toBe(404);
    expect((await stranger.agent.get(`/api/v1/programmes/${draft}`)).status).toBe(404);
    const $ = cheerio.load((await editorDakar.agent.get(`/programmes/${draft}`)).text);
    expect($('h1').text()).toBe('Lyon–Dakar Draft Link');
    expect((await api(editorDakar, 'patch', `/api/v1/programmes/${draft}`, { state: 'published' })).status).toBe(403);
  });

  it('then an operator of the network may accept for an invited organization', async () => {
    const other = (await api(editorLyon, 'post', '/api/v1/programmes', { name: 'Lyon–Dakar Textile Link', operators: [lyon, dakar] })).body.id;
    expect((await accept(operator, other, dakar)).body.operators).toEqual([lyon, dakar]);
  });
});

describe('When an agency invites an organization nobody edits (a feed’s entry)', () => {
  it('then the operators see the invitation in the moderation queue and accept it there for that organization', async () => {
    const feedEntry = await makeOrganization(t.ctx, { name: 'Empretec Sénégal', country: 'SN' });
    const id = (await api(editorLyon, 'post', '/api/v1/programmes', { name: 'Lyon–Thiès Mango Link', operators: [lyon, feedEntry] })).body.id;
    const $ = cheerio.load((await operator.agent.get('/console/moderation')).text);
    const item = $(`#invitation-${id}-${feedEntry}`);
    expect(item.find('a').text()).toBe('Lyon–Thiès Mango Link');
    expect(item.find('button').text()).toBe('Accept for Empretec Sénégal');
    const res = await operator.agent.post(`/console/moderation/invitations/${id}/${feedEntry}/accept`).type('form').send({ _csrf: operator.csrf });
    expect(res.status).toBe(303);
    const after = cheerio.load((await operator.agent.get('/console/moderation')).text);
    expect(after('main').text()).toContain('Empretec Sénégal now runs the programme.');
    expect(after(`#invitation-${id}-${feedEntry}`).length).toBe(0);
    expect(await listedOperators(id)).toEqual(['Agence Lyonnaise', 'Empretec Sénégal']);
  });
});

describe('When an invited organization is merged into its duplicate', () => {
  it('then the invitation follows it, and the merged entry’s editor sees it', async () => {
    const db = t.ctx.database.db;
    const fromFeed = await makeOrganization(t.ctx, { name: 'Empretec Bénin', country: 'BJ' });
    const kept = await makeOrganization(t.ctx, { name: 'Empretec Benin', country: 'BJ' });
    const keptEditor = await signedIn(t, ['agency-editor'], [kept]);
    const id = (await api(editorLyon, 'post', '/api/v1/programmes', { name: 'Lyon–Cotonou Pineapple Link', operators: [lyon, fromFeed] })).body.id;
    const source = await insertSource(db, { name: 'Empretec', network: 'empretec', connector: 'json', url: 'https://empretec.example.org/centres.json' });
    const [review] = await db.insert(matchReviews).values({ entityType: 'organization', entityId: fromFeed, candidateId: kept, sourceId: source.id, externalId: 'bj-1', score: 0.7, reason: 'similar name' }).returning();
    expect((await api(operator, 'post', `/api/v1/duplicates/${review!.id}/decision`, { decision: 'merge' })).status).toBe(200);
    const $ = cheerio.load((await keptEditor.agent.get('/account')).text);
    expect($(`#invitation-${id}-${kept}`).find('a').text()).toBe('Lyon–Cotonou Pineapple Link');
    expect((await accept(keptEditor, id, kept)).body.operators).toEqual([lyon, kept]);
  });
});

describe('When an operator of the network names organizations as operators', () => {
  it('then they run the programme at once: staff may accept for any organization anyway', async () => {
    const res = await api(operator, 'post', '/api/v1/programmes', { name: 'Secretariat Pilot', operators: [lyon, dakar] });
    expect(res.status).toBe(201);
    expect(res.body.operators).toEqual([lyon, dakar]);
  });
});
