import request from 'supertest';
import { freshAddress, PASSWORD, signedIn, testApp, type TestApp } from '../../support';
import { createUser } from '../../../server/commands/create-user';
import { updateUser } from '../../../server/db/users';
import { listMail } from '../../../server/db/outbox';
import { safeNext } from '../../../server/pages/account/sign-in';
import { fieldError } from './account-fields';
import { hrefs, langOf, links, read, textIn, valueOf } from './reader';
import { mailServer, type MailServer } from '../../mail-server';

let t: TestApp;
let mail: MailServer;
beforeAll(async () => {
  mail = await mailServer();
  t = await testApp({ MAIL_URL: mail.url });
});
afterAll(async () => {
  await t.close();
  await mail.close();
});


let n = 0;
const newEmail = () => `agency${(n += 1)}-${Date.now()}@example.org`;

describe('When someone signs up as an agency', () => {
  it('then the form names every field, and a good sign-up signs in and lands on /account with a welcome', async () => {
    const form = await request(t.app).get('/sign-up');
    expect(form.status).toBe(200);
    for (const label of ['E-mail address', 'Password', 'Your name', 'I am']) expect(form.text).toContain(label);
    expect(form.text).toContain('application/ld+json');
    const agent = request.agent(t.app);
    const email = newEmail();
    const res = await agent.post('/sign-up').type('form').send({ role: 'agency-editor', name: 'Awa Diallo', email, password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/account');
    const account = await agent.get('/account');
    expect(account.status).toBe(200);
    expect(account.text).toContain('Welcome. Your account is ready: register your organization');
    expect(account.text).toContain(email);
    expect(hrefs(read(account.text))).toContain('/account/organizations/new');
    // The notice is shown once.
    expect((await agent.get('/account')).text).not.toContain('Welcome.');
  });

  it('then bad input comes back (400) with what was typed, except the password, and errors by each field', async () => {
    const res = await request(t.app).post('/sign-up').type('form').send({ role: 'agency-editor', name: 'Kofi <b>Mensah</b>', email: 'kofi-at-example', password: 'short' });
    expect(res.status).toBe(400);
    const $ = read(res.text);
    expect(textIn($, 'title')).toMatch(/^Error: Create an account/);
    expect(valueOf($, 'name')).toBe('Kofi <b>Mensah</b>');
    expect(valueOf($, 'email')).toBe('kofi-at-example');
    expect(valueOf($, 'password') ?? '').toBe('');
    expect(fieldError(res.text, 'email')).toBe('Enter an e-mail address such as name@example.org.');
    expect($('#f-email').attr('aria-invalid')).toBe('true');
    // The summary at the top links to the field it names.
    expect(links($, '.error-summary').find((l) => l.href === '#f-email')?.text).toMatch(/^E-mail address: Enter an e-mail address/);
  });

  it('then a weak password and a taken e-mail are said next to their field, in French for a French reader', async () => {
    const weak = await request(t.app).post('/sign-up').set('Accept-Language', 'fr').type('form').send({ role: 'firm', name: 'Awa Ndiaye', company: 'Ndiaye Cajou', country: 'SN', email: newEmail(), password: 'aaaaaaaaaaaaaaaa' });
    expect(weak.status).toBe(400);
    expect(fieldError(weak.text, 'password')).toBe('Utilisez au moins 5 caractères différents.');
    const email = newEmail();
    await createUser(t.ctx, { email, password: PASSWORD, roles: ['firm'], actorId: null });
    const taken = await request(t.app).post('/sign-up?lang=es').type('form').send({ role: 'firm', name: 'Awa Ndiaye', company: 'Ndiaye Cajou', country: 'SN', email, password: PASSWORD });
    expect(taken.status).toBe(409);
    expect(fieldError(taken.text, 'email')).toContain('Ya existe una cuenta con este correo electrónico');
    expect(langOf(read(taken.text))).toBe('es');
  });
});

describe('When someone signs in', () => {
  let email: string;
  beforeAll(async () => {
    email = newEmail();
    await createUser(t.ctx, { email, password: PASSWORD, roles: ['agency-editor'], actorId: null });
  });

  it('then the right password signs in and follows a local ?next=', async () => {
    const agent = request.agent(t.app);
    expect(read((await agent.get('/sign-in')).text)('[name="password"]').attr('autocomplete')).toBe('current-password');
    const res = await agent.post(`/sign-in?next=${encodeURIComponent('/account/organizations/new')}`).set('X-Forwarded-For', freshAddress()).type('form').send({ email, password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/account/organizations/new');
    expect((await agent.get('/account')).text).toContain(`Signed in as ${email}`);
  });

  it('then a sign-in form sent from another site is refused, so no page elsewhere can sign a visitor into its own account', async () => {
    const res = await request(t.app).post('/sign-in').set('Origin', 'https://evil.example').set('Host', 'directory.example.org').set('Accept', 'text/html').set('X-Forwarded-For', freshAddress()).type('form').send({ email, password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
    const framed = await request(t.app).post('/sign-in').set('Sec-Fetch-Site', 'cross-site').set('Accept', 'text/html').set('X-Forwarded-For', freshAddress()).type('form').send({ email, password: PASSWORD });
    expect(framed.status).toBe(403);
    const ours = await request(t.app).post('/sign-in').set('Origin', 'http://directory.example.org').set('Host', 'directory.example.org').set('X-Forwarded-For', freshAddress()).type('form').send({ email, password: PASSWORD });
    expect(ours.status).toBe(303);
  });

  it('then ?next= never leads off the site', async () => {
    const res = await request(t.app).post('/sign-in?next=//evil.example/x').set('X-Forwarded-For', freshAddress()).type('form').send({ email, password: PASSWORD });
    expect(res.headers.location).toBe('/account');
    expect(safeNext('https://evil.example/', '')).toBeUndefined();
    expect(safeNext('/\\evil.example', '')).toBeUndefined();
    expect(safeNext('/other/x', '/pn')).toBeUndefined();
    expect(safeNext('/pn/account', '/pn')).toBe('/pn/account');
  });

  it('then a wrong password and an unknown account each get the same clear message, keeping the e-mail', async () => {
    for (const [who, password] of [[email, 'not the password at all'], ['nobody@example.org', PASSWORD]] as const) {
      const res = await request(t.app).post('/sign-in').set('X-Forwarded-For', freshAddress()).type('form').send({ email: who, password });
      expect(res.status).toBe(401);
      expect(res.text).toContain('The e-mail address or the password is wrong.');
      const $ = read(res.text);
      expect(valueOf($, 'email')).toBe(who);
      expect(valueOf($, 'password') ?? '').toBe('');
    }
  });

  it('then a disabled account gets the same page for the right password as for a wrong one', async () => {
    const disabled = newEmail();
    const id = await createUser(t.ctx, { email: disabled, password: PASSWORD, roles: ['firm'], actorId: null });
    await updateUser(t.ctx.database.db, id, { disabledAt: new Date() });
    const page = async (password: string) => {
      const res = await request(t.app).post('/sign-in').set('X-Forwarded-For', freshAddress()).type('form').send({ email: disabled, password });
      // The one-time form token differs on every page; everything else must be the same.
      return { status: res.status, text: res.text.replace(/name="_(csrf|form)" value="[^"]*"/g, '') };
    };
    const wrong = await page('not the password at all');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('The e-mail address or the password is wrong.');
    expect(await page(PASSWORD)).toEqual(wrong);
  });

  it('then an empty form says which fields are missing', async () => {
    const res = await request(t.app).post('/sign-in').type('form').send({ email: '', password: '' });
    expect(res.status).toBe(400);
    expect(fieldError(res.text, 'email')).toBeDefined();
    expect(fieldError(res.text, 'password')).toBe('Fill in this field.');
  });

  it('then after 10 failures the page answers 429 with Retry-After, in Spanish for a Spanish reader', async () => {
    const address = freshAddress();
    const victim = newEmail();
    for (let i = 0; i < 10; i += 1) await request(t.app).post('/sign-in').set('X-Forwarded-For', address).type('form').send({ email: victim, password: 'wrong wrong wrong' });
    const res = await request(t.app).post('/sign-in').set('X-Forwarded-For', address).set('Accept-Language', 'es').type('form').send({ email: victim, password: 'wrong wrong wrong' });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.text).toContain('Demasiados intentos fallidos');
    // The wait is counted in the right form, not as “minuto(s)”.
    const minutes = Math.ceil(Number(res.headers['retry-after']) / 60);
    expect(res.text).toContain(`dentro de ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'},`);
  });
});

describe('When a signed-in user signs out', () => {
  it('then the session ends and /account sends to the sign-in page with the way back', async () => {
    const { agent, csrf } = await signedIn(t, ['agency-editor']);
    const out = await agent.post('/sign-out').type('form').send({ _csrf: csrf });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/');
    const account = await agent.get('/account').set('Accept', 'text/html');
    expect(account.status).toBe(303);
    expect(account.headers.location).toBe(`/sign-in?next=${encodeURIComponent('/account')}`);
  });

  it('then a sign-out without the form token is refused', async () => {
    const { agent } = await signedIn(t, ['agency-editor']);
    const res = await agent.post('/sign-out').set('Accept', 'text/html').type('form').send({});
    expect(res.status).toBe(403);
    expect(res.text).toContain('This form has expired');
  });
});

describe('When someone forgot the password', () => {
  it('then a reset link is mailed, and the link’s page sets a new password that signs in', async () => {
    const email = newEmail();
    await createUser(t.ctx, { email, password: PASSWORD, roles: ['agency-editor'], actorId: null });
    expect((await request(t.app).get('/forgot-password')).status).toBe(200);
    const bad = await request(t.app).post('/forgot-password').type('form').send({ email: 'nope' });
    expect(bad.status).toBe(400);
    expect(valueOf(read(bad.text), 'email')).toBe('nope');
    const sent = await request(t.app).post('/forgot-password').type('form').send({ email });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('a link to choose a new password is on its way');
    const [outbox] = await listMail(t.ctx.database.db, { to: email, kind: 'password-reset' }, 1);
    expect(outbox?.text).toContain('/reset-password?token=[hidden]');
    const token = /token=(pnr_[\w-]+)/.exec(mail.to(email)[0]?.text ?? '')?.[1];
    expect(token).toBeDefined();
    const form = await request(t.app).get(`/reset-password?token=${token}`);
    expect(valueOf(read(form.text), 'token')).toBe(token);
    const weak = await request(t.app).post('/reset-password').type('form').send({ token, password: 'short' });
    expect(weak.status).toBe(400);
    expect(fieldError(weak.text, 'password')).toBeDefined();
    const agent = request.agent(t.app);
    const done = await agent.post('/reset-password').type('form').send({ token, password: 'a brand new pass phrase' });
    expect(done.status).toBe(303);
    expect((await agent.get('/sign-in')).text).toContain('Your new password is saved.');
    const used = await request(t.app).post('/reset-password').type('form').send({ token, password: 'another new pass phrase' });
    expect(used.status).toBe(400);
    expect(used.text).toContain('This link is unknown, used or expired.');
    const signIn = await request(t.app).post('/sign-in').set('X-Forwarded-For', freshAddress()).type('form').send({ email, password: 'a brand new pass phrase' });
    expect(signIn.status).toBe(303);
  });
});

describe('When a page elsewhere posts a form to the API', () => {
  it('then the API reads no form fields, so it signs nobody in', async () => {
    const email = newEmail();
    await createUser(t.ctx, { email, password: PASSWORD, roles: ['firm'], actorId: null });
    const res = await request(t.app).post('/api/v1/auth/login').set('X-Forwarded-For', freshAddress()).type('form').send({ email, password: PASSWORD });
    expect(res.status).toBe(400);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
