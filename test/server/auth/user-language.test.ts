import { eq } from 'drizzle-orm';
import request from 'supertest';
import { users } from '../../../server/db/schema';
import { freshAddress, PASSWORD, signedIn, testApp, type TestApp } from '../../support';
import { langOf, read } from '../pages/reader';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

let n = 0;
const newEmail = () => `reader${(n += 1)}@example.org`;
const languageOf = async (email: string) => (await t.ctx.database.db.select({ language: users.language }).from(users).where(eq(users.email, email)))[0]?.language;

describe('When someone signs up through the API', () => {
  it('then the language given is the account\'s', async () => {
    const email = newEmail();
    const res = await request(t.app).post('/api/v1/auth/signup').set('Accept-Language', 'fr').send({ email, password: PASSWORD, language: 'es' });
    expect(res.status).toBe(201);
    expect(await languageOf(email)).toBe('es');
  });

  it('then without a language the request\'s is recorded (Accept-Language), and English without any', async () => {
    const french = newEmail();
    expect((await request(t.app).post('/api/v1/auth/signup').set('Accept-Language', 'fr-FR,fr;q=0.9').send({ email: french, password: PASSWORD })).status).toBe(201);
    expect(await languageOf(french)).toBe('fr');
    const plain = newEmail();
    expect((await request(t.app).post('/api/v1/auth/signup').send({ email: plain, password: PASSWORD })).status).toBe(201);
    expect(await languageOf(plain)).toBe('en');
  });

  it('then a language the site does not speak is refused next to the field', async () => {
    const res = await request(t.app).post('/api/v1/auth/signup').send({ email: newEmail(), password: PASSWORD, language: 'de' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'language' })]);
  });
});

describe('When someone signs up on the page in French', () => {
  it('then French is the account\'s language', async () => {
    const agent = request.agent(t.app);
    const form = await agent.get('/sign-up?lang=fr');
    expect(langOf(read(form.text))).toBe('fr');
    const email = newEmail();
    const res = await agent.post('/sign-up').type('form').send({ role: 'firm', name: 'Fatou Sow', company: 'Sow Textiles', country: 'SN', email, password: PASSWORD });
    expect(res.status).toBe(303);
    expect(await languageOf(email)).toBe('fr');
  });
});

describe('When a signed-in user switches the language', () => {
  it('then their account follows the switch, and a page without a switch leaves it alone', async () => {
    const user = await signedIn(t, ['firm']);
    expect(await languageOf(user.email)).toBe('en');
    expect((await user.agent.get('/search?lang=es')).status).toBe(200);
    expect(await languageOf(user.email)).toBe('es');
    // The cookie keeps the page in Spanish; a reader whose browser asks French does not change the account.
    await user.agent.get('/').set('Accept-Language', 'fr');
    expect(await languageOf(user.email)).toBe('es');
    await user.agent.get('/?lang=fr');
    expect(await languageOf(user.email)).toBe('fr');
  });

  it('then a visitor who is not signed in changes no account', async () => {
    const email = newEmail();
    await request(t.app).post('/api/v1/auth/signup').send({ email, password: PASSWORD, language: 'en' });
    await request(t.app).get('/?lang=es').set('X-Forwarded-For', freshAddress());
    expect(await languageOf(email)).toBe('en');
  });
});
