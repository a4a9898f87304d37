/**
 * A double submit of a page form stores one entry: every POST form carries a one-time token,
 * consumed by the first submit; the second stores nothing and takes the reader where the
 * first went, with a notice in the reader's language.
 */
import { eq, sql } from 'drizzle-orm';
import request from 'supertest';
import { organizations, users } from '../../../server/db/schema';
import { PASSWORD, signedIn, testApp, type TestApp } from '../../support';
import { read, textIn } from './reader';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

type Agent = ReturnType<typeof request.agent>;

/** The hidden fields of the page's main POST form (not the header's sign-out form), as a browser would send them. */
function hiddenFields(page: string): Record<string, string> {
  const $ = read(page);
  const form = $('main form[method="post"]').first();
  return Object.fromEntries(form.find('input[type="hidden"]').map((_, el) => [[$(el).attr('name') ?? '', $(el).attr('value') ?? '']]).get() as Array<[string, string]>);
}

const countNamed = async (name: string) => (await t.ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(organizations).where(eq(organizations.name, name)))[0]?.n;
const organization = (name: string) => ({ name, kind: 'investment-promotion-agency', country: 'SN', website: 'https://apix.example', services: ['partner-search'] });

async function newOrganizationForm(agent: Agent, lang = 'en') {
  const form = await agent.get(`/account/organizations/new?lang=${lang}`).expect(200);
  return hiddenFields(form.text);
}

/** The notice a reader sees on the page the response leads to, with the response's own cookie. */
async function landing(res: request.Response, agent?: Agent) {
  const location = res.headers.location;
  if (!location) throw new Error(`no redirect: ${res.status}`);
  const cookie = (res.headers['set-cookie'] as unknown as string[] | undefined)?.map((c) => c.split(';')[0]).join('; ');
  const page = agent ? await agent.get(location) : await request(t.app).get(location).set('Cookie', cookie ?? '');
  const $ = read(page.text);
  return { status: page.status, notice: textIn($, '.notice'), text: textIn($, 'main') };
}

describe('When the new-organization form is sent twice at once', () => {
  it('then one organization is stored and both answers take the reader to it, the second saying the form was already sent', async () => {
    const { agent } = await signedIn(t, ['agency-editor']);
    const fields = { ...(await newOrganizationForm(agent)), ...organization('Twice Sent Agency') };
    const [a, b] = await Promise.all([agent.post('/account/organizations/new').type('form').send(fields), agent.post('/account/organizations/new').type('form').send(fields)]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(b.headers.location).toBe(a.headers.location);
    const replays = [a, b].filter((r) => r.headers['idempotent-replayed'] === 'true');
    expect(replays).toHaveLength(1);
    expect(await countNamed('Twice Sent Agency')).toBe(1);
    const seen = await landing(replays[0] as request.Response, agent);
    expect(seen.status).toBe(200);
    expect(seen.text).toContain('Twice Sent Agency');
    expect(seen.notice).toBe('This form was already sent; here is where it led.');
  });

  it('then a second send after the first answered (Back, then send again) stores nothing, and the notice is in the reader\'s language', async () => {
    const { agent } = await signedIn(t, ['agency-editor']);
    const token = await newOrganizationForm(agent, 'fr');
    const first = await agent.post('/account/organizations/new?lang=fr').type('form').send({ ...token, ...organization('Back Again Agency') });
    expect(first.status).toBe(303);
    await agent.get(first.headers.location ?? '/'); // the reader sees the first answer's page
    const again = await agent.post('/account/organizations/new?lang=fr').type('form').send({ ...token, ...organization('Back Again Agency, edited') });
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(first.headers.location);
    const seen = await landing(again, agent);
    expect(seen.notice).toBe('Ce formulaire a déjà été envoyé\u00a0; voici où il a mené.');
    expect(await countNamed('Back Again Agency')).toBe(1);
    expect(await countNamed('Back Again Agency, edited')).toBe(0);
  });

  it('then a new form opened afterwards has a token of its own and is stored', async () => {
    const { agent } = await signedIn(t, ['agency-editor']);
    const one = await newOrganizationForm(agent);
    const two = await newOrganizationForm(agent);
    expect(two._form).not.toBe(one._form);
    await agent.post('/account/organizations/new').type('form').send({ ...one, ...organization('First Of Two') }).expect(303);
    await agent.post('/account/organizations/new').type('form').send({ ...two, ...organization('Second Of Two') }).expect(303);
    expect([await countNamed('First Of Two'), await countNamed('Second Of Two')]).toEqual([1, 1]);
  });
});

describe('When a form comes back with an error', () => {
  it('then the form shown again carries a fresh token, and the refused send gave its token back', async () => {
    const { agent } = await signedIn(t, ['agency-editor']);
    const token = await newOrganizationForm(agent);
    const refused = await agent.post('/account/organizations/new').type('form').send({ ...token, ...organization(''), name: '' });
    expect(refused.status).toBe(400);
    const again = hiddenFields(refused.text);
    expect(again._form).toBeTruthy();
    expect(again._form).not.toBe(token._form);
    // Corrected in the form shown again: stored.
    await agent.post('/account/organizations/new').type('form').send({ ...again, ...organization('Corrected Agency') }).expect(303);
    // Back to the first page, corrected there: its token was not used up by the refused send.
    await agent.post('/account/organizations/new').type('form').send({ ...token, ...organization('Corrected On First Page') }).expect(303);
    expect([await countNamed('Corrected Agency'), await countNamed('Corrected On First Page')]).toEqual([1, 1]);
  });
});

describe('When the sign-up form is sent twice at once', () => {
  it('then one account is made and both answers lead a browser to it, signed in', async () => {
    const agent = request.agent(t.app);
    const form = await agent.get('/sign-up').expect(200);
    const fields = { ...hiddenFields(form.text), role: 'firm', name: 'Double Click', company: 'Click Trading', country: 'GH', email: 'double.click@example.org', password: PASSWORD };
    const [a, b] = await Promise.all([agent.post('/sign-up').type('form').send(fields), agent.post('/sign-up').type('form').send(fields)]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect([a.headers.location, b.headers.location]).toEqual(['/account', '/account']);
    const accounts = await t.ctx.database.db.select({ id: users.id }).from(users).where(eq(users.email, 'double.click@example.org'));
    expect(accounts).toHaveLength(1);
    // A browser that sent both follows one answer only: either one, with its own cookie, shows the account.
    const seen = await Promise.all([landing(a), landing(b)]);
    for (const s of seen) expect(s.text).toContain('Signed in as double.click@example.org.');
    expect(seen.map((s) => s.notice).sort()).toEqual(['This form was already sent; here is where it led.', 'Welcome. Your account is ready.']);
  });
});

describe('When a form is sent after its session was signed out', () => {
  it('then the reader is sent to sign in and the token is not used up: nothing was stored', async () => {
    const { agent, csrf } = await signedIn(t, ['agency-editor']);
    const fields = { ...(await newOrganizationForm(agent)), ...organization('Signed Out Agency') };
    await agent.post('/api/v1/auth/logout').set('X-CSRF-Token', csrf).expect(204);
    for (let i = 0; i < 2; i++) {
      const res = await agent.post('/account/organizations/new').set('Accept', 'text/html').type('form').send(fields);
      expect(res.status).toBe(303);
      expect(res.headers.location).toMatch(/^\/sign-in\?next=/);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
    }
    expect(await countNamed('Signed Out Agency')).toBe(0);
  });
});
