/**
 * When a visitor asks for an introduction without an account, then the sign-in page says why it
 * must sign in, sign-up asks "a firm" or "an agency" (no default) and a firm's details, and
 * sign-up brings the new firm back to the introduction form it asked for.
 */
import request from 'supertest';
import { userByEmail } from '../../../server/db/users';
import { makeOrganization } from '../../factories';
import { PASSWORD, testApp, type TestApp } from '../../support';
import { read, textIn } from './reader';

let t: TestApp;
let agencyId: string;
let askPath: string;

beforeAll(async () => {
  t = await testApp();
  agencyId = await makeOrganization(t.ctx, { country: 'FR', name: 'Agence de Lyon' });
  askPath = `/introductions/new?organization=${agencyId}`;
});
afterAll(() => t.close());

const paragraphs = (page: string) => read(page)('main p').map((_, p) => read(page)(p).text().replace(/\s+/g, ' ').trim()).get();

describe('When a visitor follows "Ask for an introduction"', () => {
  it('then it is sent to sign in, and the sign-in page says why', async () => {
    const visitor = request.agent(t.app);
    const sent = await visitor.get(askPath).set('Accept', 'text/html');
    expect(sent.status).toBe(303);
    const signIn = await visitor.get(String(sent.headers.location)).expect(200);
    const $ = read(signIn.text);
    expect(textIn($, 'main')).toContain('Sign in to ask for an introduction: the agency answers you through your account, it sees who is asking');
    // The way to sign up keeps where the visitor was going.
    const signUp = $('main a').filter((_, a) => $(a).text() === 'Create an account').attr('href');
    expect(signUp).toBe(`/sign-up?next=${encodeURIComponent(askPath)}`);
  });

  it('then a plain sign-in page does not say it', async () => {
    const $ = read((await request(t.app).get('/sign-in').expect(200)).text);
    expect(textIn($, 'main')).not.toContain('to ask for an introduction');
  });

  it('then the French sign-in page says it in French', async () => {
    const $ = read((await request(t.app).get(`/sign-in?lang=fr&next=${encodeURIComponent(askPath)}`).expect(200)).text);
    expect(textIn($, 'main')).toContain('Connectez-vous pour demander une mise en relation\u00a0:');
  });
});

describe('When someone signs up', () => {
  it('then the page asks "a firm" or "an agency" as radio buttons, none chosen, and a firm’s company and country', async () => {
    const $ = read((await request(t.app).get('/sign-up').expect(200)).text);
    const choices = $('input[type=radio][name=role]');
    expect(choices.map((_, r) => $(r).attr('value')).get()).toEqual(['firm', 'agency-editor']);
    expect(choices.filter('[checked]').length).toBe(0);
    expect(textIn($, '#f-role legend')).toBe('I am *');
    expect(textIn($, 'label[for=f-company]')).toBe('Company name');
    expect($('select#f-country option').length).toBeGreaterThan(190);
    // The page speaks to both before they choose, firms first.
    expect(textIn($, 'main h1 + p')).toMatch(/^Firms ask the intermediaries for introductions and follow each request here\. Agencies register/);
  });

  it('then skipping the choice is refused next to it, with every other error at once, and no account is made', async () => {
    const res = await request(t.app).post('/sign-up').type('form').send({ name: 'Awa', email: 'no-choice@example.org', password: PASSWORD });
    expect(res.status).toBe(400);
    const $ = read(res.text);
    expect(textIn($, '#f-role-error')).toBe('Choose whether you sign up as a firm or as an agency.');
    expect(await userByEmail(t.ctx.database.db, 'no-choice@example.org')).toBeUndefined();
  });

  it('then a firm without its name, company and country is told next to each field', async () => {
    const res = await request(t.app).post('/sign-up').type('form').send({ role: 'firm', email: 'bad-address', password: PASSWORD });
    expect(res.status).toBe(400);
    const $ = read(res.text);
    for (const field of ['name', 'company', 'country']) expect(textIn($, `#f-${field}-error`)).toBe('Required for a firm: the agency you ask sees it.');
    expect(textIn($, '#f-email-error')).not.toBe('');
    // The choice made is kept.
    expect($('input[name=role][value=firm]').attr('checked')).toBeDefined();
  });

  it('then an agency needs no company or country', async () => {
    const res = await request.agent(t.app).post('/sign-up').type('form').send({ role: 'agency-editor', email: 'agency-only@example.org', password: PASSWORD });
    expect(res.status).toBe(303);
    expect((await userByEmail(t.ctx.database.db, 'agency-only@example.org'))?.roles).toEqual(['agency-editor']);
  });
});

describe('When a visitor signs up on its way to an introduction form', () => {
  it('then it lands on that form, signed in as a firm with its details kept', async () => {
    const agent = request.agent(t.app);
    const signUp = await agent.get(`/sign-up?next=${encodeURIComponent(askPath)}`).expect(200);
    expect(paragraphs(signUp.text)).toContain(
      'Create a firm account to ask for an introduction: the agency answers you through your account and sees who is asking (your name, company, country and e-mail address). Once signed up, you come back to your request.',
    );
    const res = await agent
      .post(`/sign-up?next=${encodeURIComponent(askPath)}`)
      .type('form')
      .send({ role: 'firm', name: 'Moussa Diop', company: 'Diop Mangues', country: 'SN', email: 'moussa@diop-mangues.example.org', password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(askPath);
    const form = read((await agent.get(askPath).expect(200)).text);
    expect(textIn(form, 'h1')).toBe('Ask Agence de Lyon for an introduction');
    const user = await userByEmail(t.ctx.database.db, 'moussa@diop-mangues.example.org');
    expect(user).toMatchObject({ roles: ['firm'], name: 'Moussa Diop', company: 'Diop Mangues', country: 'SN' });
  });

  it('then a `next` that leaves the site is ignored', async () => {
    const res = await request(t.app).post('/sign-up?next=//evil.example.org/').type('form').send({ role: 'firm', name: 'X', company: 'Y', country: 'SN', email: 'evil-next@example.org', password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/account');
  });
});
