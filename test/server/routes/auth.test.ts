import request from 'supertest';
import { updateUser } from '../../../server/db/users';
import { freshAddress, PASSWORD, signedIn, testApp, type TestApp } from '../../support';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ ADMIN_EMAIL: 'first.admin@example.org', ADMIN_PASSWORD: 'a long admin passphrase' });
});
afterAll(() => t.close());

describe('When a firm signs up', () => {
  it('then it is signed in as a firm, with an HttpOnly SameSite cookie', async () => {
    const agent = request.agent(t.app);
    const res = await agent
      .post('/api/v1/auth/signup')
      .send({ email: 'Firm.Owner@Example.org', password: 'cashew exporters of Bouaké', role: 'firm', name: 'Awa Koné', company: 'Koné Cajou', country: 'ci' });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email: 'firm.owner@example.org', roles: ['firm'] });
    expect(res.body.csrfToken).toEqual(expect.any(String));
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect((await agent.get('/api/v1/auth/me')).body.email).toBe('firm.owner@example.org');
  });

  it('then a firm that says it is one must say who it is: name, company and country, all named at once', async () => {
    const res = await request(t.app).post('/api/v1/auth/signup').send({ email: 'no.details@example.org', password: 'a perfectly fine passphrase', role: 'firm', country: 'XX' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['company', 'country', 'name']);
  });

  it('then a caller that sends no role still makes a firm account without details, as before the choice was asked', async () => {
    const res = await request(t.app).post('/api/v1/auth/signup').send({ email: 'legacy.caller@example.org', password: 'a perfectly fine passphrase' });
    expect(res.status).toBe(201);
    expect(res.body.user.roles).toEqual(['firm']);
  });

  it.each([
    [{ email: 'firm.owner@example.org', password: 'another good passphrase' }, 409, undefined],
    [{ email: 'new@example.org', password: 'short' }, 400, 'password'],
    [{ email: 'not-an-email', password: 'a perfectly fine passphrase' }, 400, 'email'],
    [{ email: 'x@example.org', password: 'a perfectly fine passphrase', role: 'admin' }, 400, 'role'],
    [{ email: 'y@example.org', password: 'a perfectly fine passphrase', name: 'n'.repeat(201) }, 400, 'name'],
  ])('then %j is refused with %i naming %s, and no account is made', async (body, status, path) => {
    const res = await request(t.app).post('/api/v1/auth/signup').send(body);
    expect(res.status).toBe(status);
    expect(res.type).toBe('application/problem+json');
    if (path) expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    if (status === 400) expect((await request(t.app).post('/api/v1/auth/login').set('X-Forwarded-For', freshAddress()).send({ email: body.email, password: body.password })).status).not.toBe(200);
  });
});

describe('When someone signs in', () => {
  it('then the first admin from ADMIN_EMAIL can sign in', async () => {
    const res = await request(t.app).post('/api/v1/auth/login').set('X-Forwarded-For', freshAddress()).send({ email: 'first.admin@example.org', password: 'a long admin passphrase' });
    expect(res.status).toBe(200);
    expect(res.body.user.roles).toEqual(['admin']);
  });

  it('then a wrong password is 401 and the session id changes at sign-in', async () => {
    const { email } = await signedIn(t, ['firm']);
    expect((await request(t.app).post('/api/v1/auth/login').set('X-Forwarded-For', freshAddress()).send({ email, password: 'wrong password here' })).status).toBe(401);
    const agent = request.agent(t.app);
    const first = await agent.post('/api/v1/auth/login').set('X-Forwarded-For', freshAddress()).send({ email, password: PASSWORD });
    const second = await agent.post('/api/v1/auth/login').set('X-Forwarded-For', freshAddress()).send({ email, password: PASSWORD });
    const sid = (r: request.Response) => /pn\.sid=([^;]+)/.exec(String(r.headers['set-cookie']))?.[1];
    expect(sid(first)).toBeDefined();
    expect(sid(second)).not.toBe(sid(first));
  });

  it('then signing out ends the session', async () => {
    const { agent, csrf } = await signedIn(t, ['firm']);
    expect((await agent.post('/api/v1/auth/logout').set('X-CSRF-Token', csrf)).status).toBe(204);
    expect((await agent.get('/api/v1/auth/me')).status).toBe(401);
    expect((await agent.get('/api/v1/auth/session')).body.user).toBeNull();
  });

  it('then after 10 failures for one e-mail the next attempt gets 429 with Retry-After, even with the right password', async () => {
    const { email } = await signedIn(t, ['firm']);
    // From ten different addresses: the limit counts per e-mail as well as per address.
    for (let i = 0; i < 10; i++) {
      expect((await request(t.app).post('/api/v1/auth/login').set('X-Forwarded-For', freshAddress()).send({ email, password: `wrong ${i} password` })).status).toBe(401);
    }
    const res = await request(t.app).post('/api/v1/auth/login').set('X-Forwarded-For', freshAddress()).send({ email, password: PASSWORD });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.type).toBe('application/problem+json');
  });

  it('then a disabled account answers the right password exactly as it answers a wrong one, so the answer confirms no password', async () => {
    const { email, id } = await signedIn(t, ['firm']);
    await updateUser(t.ctx.database.db, id, { disabledAt: new Date() });
    const answer = async (password: string) => {
      const res = await request(t.app).post('/api/v1/auth/login').set('X-Forwarded-For', freshAddress()).send({ email, password });
      return { status: res.status, type: res.type, body: res.body, cookie: res.headers['set-cookie'] };
    };
    const wrong = await answer('not the password at all');
    expect(wrong.status).toBe(401);
    expect(await answer(PASSWORD)).toEqual(wrong);
  });

  it('then 10 failures from one address block that address for any e-mail', async () => {
    const address = freshAddress();
    const { email } = await signedIn(t, ['firm']);
    for (let i = 0; i < 10; i++) {
      await request(t.app).post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ email: `guess${i}@example.org`, password: 'guessing passwords' });
    }
    expect((await request(t.app).post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ email, password: PASSWORD })).status).toBe(429);
    expect((await request(t.app).post('/api/v1/auth/login').set('X-Forwarded-For', freshAddress()).send({ email, password: PASSWORD })).status).toBe(200);
  });
});

describe('When a signed-in user writes with the session cookie', () => {
  it('then a write without the CSRF token is 403 and with it succeeds', async () => {
    const { agent, csrf } = await signedIn(t, ['firm']);
    const refused = await agent.post('/api/v1/tokens').send({ name: 'script' });
    expect(refused.status).toBe(403);
    expect(refused.type).toBe('application/problem+json');
    expect((await agent.post('/api/v1/tokens').set('X-CSRF-Token', 'forged').send({})).status).toBe(403);
    expect((await agent.post('/api/v1/tokens').set('X-CSRF-Token', csrf).send({ name: 'script' })).status).toBe(201);
  });

  it('then GET /auth/session gives the same CSRF token back', async () => {
    const { agent, csrf } = await signedIn(t, ['firm']);
    expect((await agent.get('/api/v1/auth/session')).body.csrfToken).toBe(csrf);
  });
});

describe('When a script uses an API token', () => {
  it('then the token works until revoked, is shown once and is never listed', async () => {
    const { agent, csrf, email } = await signedIn(t, ['operator']);
    const created = await agent.post('/api/v1/tokens').set('X-CSRF-Token', csrf).send({ name: 'nightly export' });
    expect(created.status).toBe(201);
    const { id, token } = created.body as { id: string; token: string };
    const me = await request(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(email);
    // Token requests carry no cookie, so they need no CSRF token.
    expect((await request(t.app).post('/api/v1/tokens').set('Authorization', `Bearer ${token}`).send({})).status).toBe(201);

    const list = await agent.get('/api/v1/tokens');
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(list.body.items.find((i: { id: string }) => i.id === id).lastUsedAt).not.toBeNull();

    expect((await agent.delete(`/api/v1/tokens/${id}`).set('X-CSRF-Token', csrf)).status).toBe(204);
    expect((await request(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    expect((await request(t.app).get('/api/v1/auth/me').set('Authorization', 'Bearer pnt_made-up')).status).toBe(401);
  });

  it("then another user's token cannot be revoked", async () => {
    const a = await signedIn(t, ['firm']);
    const b = await signedIn(t, ['firm']);
    const { id } = (await a.agent.post('/api/v1/tokens').set('X-CSRF-Token', a.csrf).send({})).body;
    expect((await b.agent.delete(`/api/v1/tokens/${id}`).set('X-CSRF-Token', b.csrf)).status).toBe(404);
  });
});
