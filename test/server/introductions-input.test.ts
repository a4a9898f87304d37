/** When a request is bad (unknown, withdrawn, pending, deleted, twice in a day) or goes unanswered, then the API says so and stores nothing half-way. */
import { sql } from 'drizzle-orm';
import { jobs, runExclusive } from '../../jobs/scheduler';
import { makeOrganization, makeProgramme } from '../factories';
import { signedIn, testApp, type TestApp } from '../support';

let t: TestApp;
let firm: Awaited<ReturnType<typeof signedIn>>;
let operator: Awaited<ReturnType<typeof signedIn>>;
let agencyId: string;

const send = (body: object) => firm.agent.post('/api/v1/introductions').set('X-CSRF-Token', firm.csrf).send(body);
const stored = async () => {
  const [row] = await t.ctx.database.rows<{ i: string | number; e: string | number; a: string | number }>(sql`
    select (select count(*) from introductions) as i, (select count(*) from introduction_events) as e,
           (select count(*) from audit_log where entity_type = 'introduction') as a`);
  return [Number(row?.i), Number(row?.e), Number(row?.a)];
};

beforeAll(async () => {
  t = await testApp();
  agencyId = await makeOrganization(t.ctx, { country: 'SN' });
  firm = await signedIn(t, ['firm']);
  operator = await signedIn(t, ['operator']);
});
afterAll(() => t.close());

describe('When a firm sends a bad request', () => {
  it.each([
    ['an unknown organization', async () => ({ organizationId: '00000000-0000-4000-8000-000000000000' }), 404],
    ['an unknown programme', async () => ({ programmeId: '00000000-0000-4000-8000-000000000000' }), 404],
    ['a withdrawn organization', async () => ({ organizationId: await makeOrganization(t.ctx, { withdrawnAt: new Date() }) }), 409],
    ['a pending organization', async () => ({ organizationId: await makeOrganization(t.ctx, { state: 'pending' }) }), 409],
    ['a deleted organization', async () => ({ organizationId: await makeOrganization(t.ctx, { deletedAt: new Date() }) }), 410],
    ['a withdrawn programme', async () => ({ programmeId: await makeProgramme(t.ctx, { originCountries: ['FR'], targetCountries: ['SN'], withdrawnAt: new Date() }, [agencyId]) }), 409],
    ['a programme nobody operates', async () => ({ programmeId: await makeProgramme(t.ctx, { originCountries: ['FR'], targetCountries: ['SN'] }, []) }), 409],
    ['a malformed id', async () => ({ organizationId: 'nope' }), 400],
    ['both an organization and a programme', async () => ({ organizationId: agencyId, programmeId: agencyId }), 400],
    ['an unknown partner country', async () => ({ organizationId: agencyId, partnerCountries: ['XX'] }), 400],
  ])('then %s gives %i problem+json and nothing is stored', async (_what, target, status) => {
    const before = await stored();
    const res = await send({ message: 'We seek a partner.', ...(await target()) });
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await stored()).toEqual(before);
  });

  it('then a missing message is named', async () => {
    const res = await send({ organizationId: agencyId, message: '  ' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'message' })]);
  });

  it('then the same request within 24 hours is 409, and allowed again a day later', async () => {
    expect((await send({ organizationId: agencyId, message: 'First.' })).status).toBe(201);
    const before = await stored();
    const again = await send({ organizationId: agencyId, message: 'Second.' });
    expect(again.status).toBe(409);
    expect(await stored()).toEqual(before);
    await t.ctx.database.rows(sql`update introductions set created_at = now() - interval '25 hours'`);
    expect((await send({ organizationId: agencyId, message: 'A day later.' })).status).toBe(201);
  });

  it('then a list filter out of range is 400 naming it', async () => {
    const res = await operator.agent.get('/api/v1/introductions?status=lost&flagged=maybe');
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['flagged', 'status']);
  });
});

describe('When a request stays new for 14 days', () => {
  it('then the daily job flags it, mails the operators one digest, and staff list it first', async () => {
    const org = await makeOrganization(t.ctx, { country: 'SN' });
    const sent = await send({ organizationId: org, message: 'Anyone there?' });
    const fresh = await send({ organizationId: await makeOrganization(t.ctx), message: 'Just sent.' });
    await t.ctx.database.rows(sql`update introductions set created_at = now() - interval '15 days' where id = ${sent.body.id}`);
    const job = jobs().find((j) => j.name === 'flag-introductions');
    if (!job) throw new Error('no flag-introductions job');
    expect(new Set(jobs().map((j) => j.lock)).size).toBe(jobs().length);
    expect(await runExclusive(t.ctx, job)).toBe('ran');
    await runExclusive(t.ctx, job);

    const detail = await firm.agent.get(`/api/v1/introductions/${sent.body.id}`);
    expect(detail.body.flaggedAt).toEqual(expect.any(String));
    expect((await firm.agent.get(`/api/v1/introductions/${fresh.body.id}`)).body.flaggedAt).toBeNull();
    const mail = await t.ctx.database.rows<{ to: string; text: string }>(sql`select "to", text from mail_outbox where kind = 'introductions-flagged'`);
    expect(mail).toEqual([{ to: operator.email, text: expect.stringContaining(`/introductions/${sent.body.id}`) }]);
    const flagged = await operator.agent.get('/api/v1/introductions?flagged=true');
    expect(flagged.body.items.map((i: { id: string }) => i.id)).toEqual([sent.body.id]);
    expect((await operator.agent.get('/api/v1/introductions')).body.items[0].id).toBe(sent.body.id);

    // Once answered it no longer needs the operators' attention.
    await operator.agent.post(`/api/v1/introductions/${sent.body.id}/status`).set('X-CSRF-Token', operator.csrf).send({ status: 'acknowledged' });
    expect((await operator.agent.get('/api/v1/introductions?flagged=true')).body.items).toEqual([]);
  });
});

describe('When a client reads the OpenAPI document', () => {
  it('then every introduction route is in it', async () => {
    const { body } = await firm.agent.get('/api/openapi.json').expect(200);
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/api/v1/introductions', '/api/v1/introductions/{id}', '/api/v1/introductions/{id}/status', '/api/v1/introductions/{id}/outcome']));
    expect(body.paths['/api/v1/introductions'].post).toBeDefined();
    expect(body.paths['/api/v1/introductions'].get).toBeDefined();
  });
});
