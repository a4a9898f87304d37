/**
 * When the site is served over plain HTTP (a LAN address, an intranet name), then no header
 * sends the browser to https://: no HSTS, no CSP upgrade-insecure-requests, no COOP, and the
 * session cookie works without TLS. Over https:// (PUBLIC_URL), all of them are sent.
 */
import request from 'supertest';
import { createUser } from '../../server/commands/create-user';
import { freshAddress, PASSWORD, signedIn, testApp, type TestApp } from '../support';

describe('When PUBLIC_URL is plain http on a LAN address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ PUBLIC_URL: 'http://192.0.2.2:3000' });
  });
  afterAll(() => t.close());

  it('then pages send neither HSTS nor upgrade-insecure-requests nor COOP, and keep the rest of the policy', async () => {
    const res = await request(t.app).get('/').expect(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['cross-origin-opener-policy']).toBeUndefined();
    expect(res.headers['referrer-policy']).toBe('same-origin');
  });

  it('then a signed-in visitor keeps a session cookie that is not marked Secure', async () => {
    const user = await signedIn(t, ['firm']);
    const res = await user.agent.get('/account').expect(200);
    expect(res.text).toContain(user.email);
    const login = await request(t.app).post('/api/v1/auth/login').set('X-Forwarded-For', freshAddress()).send({ email: user.email, password: PASSWORD });
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toContain('pn.sid=');
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it('then the language cookie is not marked Secure either', async () => {
    const res = await request(t.app).get('/?lang=fr').expect(200);
    expect(String(res.headers['set-cookie'])).toMatch(/lang=fr;/);
    expect(String(res.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
  });
});

describe('When PUBLIC_URL is https', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ PUBLIC_URL: 'https://directory.example.org' });
  });
  afterAll(() => t.close());

  it('then pages send HSTS, upgrade-insecure-requests and COOP', async () => {
    const res = await request(t.app).get('/').expect(200);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['referrer-policy']).toBe('same-origin');
  });

  it('then the session cookie, set behind the TLS proxy, is marked Secure', async () => {
    const email = 'tls-user@example.org';
    await createUser(t.ctx, { email, password: PASSWORD, roles: ['firm'], actorId: null });
    const login = await request(t.app).post('/api/v1/auth/login').set('X-Forwarded-Proto', 'https').set('X-Forwarded-For', freshAddress()).send({ email, password: PASSWORD });
    expect(login.status).toBe(200);
    expect(String(login.headers['set-cookie'])).toMatch(/pn\.sid=[^;]+;.*Secure/i);
  });

  it('then the language cookie is marked Secure', async () => {
    const res = await request(t.app).get('/?lang=fr').set('X-Forwarded-Proto', 'https').expect(200);
    expect(String(res.headers['set-cookie'])).toMatch(/lang=fr;.*Secure/i);
  });
});
