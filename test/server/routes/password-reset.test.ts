import request from 'supertest';
import { listMail } from '../../../server/db/outbox';
import { mailServer, type MailServer } from '../../mail-server';
import { freshAddress, PASSWORD, signedIn, testApp, type TestApp } from '../../support';
import { read } from '../pages/reader';

let t: TestApp;
let mail: MailServer;
beforeAll(async () => {
  mail = await mailServer();
  t = await testApp({ MAIL_URL: mail.url, PUBLIC_URL: 'http://directory.example.org' });
});
afterAll(async () => {
  await t.close();
  await mail.close();
});

const askReset = (email: string) => request(t.app).post('/api/v1/auth/password-reset').send({ email }).expect(202);
const confirm = (token: string | undefined, password: string) => request(t.app).post('/api/v1/auth/password-reset/confirm').send({ token, password });
/** The reset tokens of the mails really delivered to this address, oldest first. */
const mailedTokens = (email: string) => mail.to(email).map((m) => /token=(pnr_[\w-]+)/.exec(m.text ?? '')?.[1]);

describe('When someone asks a reset for an admin and an operator reads the outbox', () => {
  it('then the outbox shows the mail with its token hidden, nothing in it resets the password, and the real mail carries a token that works once', async () => {
    const admin = await signedIn(t, ['admin']);
    const operator = await signedIn(t, ['operator']);
    await askReset(admin.email);

    const outbox = await operator.agent.get('/api/v1/admin/outbox').query({ to: admin.email, kind: 'password-reset' }).expect(200);
    expect(outbox.body.items).toHaveLength(1);
    const shown = JSON.stringify(outbox.body);
    expect(shown).toContain('http://directory.example.org/reset-password?token=[hidden]');
    expect(shown).not.toMatch(/pnr_/);
    // Whatever an operator could lift from the outbox is refused.
    for (const guess of ['[hidden]', ...(shown.match(/[\w-]{20,}/g) ?? [])]) expect((await confirm(guess, 'an operator takes over')).status).toBe(400);

    const [token] = mailedTokens(admin.email);
    expect(token).toMatch(/^pnr_/);
    expect(mail.to(admin.email)[0]?.text).toContain(`http://directory.example.org/reset-password?token=${token}`);
    // The mail comes from the site's own address and leads to the page, naming no API route.
    expect(mail.to(admin.email)[0]?.from?.value[0]?.address).toBe('no-reply@directory.example.org');
    expect(mail.to(admin.email)[0]?.text).not.toMatch(/\/api\//);
    expect((await confirm(token, 'the admin chose this one')).status).toBe(204);
    expect((await confirm(token, 'and then tried it again')).status).toBe(400);
    expect((await request(t.app).post('/api/v1/auth/login').set('X-Forwarded-For', freshAddress()).send({ email: admin.email, password: 'the admin chose this one' })).status).toBe(200);
  });
});

describe('When a user completes a password reset', () => {
  it('then every session, every API token and every other reset link of the account stops working', async () => {
    const user = await signedIn(t, ['firm']);
    const other = await signedIn(t, ['firm']);
    const { token: apiToken } = (await user.agent.post('/api/v1/tokens').set('X-CSRF-Token', user.csrf).send({ name: 'script' }).expect(201)).body as { token: string };
    const { token: otherToken } = (await other.agent.post('/api/v1/tokens').set('X-CSRF-Token', other.csrf).send({}).expect(201)).body as { token: string };
    await askReset(user.email);
    await askReset(user.email);
    const [first, second] = mailedTokens(user.email);
    expect(first).toBeDefined();
    expect(second).toBeDefined();

    expect((await confirm(second, 'a brand new passphrase')).status).toBe(204);

    expect((await user.agent.get('/api/v1/auth/me')).status).toBe(401);
    expect((await request(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${apiToken}`)).status).toBe(401);
    const stale = await confirm(first, 'an attacker holds the first link');
    expect(stale.status).toBe(400);
    expect(stale.body.errors[0].path).toBe('token');
    expect((await request(t.app).post('/api/v1/auth/login').set('X-Forwarded-For', freshAddress()).send({ email: user.email, password: PASSWORD })).status).toBe(401);
    expect((await request(t.app).post('/api/v1/auth/login').set('X-Forwarded-For', freshAddress()).send({ email: user.email, password: 'a brand new passphrase' })).status).toBe(200);
    // Other accounts keep theirs.
    expect((await other.agent.get('/api/v1/auth/me')).status).toBe(200);
    expect((await request(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${otherToken}`)).status).toBe(200);
  });

  it('then two links used at once set the password once: the other is refused', async () => {
    const user = await signedIn(t, ['firm']);
    await askReset(user.email);
    await askReset(user.email);
    const [a, b] = mailedTokens(user.email);
    const statuses = (await Promise.all([confirm(a, 'first racing passphrase'), confirm(b, 'second racing passphrase')])).map((r) => r.status).sort();
    expect(statuses).toEqual([204, 400]);
  });

  it('then a weak password is refused and leaves the link usable; an unknown e-mail gets the same answer and no mail', async () => {
    const user = await signedIn(t, ['firm']);
    await askReset(user.email);
    const [token] = mailedTokens(user.email);
    const weak = await confirm(token, 'short');
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0].path).toBe('password');
    expect((await confirm(token, 'a good long passphrase')).status).toBe(204);
    const before = mail.messages.length;
    await askReset('nobody@example.org');
    expect(mail.messages).toHaveLength(before);
  });
});

describe('When the site sends no mail (no MAIL_URL)', () => {
  let quiet: TestApp;
  beforeAll(async () => {
    quiet = await testApp();
  });
  afterAll(() => quiet.close());

  it('then no reset link is made: the API answers 409 saying to ask an operator, and the outbox stays empty', async () => {
    const user = await signedIn(quiet, ['firm']);
    const res = await request(quiet.app).post('/api/v1/auth/password-reset').send({ email: user.email });
    expect(res.status).toBe(409);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.detail).toMatch(/Ask an operator/);
    // The same answer for an unknown address: it says nothing of who has an account.
    expect((await request(quiet.app).post('/api/v1/auth/password-reset').send({ email: 'nobody@example.org' })).body).toEqual(res.body);
    expect(await listMail(quiet.ctx.database.db, { kind: 'password-reset' }, 10)).toEqual([]);
  });

  it('then the forgotten-password page says to ask an operator, in the reader’s language, and offers no form', async () => {
    const page = await request(quiet.app).get('/forgot-password').set('Accept-Language', 'fr');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Demandez à un opérateur du réseau');
    expect(read(page.text)('form [name="email"]').length).toBe(0);
    const posted = await request(quiet.app).post('/forgot-password').type('form').send({ email: 'someone@example.org' });
    expect(posted.status).toBe(409);
    expect(posted.text).toContain('Ask an operator of the network');
  });
});
