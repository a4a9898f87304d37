/** When a firm asks for an introduction and the agency follows it up, then each side sees only its own, every move is kept and mailed, and outcomes feed the statistics. */
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { makeOrganization, makeProgramme } from '../factories';
import { signedIn, testApp, type TestApp } from '../support';

let t: TestApp;
let agencyId: string;
let otherAgencyId: string;
let firm: Awaited<ReturnType<typeof signedIn>>;
let editor: Awaited<ReturnType<typeof signedIn>>;
let otherEditor: Awaited<ReturnType<typeof signedIn>>;
let stranger: Awaited<ReturnType<typeof signedIn>>;
let operator: Awaited<ReturnType<typeof signedIn>>;

const post = (who: typeof firm, path: string, body: object) => who.agent.post(path).set('X-CSRF-Token', who.csrf).send(body);
const count = async (table: string) => Number((await t.ctx.database.rows<{ n: string | number }>(sql`select count(*) as n from ${sql.identifier(table)}`))[0]?.n);

beforeAll(async () => {
  t = await testApp();
  agencyId = await makeOrganization(t.ctx, { country: 'GH', name: 'Ghana Investment Centre' });
  otherAgencyId = await makeOrganization(t.ctx, { country: 'KE' });
  firm = await signedIn(t, ['firm']);
  editor = await signedIn(t, ['agency-editor'], [agencyId]);
  otherEditor = await signedIn(t, ['agency-editor'], [otherAgencyId]);
  stranger = await signedIn(t, ['firm']);
  operator = await signedIn(t, ['operator']);
});
afterAll(() => t.close());

describe('When a firm asks an organization for an introduction', () => {
  let id: string;

  it('then it is stored as new with its first history line', async () => {
    const res = await post(firm, '/api/v1/introductions', { organizationId: agencyId, message: 'We seek a cocoa processing partner.', partnershipType: 'joint-venture', partnerCountries: ['gh'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'new', organizationId: agencyId, targetName: 'Ghana Investment Centre', partnerCountries: ['GH'], flaggedAt: null, recipients: [agencyId] });
    expect(res.body.history).toEqual([expect.objectContaining({ from: null, to: 'new', by: firm.id })]);
    id = res.body.id;
  });

  it("then the agency finds it in its inbox, and nobody else's list shows it", async () => {
    expect((await editor.agent.get('/api/v1/introductions')).body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await firm.agent.get('/api/v1/introductions')).body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await operator.agent.get('/api/v1/introductions')).body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await otherEditor.agent.get('/api/v1/introductions')).body.items).toEqual([]);
    expect((await stranger.agent.get('/api/v1/introductions')).body.items).toEqual([]);
  });

  it('then a third user gets 404 for it, and a visitor 401', async () => {
    expect((await stranger.agent.get(`/api/v1/introductions/${id}`)).status).toBe(404);
    expect((await otherEditor.agent.get(`/api/v1/introductions/${id}`)).status).toBe(404);
    expect((await post(stranger, `/api/v1/introductions/${id}/status`, { status: 'acknowledged' })).status).toBe(404);
    expect((await request(t.app).get(`/api/v1/introductions/${id}`)).status).toBe(401);
    expect((await firm.agent.get(`/api/v1/introductions/${id}`)).status).toBe(200);
  });

  it('then the firm may not move it itself', async () => {
    expect((await post(firm, `/api/v1/introductions/${id}/status`, { status: 'acknowledged' })).status).toBe(403);
  });

  it('then a move that skips a step is refused with 409 naming status, and nothing changes', async () => {
    const res = await post(editor, `/api/v1/introductions/${id}/status`, { status: 'diagnosis' });
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'status', message: expect.stringContaining('acknowledged') })]);
    expect(await count('introduction_events')).toBe(1);
  });

  it('then the agency moves it one step at a time, with a note and a follow-up date, and the firm is mailed each time', async () => {
    expect((await post(editor, `/api/v1/introductions/${id}/status`, { status: 'acknowledged' })).status).toBe(200);
    // A follow-up is refused in the past: take one a month from the test's own day.
    const followUpOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const res = await post(editor, `/api/v1/introductions/${id}/status`, { status: 'diagnosis', note: 'We will visit your plant.', followUpOn });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'diagnosis', followUpOn });
    expect(res.body.history.at(-1)).toMatchObject({ from: 'acknowledged', to: 'diagnosis', note: 'We will visit your plant.', by: editor.id });
    const mail = await t.ctx.database.rows<{ to: string; kind: string; text: string }>(sql`select "to", kind, text from mail_outbox where kind = 'introduction-status' order by created_at`);
    expect(mail).toHaveLength(2);
    expect(mail[1]).toEqual(expect.objectContaining({ to: firm.email, text: expect.stringContaining('We will visit your plant.') }));
  });

  it('then a move backwards is refused with 409 naming status, and nothing changes', async () => {
    const events = await count('introduction_events');
    const res = await post(editor, `/api/v1/introductions/${id}/status`, { status: 'acknowledged' });
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'status' })]);
    expect((await post(editor, `/api/v1/introductions/${id}/status`, { status: 'diagnosis' })).status).toBe(409);
    expect((await post(editor, `/api/v1/introductions/${id}/status`, { status: 'finished' })).status).toBe(400);
    expect((await post(editor, `/api/v1/introductions/${id}/status`, { status: 'partner-proposed', followUpOn: '2026-02-31' })).status).toBe(400);
    expect(await count('introduction_events')).toBe(events);
    expect((await firm.agent.get(`/api/v1/introductions/${id}`)).body.status).toBe('diagnosis');
  });

  it('then no outcome is taken before it is closed', async () => {
    const res = await post(firm, `/api/v1/introductions/${id}/outcome`, { outcome: 'cooperation-likely' });
    expect(res.status).toBe(409);
    expect(await count('introduction_outcomes')).toBe(0);
  });

  it('then, closed without a deal, it cannot move again', async () => {
    expect((await post(editor, `/api/v1/introductions/${id}/status`, { status: 'closed-no-deal', note: 'No partner found.' })).status).toBe(200);
    const res = await post(operator, `/api/v1/introductions/${id}/status`, { status: 'partnership-concluded' });
    expect(res.status).toBe(409);
    expect(res.body.errors[0].path).toBe('status');
  });

  it('then each side says once how it went; a value out of range is 400', async () => {
    expect((await post(firm, `/api/v1/introductions/${id}/outcome`, { outcome: 'excellent' })).status).toBe(400);
    expect((await post(firm, `/api/v1/introductions/${id}/outcome`, { outcome: 'useful-no-cooperation', comment: 'Good advice.' })).status).toBe(201);
    expect((await post(firm, `/api/v1/introductions/${id}/outcome`, { outcome: 'did-not-take-place' })).status).toBe(409);
    expect((await post(stranger, `/api/v1/introductions/${id}/outcome`, { outcome: 'did-not-take-place' })).status).toBe(404);
    const agency = await post(editor, `/api/v1/introductions/${id}/outcome`, { outcome: 'not-enough-interest' });
    expect(agency.status).toBe(201);
    expect(agency.body.outcomes).toEqual([expect.objectContaining({ side: 'firm', outcome: 'useful-no-cooperation' }), expect.objectContaining({ side: 'agency', outcome: 'not-enough-interest' })]);
    expect(await count('introduction_outcomes')).toBe(2);
  });
});

describe("When a firm asks a programme, then its operators' organizations answer", () => {
  it("then an editor of any operator sees it and moves it", async () => {
    const programme = await makeProgramme(t.ctx, { originCountries: ['FR'], targetCountries: ['GH'] }, [otherAgencyId, agencyId]);
    const res = await post(firm, '/api/v1/introductions', { programmeId: programme, message: 'Licensing a drying technology.' });
    expect(res.status).toBe(201);
    expect(res.body.recipients).toEqual([otherAgencyId, agencyId]);
    expect((await otherEditor.agent.get(`/api/v1/introductions/${res.body.id}`)).status).toBe(200);
    expect((await post(otherEditor, `/api/v1/introductions/${res.body.id}/status`, { status: 'acknowledged' })).status).toBe(200);
    expect((await editor.agent.get('/api/v1/introductions?status=acknowledged')).body.items.map((i: { id: string }) => i.id)).toEqual([res.body.id]);
  });
});

describe('When enough requests conclude, then the statistics show them and still hide small cells', () => {
  it('then concluded requests, their time and outcomes are counted; cells under 5 are null', async () => {
    const before = (await request(t.app).get('/api/v1/stats')).body.introductions;
    expect(before.byStatus.find((c: { value: string }) => c.value === 'closed-no-deal')).toEqual({ value: 'closed-no-deal', count: null });
    expect(before.timeToConclusion).toBeNull();
    for (let i = 0; i < 5; i++) {
      const org = await makeOrganization(t.ctx, { country: 'GH' });
      const sent = await post(firm, '/api/v1/introductions', { organizationId: org, message: `Request ${i}` });
      for (const status of ['acknowledged', 'diagnosis', 'partner-proposed', 'negotiating', 'partnership-concluded']) {
        expect((await post(operator, `/api/v1/introductions/${sent.body.id}/status`, { status })).status).toBe(200);
      }
      expect((await post(firm, `/api/v1/introductions/${sent.body.id}/outcome`, { outcome: 'partnership-concluded' })).status).toBe(201);
    }
    const { body } = await request(t.app).get('/api/v1/stats');
    const region = t.ctx.reference.countryByAlpha2.get('GH')?.region;
    expect(body.introductions.byStatus).toEqual(
      expect.arrayContaining([
        { value: 'partnership-concluded', count: 5 },
        { value: 'new', count: null },
        { value: 'acknowledged', count: null },
      ]),
    );
    expect(body.introductions.timeToConclusion).toEqual({ medianDays: 0, count: 5 });
    expect(body.introductions.concludedByRegion).toEqual([{ value: String(region), count: 5 }]);
    expect(body.introductions.concludedByDirection).toEqual([]);
    expect(body.introductions.outcomes).toEqual(
      expect.arrayContaining([
        { value: 'partnership-concluded', count: 5 },
        { value: 'useful-no-cooperation', count: null },
      ]),
    );
  });
});
