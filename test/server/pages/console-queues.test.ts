/** The operators' console, queue side: registrations and claims to moderate, doubtful duplicates to decide. */
import request from 'supertest';
import { matchReviews } from '../../../server/db/schema';
import { organizationsByIds } from '../../../server/db/entries';
import { insertSource } from '../../../server/db/sync';
import { userById } from '../../../server/db/users';
import { makeOrganization } from '../../factories';
import { signedIn, testApp, type TestApp } from '../../support';
import { actions, describedBy, hrefOf, labelOf, langOf, links, read, textIn, textsOf } from './reader';

let t: TestApp;
let operator: Awaited<ReturnType<typeof signedIn>>;
let agency: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  t = await testApp();
  operator = await signedIn(t, ['operator']);
  agency = await signedIn(t, ['agency-editor']);
});
afterAll(() => t.close());

const post = (path: string, fields: Record<string, string> = {}, as = operator) => as.agent.post(path).type('form').send({ _csrf: as.csrf, ...fields });
const api = (path: string, body: object, as = agency) => as.agent.post(path).set('X-CSRF-Token', as.csrf).send(body);
const stateOf = async (id: string) => (await organizationsByIds(t.ctx.database.db, [id]))[0]?.state;

describe('When agencies wait for an operator', () => {
  let first: string;
  let second: string;
  let claimed: string;
  beforeAll(async () => {
    first = (await api('/api/v1/organizations', { name: 'Agence <i>Béninoise</i> de Promotion', kind: 'investment-promotion-agency', country: 'BJ', website: 'https://apiex.bj' })).body.id;
    second = (await api('/api/v1/organizations', { name: 'Chambre de Commerce de Dakar', kind: 'chamber-of-commerce', country: 'SN' })).body.id;
    claimed = await makeOrganization(t.ctx, { name: 'Empretec Ghana', country: 'GH' });
    expect((await api(`/api/v1/organizations/${claimed}/claims`, { message: 'I run this centre.' })).status).toBe(201);
  });

  it('then the console counts them and the moderation page lists each registration and claim', async () => {
    expect(textsOf(read((await operator.agent.get('/console')).text), 'main li')).toContain('Moderation queue: 3 waiting');
    const res = await operator.agent.get('/console/moderation');
    expect(res.status).toBe(200);
    const $ = read(res.text);
    const registration = `#org-${first}`;
    expect(textIn($, `${registration} h3`)).toBe('Agence <i>Béninoise</i> de Promotion');
    expect(textsOf($, `${registration} dd`)).toContain('Benin');
    expect(textIn($, registration)).toContain(agency.email);
    expect(textsOf($, 'main h3')).toContain(`Claim of Empretec Ghana by ${agency.email}`);
    expect(textIn($, 'main')).toContain('I run this centre.');
    expect(labelOf($, 'reason', registration)).toBe('Reason');
  });

  it('then a rejection without a reason comes back (400) with the error tied to that reason box, and changes nothing', async () => {
    const res = await post(`/console/moderation/organizations/${first}/reject`, { reason: '  ' });
    expect(res.status).toBe(400);
    const $ = read(res.text);
    expect(links($, '.error-summary')).toEqual([{ text: expect.stringMatching(/^Say why/), href: `#reason-${first}` }]);
    const reason = $(`#reason-${first}`);
    expect(reason.attr('aria-invalid')).toBe('true');
    expect(describedBy($, 'reason', `#org-${first}`)).toMatch(/^\S.* Say why/);
    expect(describedBy($, 'reason', `#org-${second}`)).not.toContain('Say why');
    expect(await stateOf(first)).toBe('pending');
  });

  it('then approving publishes one, rejecting with a reason rejects the other, and a second decision is only a notice', async () => {
    expect((await post(`/console/moderation/organizations/${first}/approve`)).headers.location).toBe('/console/moderation');
    expect(await stateOf(first)).toBe('published');
    expect((await operator.agent.get('/console/moderation')).text).toContain('Agence &lt;i&gt;Béninoise&lt;/i&gt; de Promotion was approved and is now listed.');
    await post(`/console/moderation/organizations/${second}/reject`, { reason: 'Give the chamber’s website.' });
    expect((await organizationsByIds(t.ctx.database.db, [second]))[0]).toMatchObject({ state: 'rejected', moderationNote: 'Give the chamber’s website.' });
    await post(`/console/moderation/organizations/${first}/approve`);
    const again = await operator.agent.get('/console/moderation');
    expect(again.text).toContain('This was already decided');
    expect(again.text).toContain('No registration is waiting.');
  });

  it('then verifying the claim makes the agency an editor of the entry', async () => {
    const posts = actions(read((await operator.agent.get('/console/moderation')).text), 'main');
    const claim = posts.map((action) => /^\/console\/moderation\/claims\/([0-9a-f-]{36})\/verify$/.exec(action)?.[1]).find(Boolean);
    expect(claim).toBeDefined();
    expect((await post(`/console/moderation/claims/${claim}/verify`)).status).toBe(303);
    expect((await userById(t.ctx.database.db, agency.id))?.organizations).toContain(claimed);
    const page = await operator.agent.get('/console/moderation');
    expect(page.text).toContain(`The claim was verified: ${agency.email} now maintains Empretec Ghana.`);
    expect(page.text).toContain('No claim is waiting.');
  });

  it('then a claim can be rejected with a reason, and non-operators may not decide', async () => {
    const other = await makeOrganization(t.ctx, { name: 'Empretec Zambia', country: 'ZM' });
    await api(`/api/v1/organizations/${other}/claims`, {});
    const claim = /claims\/([0-9a-f-]{36})\/reject/.exec((await operator.agent.get('/console/moderation')).text)?.[1] ?? '';
    expect((await post(`/console/moderation/claims/${claim}/verify`, {}, agency)).status).toBe(403);
    expect((await agency.agent.get('/console/moderation')).status).toBe(403);
    expect((await request(t.app).get('/console/moderation')).headers.location).toBe('/sign-in?next=%2Fconsole%2Fmoderation');
    await post(`/console/moderation/claims/${claim}/reject`, { reason: 'Not your centre.' });
    expect((await operator.agent.get('/console/moderation')).text).toContain('The claim of Empretec Zambia was rejected.');
  });
});

describe('When a sync found doubtful duplicates', () => {
  const pairs: { review: string; entry: string; candidate: string }[] = [];
  beforeAll(async () => {
    const db = t.ctx.database.db;
    const source = await insertSource(db, { name: 'WAIPA', network: 'waipa', connector: 'csv', url: 'https://waipa.example.org/members.csv' });
    for (const [a, b] of [['Invest in Kenya', 'KenInvest'], ['Uganda Investment Authority', 'Uganda Investment Auth.']]) {
      const entry = await makeOrganization(t.ctx, { name: a, country: 'KE', networks: ['waipa'] });
      const candidate = await makeOrganization(t.ctx, { name: b, country: 'KE', website: 'https://invest.example.ke' });
      const [row] = await db.insert(matchReviews).values({ entityType: 'organization', entityId: entry, candidateId: candidate, sourceId: source.id, externalId: `m-${pairs.length}`, score: 0.55, reason: 'similar name' }).returning();
      pairs.push({ review: row!.id, entry, candidate });
    }
  });

  it('then the review page shows each pair side by side with its score', async () => {
    expect(textsOf(read((await operator.agent.get('/console')).text), 'main li')).toContain('Duplicates review: 2 waiting');
    const res = await operator.agent.get('/console/duplicates');
    expect(res.status).toBe(200);
    const $ = read(res.text);
    expect(hrefOf($, 'Invest in Kenya', 'main')).toBe(`/organizations/${pairs[0]!.entry}`);
    expect(hrefOf($, 'KenInvest', 'main')).toBe(`/organizations/${pairs[0]!.candidate}`);
    expect(textIn($, 'main')).toContain('Similarity: 0.55 · Why: similar name');
    expect(textsOf($, 'main dd')).toContain('https://invest.example.ke');
  });

  it('then Merge folds the pair into one entry, Keep apart leaves both, and a bad decision is refused', async () => {
    expect((await post(`/console/duplicates/${pairs[0]!.review}`, { decision: 'fuse' })).status).toBe(400);
    expect((await post(`/console/duplicates/${pairs[0]!.review}`, { decision: 'merge' })).headers.location).toBe('/console/duplicates');
    const [merged] = await organizationsByIds(t.ctx.database.db, [pairs[0]!.entry]);
    expect(merged?.deletedAt).not.toBeNull();
    expect((await operator.agent.get('/console/duplicates')).text).toContain('The two entries were merged.');
    await post(`/console/duplicates/${pairs[1]!.review}`, { decision: 'keep-apart' });
    const after = await operator.agent.get('/console/duplicates');
    expect(after.text).toContain('The two entries are kept apart.');
    expect(after.text).toContain('No doubtful pair is waiting.');
    expect((await organizationsByIds(t.ctx.database.db, [pairs[1]!.entry]))[0]?.deletedAt).toBeNull();
    await post(`/console/duplicates/${pairs[1]!.review}`, { decision: 'merge' });
    expect((await operator.agent.get('/console/duplicates')).text).toContain('This was already decided');
  });

  it('then in Spanish the queue speaks Spanish', async () => {
    const res = await operator.agent.get('/console/duplicates?lang=es');
    const $ = read(res.text);
    expect(langOf($)).toBe('es');
    expect(textIn($, 'h1')).toBe('Revisión de duplicados');
    expect(textIn($, 'main')).toContain('No hay ningún par dudoso pendiente.');
  });
});
