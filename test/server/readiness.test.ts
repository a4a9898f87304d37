/** The readiness check's API: questions, scoring, gaps and their offers, bad answers, privacy, history. */
import request from 'supertest';
import { makeOrganization, makeProgramme } from '../factories';
import { signedIn, testApp, type TestApp } from '../support';
import { questionIds } from '../../server/readiness/questions';

let t: TestApp;
let kenyanProgramme: string;
let negotiators: string[];
beforeAll(async () => {
  t = await testApp();
  // Negotiation support in three countries; only one programme works in Kenya.
  const ghana = await makeOrganization(t.ctx, { name: 'Accra Negotiation Centre', country: 'GH', services: ['negotiation-support'] });
  const peru = await makeOrganization(t.ctx, { name: 'Lima Business Coaching', country: 'PE', services: ['training'] });
  kenyanProgramme = await makeProgramme(t.ctx, { name: 'Nairobi Deal Desk', originCountries: ['DE'], targetCountries: ['KE'], services: ['negotiation-support'] });
  await makeProgramme(t.ctx, { name: 'Andean Partnering Days', originCountries: ['ES'], targetCountries: ['PE'], services: ['training'] });
  await makeOrganization(t.ctx, { name: 'Legal Desk Nowhere', country: 'FR', services: ['legal-advice'] });
  negotiators = [ghana, peru];
});
afterAll(() => t.close());

/** Every question answered `value`, with some overrides. */
const answers = (value: number, overrides: Record<string, number> = {}) => ({ ...Object.fromEntries(questionIds.map((q) => [q, value])), ...overrides });

describe('When anyone asks for the questions in French', () => {
  it('then the eight criteria come with three questions each, in French, and the 0-4 scale', async () => {
    const res = await request(t.app).get('/api/v1/readiness/questions?lang=fr').expect(200);
    expect(res.body.criteria).toHaveLength(8);
    expect(res.body.criteria.map((c: { questions: unknown[] }) => c.questions.length)).toEqual([3, 3, 3, 3, 3, 3, 3, 3]);
    expect(res.body.criteria[3]).toMatchObject({ id: 'negotiation', name: 'Compétences en négociation et en communication', services: ['negotiation-support', 'training'] });
    expect(res.body.scale.map((s: { value: number }) => s.value)).toEqual([0, 1, 2, 3, 4]);
    expect(res.body.scale[0].label).toBe('Pas du tout');
  });
  it('then an unknown language is a 400 naming lang', async () => {
    const res = await request(t.app).get('/api/v1/readiness/questions?lang=de').expect(400);
    expect(res.body.errors[0].path).toBe('lang');
  });
});

describe('When an anonymous firm in Kenya answers weakly on negotiation', () => {
  it('then it gets scores per criterion and overall, negotiation as a gap with its services and offers, Kenya first, and nothing is saved', async () => {
    const res = await request(t.app)
      .post('/api/v1/readiness/assessments')
      .send({ answers: answers(4, { 'negotiation-1': 0, 'negotiation-2': 1, 'negotiation-3': 2, 'trust-1': 2 }), country: 'ke' })
      .expect(200);
    expect(res.body).toMatchObject({ id: null, saved: false, country: 'KE' });
    const scores = Object.fromEntries(res.body.criteria.map((c: { criterion: string; score: number }) => [c.criterion, c.score]));
    // negotiation: 3 of 12 → 25; trust: 10 of 12 → 83; overall: 85 of 96 → 89.
    expect(scores).toMatchObject({ negotiation: 25, trust: 83, motives: 100 });
    expect(res.body.overall).toBe(89);
    expect(res.body.gaps).toHaveLength(1);
    const [gap] = res.body.gaps;
    expect(gap).toMatchObject({ criterion: 'negotiation', score: 25, services: ['negotiation-support', 'training'] });
    expect(gap.offers).toHaveLength(3);
    expect(gap.offers[0]).toMatchObject({ type: 'programme', id: kenyanProgramme, name: 'Nairobi Deal Desk' });
    expect(gap.offers.map((o: { name: string }) => o.name)).not.toContain('Legal Desk Nowhere');
    for (const o of gap.offers.slice(1)) expect([...negotiators, 'programme']).toContain(o.type === 'organization' ? o.id : 'programme');
  });
  it('then gaps come weakest first and a fully ready firm has none', async () => {
    const weak = await request(t.app).post('/api/v1/readiness/assessments').send({ answers: answers(2, { 'culture-1': 0, 'quality-2': 1 }) }).expect(200);
    expect(weak.body.gaps.map((g: { criterion: string }) => g.criterion).slice(0, 2)).toEqual(['culture', 'quality']);
    const ready = await request(t.app).post('/api/v1/readiness/assessments').send({ answers: answers(3) }).expect(200);
    expect(ready.body).toMatchObject({ overall: 75, gaps: [] });
  });
});

describe('When the answers are not valid', () => {
  it.each([
    ['an answer above 4', { answers: answers(2, { 'trust-2': 5 }) }, 'answers.trust-2'],
    ['a negative answer', { answers: answers(2, { 'motives-1': -1 }) }, 'answers.motives-1'],
    ['a fractional answer', { answers: answers(2, { 'quality-3': 2.5 }) }, 'answers.quality-3'],
    ['a missing answer', { answers: Object.fromEntries(questionIds.slice(1).map((q) => [q, 2])) }, 'answers.motives-1'],
    ['an unknown question', { answers: answers(2, { 'luck-1': 3 }) }, 'answers.luck-1'],
    ['an unknown country', { answers: answers(2), country: 'XX' }, 'country'],
    ['no answers', {}, 'answers'],
  ])('then %s is a 400 problem naming the field', async (_what, body, path) => {
    const res = await request(t.app).post('/api/v1/readiness/assessments').send(body).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});

describe('When a signed-in firm takes the check twice', () => {
  it('then both are saved, listed newest first with a comparison, and only the firm and operators may read them', async () => {
    const firm = await signedIn(t, ['firm']);
    const first = await firm.agent.post('/api/v1/readiness/assessments').set('X-CSRF-Token', firm.csrf).send({ answers: answers(2) }).expect(201);
    expect(first.body).toMatchObject({ saved: true, overall: 50 });
    const second = await firm.agent
      .post('/api/v1/readiness/assessments')
      .set('X-CSRF-Token', firm.csrf)
      .send({ answers: answers(2, { 'negotiation-1': 4, 'negotiation-2': 4, 'culture-3': 1 }) })
      .expect(201);

    const history = await firm.agent.get('/api/v1/readiness/assessments').expect(200);
    expect(history.body.items.map((i: { id: string }) => i.id)).toEqual([second.body.id, first.body.id]);
    expect(history.body.comparison).toMatchObject({ from: first.body.id, to: second.body.id });
    const byCriterion = Object.fromEntries(history.body.comparison.criteria.map((c: { criterion: string }) => [c.criterion, c]));
    expect(byCriterion.negotiation).toMatchObject({ before: 50, after: 83, change: 33, trend: 'up' });
    expect(byCriterion.culture).toMatchObject({ before: 50, after: 42, change: -8, trend: 'down' });
    expect(byCriterion.trust).toMatchObject({ change: 0, trend: 'same' });

    const own = await firm.agent.get(`/api/v1/readiness/assessments/${first.body.id}`).expect(200);
    expect(own.body.answers['motives-1']).toBe(2);

    const other = await signedIn(t, ['firm']);
    await other.agent.get(`/api/v1/readiness/assessments/${first.body.id}`).expect(404);
    expect((await other.agent.get('/api/v1/readiness/assessments').expect(200)).body).toEqual({ items: [], comparison: null });
    const operator = await signedIn(t, ['operator']);
    await operator.agent.get(`/api/v1/readiness/assessments/${first.body.id}`).expect(200);
  });
  it('then without signing in the list is 401, a malformed id is 400 and an unknown one 404', async () => {
    await request(t.app).get('/api/v1/readiness/assessments').expect(401);
    const firm = await signedIn(t, ['firm']);
    await firm.agent.get('/api/v1/readiness/assessments/not-a-uuid').expect(400);
    await firm.agent.get('/api/v1/readiness/assessments/00000000-0000-4000-8000-000000000000').expect(404);
  });
  it('then a cookie write without the CSRF token is refused and nothing is saved', async () => {
    const firm = await signedIn(t, ['firm']);
    await firm.agent.post('/api/v1/readiness/assessments').send({ answers: answers(1) }).expect(403);
    expect((await firm.agent.get('/api/v1/readiness/assessments').expect(200)).body.items).toEqual([]);
  });
});
