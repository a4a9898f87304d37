/**
 * When a page form arrives with `Origin: null` and no Sec-Fetch-Site (a sandboxed frame or a
 * data: page elsewhere, on a plain-HTTP deployment where browsers send no Sec-Fetch-Site), then
 * it is taken as sent from another site: refused with a readable page, nobody signed in or up,
 * unless it carries the visitor's own form token, which no other site can read.
 */
import { eq, sql } from 'drizzle-orm';
import request from 'supertest';
import { createUser } from '../../../server/commands/create-user';
import { organizations } from '../../../server/db/schema';
import { freshAddress, PASSWORD, signedIn, testApp, type TestApp } from '../../support';
import { read, textIn } from './reader';

let t: TestApp;
const email = 'victim-login@example.org';

beforeAll(async () => {
  t = await testApp({ PUBLIC_URL: 'http://192.0.2.2:3000' });
  await createUser(t.ctx, { email, password: PASSWORD, roles: ['agency-editor'], actorId: null });
});
afterAll(() => t.close());

/** The hidden fields of the page's main POST form (CSRF and one-time form token), as the browser sends them. */
function hiddenFields(page: string): Record<string, string> {
  const $ = read(page);
  return Object.fromEntries($('main form[method="post"]').first().find('input[type="hidden"]').map((_, el) => [[$(el).attr('name') ?? '', $(el).attr('value') ?? '']]).get() as Array<[string, string]>);
}

const fromNull = (path: string) => request(t.app).post(path).set('Origin', 'null').set('Accept', 'text/html').set('X-Forwarded-For', freshAddress()).type('form');

describe('When a sign-in form is posted with Origin: null and no Sec-Fetch-Site', () => {
  it('then it is refused with a page saying the form came from another site, and no session is given', async () => {
    const res = await fromNull('/sign-in').send({ email, password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('This form was sent from another site');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers.location).toBeUndefined();
  });

  it('then the refusal is in the reader\'s language', async () => {
    const res = await fromNull('/sign-in?lang=fr').send({ email, password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Ce formulaire a été envoyé depuis un autre site');
  });

  it('then a sign-up form is refused too, and no account is made', async () => {
    const res = await fromNull('/sign-up').send({ role: 'firm', email: 'planted@example.org', password: PASSWORD });
    expect(res.status).toBe(403);
    const again = await request(t.app).post('/api/v1/auth/login').set('X-Forwarded-For', freshAddress()).send({ email: 'planted@example.org', password: PASSWORD });
    expect(again.status).toBe(401);
  });

  it('then a signed-in visitor\'s form (sign-out) is refused', async () => {
    const agent = request.agent(t.app);
    await agent.post('/api/v1/auth/login').set('X-Forwarded-For', freshAddress()).send({ email, password: PASSWORD }).expect(200);
    const res = await agent.post('/sign-out').set('Origin', 'null').set('Accept', 'text/html').type('form').send({});
    expect(res.status).toBe(403);
    expect((await agent.get('/api/v1/auth/me')).status).toBe(200);
  });
});

describe("When the visitor's own sign-in form is posted with Origin: null", () => {
  it('then the one-time form token of their session lets it through once, and they are signed in', async () => {
    const agent = request.agent(t.app);
    const form = await agent.get('/sign-in').expect(200);
    const fields = hiddenFields(form.text);
    expect(fields._form).toBeTruthy();
    const res = await agent.post('/sign-in').set('Origin', 'null').set('X-Forwarded-For', freshAddress()).type('form').send({ ...fields, email, password: PASSWORD });
    expect(res.status).toBe(303);
    expect((await agent.get('/api/v1/auth/me')).body.email).toBe(email);
    const again = await agent.post('/sign-in').set('Origin', 'null').set('Accept', 'text/html').set('X-Forwarded-For', freshAddress()).type('form').send({ ...fields, email, password: PASSWORD });
    expect(again.status).toBe(403);
  });

  it('then the session\'s CSRF token alone, without the one-time token, does not', async () => {
    const agent = request.agent(t.app);
    const form = await agent.get('/sign-in').expect(200);
    const res = await agent.post('/sign-in').set('Origin', 'null').set('Accept', 'text/html').set('X-Forwarded-For', freshAddress()).type('form').send({ _csrf: hiddenFields(form.text)._csrf, email, password: PASSWORD });
    expect(res.status).toBe(403);
  });

  it("then another session's token does not", async () => {
    const attacker = request.agent(t.app);
    const form = await attacker.get('/sign-in').expect(200);
    const res = await fromNull('/sign-in').send({ ...hiddenFields(form.text), email, password: PASSWORD });
    expect(res.status).toBe(403);
  });

  it('then a signed-in agency\'s form is taken once: the same token again is refused, and one organization is stored', async () => {
    const { agent } = await signedIn(t, ['agency-editor']);
    const fields = { ...hiddenFields((await agent.get('/account/organizations/new').expect(200)).text), name: 'Null Origin Agency', kind: 'investment-promotion-agency', country: 'SN', website: 'https://null.example', services: ['partner-search'] };
    const post = () => agent.post('/account/organizations/new').set('Origin', 'null').set('Accept', 'text/html').type('form').send(fields);
    expect((await post()).status).toBe(303);
    const again = await post();
    expect(again.status).toBe(403);
    expect(textIn(read(again.text), 'h1')).toBe('This form was sent from another site');
    const [row] = await t.ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(organizations).where(eq(organizations.name, 'Null Origin Agency'));
    expect(row?.n).toBe(1);
  });
});

describe('When a form comes from the site itself', () => {
  it('then its own Origin (PUBLIC_URL) signs in, over plain HTTP where no Sec-Fetch-Site is sent', async () => {
    const res = await request(t.app).post('/sign-in').set('Origin', 'http://192.0.2.2:3000').set('X-Forwarded-For', freshAddress()).type('form').send({ email, password: PASSWORD });
    expect(res.status).toBe(303);
  });

  it('then another origin is refused', async () => {
    const res = await request(t.app).post('/sign-in').set('Origin', 'http://192.0.2.99:3000').set('Accept', 'text/html').set('X-Forwarded-For', freshAddress()).type('form').send({ email, password: PASSWORD });
    expect(res.status).toBe(403);
  });
});
