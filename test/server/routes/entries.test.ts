import request from 'supertest';
import { listAudit, listMail } from '../../../server/db/outbox';
import { makeOrganization } from '../../factories';
import { signedIn, testApp, type TestApp } from '../../support';

let t: TestApp;
let operator: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  t = await testApp();
  operator = await signedIn(t, ['operator']);
});
afterAll(() => t.close());

const org = { name: 'Agence Béninoise de Promotion des Échanges Commerciaux', acronym: 'ABePEC', kind: 'investment-promotion-agency', country: 'Bénin', website: 'https://abepec.example', services: ['partner-search'] };

describe('When an agency registers its organization', () => {
  it('then it stays pending until an operator approves it, and the agency is told by mail', async () => {
    const agency = await signedIn(t, ['agency-editor']);
    const created = await agency.agent.post('/api/v1/organizations').set('X-CSRF-Token', agency.csrf).send(org);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'pending', country: 'BJ' });
    const id: string = created.body.id;

    expect((await request(t.app).get(`/api/v1/organizations/${id}`)).status).toBe(404);
    expect((await agency.agent.get(`/api/v1/organizations/${id}`)).status).toBe(200);
    expect((await request(t.app).get('/api/v1/organizations').query({ q: 'abepec' })).body.total).toBe(0);
    expect(await listMail(t.ctx.database.db, { to: agency.email, kind: 'registration-received' }, 5)).toHaveLength(1);

    expect((await agency.agent.post(`/api/v1/organizations/${id}/approve`).set('X-CSRF-Token', agency.csrf)).status).toBe(403);
    const approved = await operator.agent.post(`/api/v1/organizations/${id}/approve`).set('X-CSRF-Token', operator.csrf);
    expect(approved.body.state).toBe('published');
    expect((await request(t.app).get('/api/v1/organizations').query({ q: 'abepec' })).body.total).toBe(1);
    expect(await listMail(t.ctx.database.db, { to: agency.email, kind: 'registration-approved' }, 5)).toHaveLength(1);
  });

  it('then a rejection needs a reason, which the agency receives', async () => {
    const agency = await signedIn(t, ['agency-editor']);
    const { id } = (await agency.agent.post('/api/v1/organizations').set('X-CSRF-Token', agency.csrf).send({ ...org, name: 'Duplicate ABePEC' })).body;
    const noReason = await operator.agent.post(`/api/v1/organizations/${id}/reject`).set('X-CSRF-Token', operator.csrf).send({});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe('reason');
    const rejected = await operator.agent.post(`/api/v1/organizations/${id}/reject`).set('X-CSRF-Token', operator.csrf).send({ reason: 'Already listed as ABePEC.' });
    expect(rejected.body.state).toBe('rejected');
    const [mail] = await listMail(t.ctx.database.db, { to: agency.email, kind: 'registration-rejected' }, 1);
    expect(mail?.text).toContain('Already listed as ABePEC.');
  });

  it('then an operator’s registration is published at once', async () => {
    const res = await operator.agent.post('/api/v1/organizations').set('X-CSRF-Token', operator.csrf).send({ ...org, name: 'Operator-made agency' });
    expect(res.status).toBe(201);
    expect(res.body.state).toBe('published');
  });

  it.each([
    [{ ...org, kind: 'bank' }, 'kind'],
    [{ ...org, country: 'Atlantis' }, 'country'],
    [{ ...org, name: 'x'.repeat(301) }, 'name'],
    [{ ...org, website: 'javascript:alert(1)' }, 'website'],
    [{ ...org, address: { country: 'Narnia' } }, 'address.country'],
    [{ ...org, services: ['massage'] }, 'services'],
    [{ kind: 'other', country: 'KE' }, 'name'],
  ])('then bad input %j is 400 naming %s and nothing is stored', async (body, path) => {
    const before = (await request(t.app).get('/api/v1/organizations')).body.total;
    const res = await operator.agent.post('/api/v1/organizations').set('X-CSRF-Token', operator.csrf).send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect((await request(t.app).get('/api/v1/organizations')).body.total).toBe(before);
  });

  it('then without signing in it is 401, and a firm may not register one', async () => {
    expect((await request(t.app).post('/api/v1/organizations').send(org)).status).toBe(401);
    const firm = await signedIn(t, ['firm']);
    expect((await firm.agent.post('/api/v1/organizations').set('X-CSRF-Token', firm.csrf).send(org)).status).toBe(403);
  });
});

describe('When an agency editor manages its programmes and cases', () => {
  it('then it creates drafts the public never sees, publishes, edits and deletes them, and every write is audited', async () => {
    const orgId = await makeOrganization(t.ctx, { name: 'Uganda Investment Authority', country: 'UG' });
    const agency = await signedIn(t, ['agency-editor'], [orgId]);
    const post = (body: object) => agency.agent.post('/api/v1/programmes').set('X-CSRF-Token', agency.csrf).send(body);

    const draft = await post({ name: 'Uganda–Kenya agro-processing linkages', operators: [orgId], originCountries: ['UG'], targetCountries: ['Kenya'], partnershipTypes: ['supplier-linkage'], state: 'draft' });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ state: 'draft', direction: 'south-south', targetCountries: ['KE'] });
    const id: string = draft.body.id;
    expect((await request(t.app).get(`/api/v1/programmes/${id}`)).status).toBe(404);
    expect((await request(t.app).get('/api/v1/programmes').query({ q: 'agro processing' })).body.total).toBe(0);

    const published = await agency.agent.patch(`/api/v1/programmes/${id}`).set('X-CSRF-Token', agency.csrf).send({ state: 'published', targetCountries: ['DE'] });
    expect(published.body).toMatchObject({ state: 'published', direction: 'north-south' });
    expect((await request(t.app).get('/api/v1/programmes').query({ q: 'agro processing' })).body.total).toBe(1);

    const confirmed = await agency.agent.post(`/api/v1/programmes/${id}/confirm`).set('X-CSRF-Token', agency.csrf);
    expect(confirmed.status).toBe(200);
    expect(Date.parse(confirmed.body.confirmedAt)).toBeGreaterThan(Date.parse(published.body.confirmedAt) - 1);

    const unpublished = await agency.agent.patch(`/api/v1/programmes/${id}`).set('X-CSRF-Token', agency.csrf).send({ state: 'draft' });
    expect(unpublished.body.state).toBe('draft');

    const caseRes = await agency.agent
      .post('/api/v1/cases')
      .set('X-CSRF-Token', agency.csrf)
      .send({ title: 'Coffee roaster meets German importer', organizations: [orgId], programme: id, countries: ['UG', 'DE'], partnershipType: 'marketing-distribution' });
    expect(caseRes.status).toBe(201);

    expect((await agency.agent.delete(`/api/v1/programmes/${id}`).set('X-CSRF-Token', agency.csrf)).status).toBe(204);
    expect((await request(t.app).get(`/api/v1/programmes/${id}`)).status).toBe(410);

    const audit = await listAudit(t.ctx.database.db, { entityType: 'programme', entityId: id }, 10);
    expect(audit.map((a) => a.action).reverse()).toEqual(['create', 'update', 'confirm', 'update', 'delete']);
    expect(audit.every((a) => a.actorId === agency.id)).toBe(true);
    expect(audit[1]?.before).toMatchObject({ state: 'published' });
  });

  it("then another organization's programme is 403 and stays as it was", async () => {
    const mine = await makeOrganization(t.ctx, { name: 'Rwanda Development Board', country: 'RW' });
    const theirs = await makeOrganization(t.ctx, { name: 'Ethiopian Investment Commission', country: 'ET' });
    const owner = await signedIn(t, ['agency-editor'], [theirs]);
    const other = await signedIn(t, ['agency-editor'], [mine]);
    const { id } = (await owner.agent.post('/api/v1/programmes').set('X-CSRF-Token', owner.csrf).send({ name: 'Ethiopia textiles', operators: [theirs], originCountries: ['ET'], targetCountries: ['KE'] })).body;

    expect((await other.agent.patch(`/api/v1/programmes/${id}`).set('X-CSRF-Token', other.csrf).send({ name: 'Hijacked' })).status).toBe(403);
    expect((await other.agent.delete(`/api/v1/programmes/${id}`).set('X-CSRF-Token', other.csrf)).status).toBe(403);
    expect((await other.agent.post('/api/v1/programmes').set('X-CSRF-Token', other.csrf).send({ name: 'Fake', operators: [theirs], originCountries: ['ET'], targetCountries: ['KE'] })).status).toBe(403);
    expect((await other.agent.patch(`/api/v1/organizations/${theirs}`).set('X-CSRF-Token', other.csrf).send({ name: 'Hijacked' })).status).toBe(403);
    expect((await request(t.app).get(`/api/v1/programmes/${id}`)).body.name).toBe('Ethiopia textiles');
  });
});

describe('When an agency claims an entry from a feed', () => {
  it('then once verified it maintains the entry, and its edits become local fields', async () => {
    const feedOrg = await makeOrganization(t.ctx, { name: 'Zambia Development Agency', country: 'ZM' });
    const agency = await signedIn(t, ['agency-editor']);
    expect((await agency.agent.patch(`/api/v1/organizations/${feedOrg}`).set('X-CSRF-Token', agency.csrf).send({ phone: '+260 1 000000' })).status).toBe(403);

    const claim = await agency.agent.post(`/api/v1/organizations/${feedOrg}/claims`).set('X-CSRF-Token', agency.csrf).send({ message: 'I run ZDA’s partnerships desk.' });
    expect(claim.status).toBe(201);
    expect((await agency.agent.post(`/api/v1/organizations/${feedOrg}/claims`).set('X-CSRF-Token', agency.csrf).send({})).status).toBe(409);
    const pending = await operator.agent.get('/api/v1/claims').query({ status: 'pending' });
    expect(pending.body.items.map((c: { id: string }) => c.id)).toContain(claim.body.id);
    expect((await operator.agent.post(`/api/v1/claims/${claim.body.id}/verify`).set('X-CSRF-Token', operator.csrf)).status).toBe(204);

    // The agency's session sees its new organization at once.
    const edited = await agency.agent.patch(`/api/v1/organizations/${feedOrg}`).set('X-CSRF-Token', agency.csrf).send({ phone: '+260 1 000000', description: 'Runs the MSME linkage programme.' });
    expect(edited.status).toBe(200);
    expect(edited.body.localFields.sort()).toEqual(['description', 'phone']);
  });
});

describe('When an entry is confirmed', () => {
  it('then it shows when, and entries not confirmed for 12 months say since when and can be filtered out', async () => {
    const fresh = await makeOrganization(t.ctx, { name: 'Confirmed Chamber', kind: 'chamber-of-commerce', country: 'SN' });
    const old = await makeOrganization(t.ctx, { name: 'Forgotten Chamber', kind: 'chamber-of-commerce', country: 'SN', confirmedAt: new Date('2024-01-01T00:00:00Z') });
    const stale = await request(t.app).get(`/api/v1/organizations/${old}`);
    expect(stale.body.notConfirmedSince).toBe('2024-01-01T00:00:00.000Z');
    const recent = await request(t.app).get('/api/v1/organizations').query({ kind: 'chamber-of-commerce', confirmed: 'recent' });
    expect(recent.body.items.map((i: { id: string }) => i.id)).toEqual([fresh]);

    const confirmed = await operator.agent.post(`/api/v1/organizations/${old}/confirm`).set('X-CSRF-Token', operator.csrf);
    expect(confirmed.body.notConfirmedSince).toBeNull();
  });
});
