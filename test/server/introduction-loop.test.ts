/**
 * When a firm asks for an introduction, then the request reaches someone who answers and they
 * know who asks: the agency's editors (each mailed in their language) or, for an entry no agency
 * maintains, the operators as the network's secretariat; the firm is told who will answer, and
 * an agency cannot ask its own organization.
 */
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { createUser } from '../../server/commands/create-user';
import { makeOrganization } from '../factories';
import { mailServer, type MailServer } from '../mail-server';
import { freshAddress, PASSWORD, signedIn, testApp, type TestApp } from '../support';
import { definition, read, textIn } from './pages/reader';

let t: TestApp;
let mail: MailServer;
let agencyId: string;
let feedId: string;
type Agent = Awaited<ReturnType<typeof signedIn>>;
let firm: Agent;
let editorFr: Agent;
let editorEn: Agent;
let stranger: Agent;
let operator: Agent;

/** An account made with these details (and language), signed in through the API. */
async function account(email: string, props: Partial<Parameters<typeof createUser>[1]>): Promise<Agent> {
  const id = await createUser(t.ctx, { email, password: PASSWORD, roles: ['firm'], actorId: null, ...props });
  const agent = request.agent(t.app);
  const res = await agent.post('/api/v1/auth/login').set('X-Forwarded-For', freshAddress()).send({ email, password: PASSWORD });
  return { id, email, agent, csrf: res.body.csrfToken as string };
}

const postJson = (who: Agent, path: string, body: object) => who.agent.post(path).set('X-CSRF-Token', who.csrf).send(body);
const postForm = (who: Agent, path: string, fields: Record<string, string>) => who.agent.post(path).type('form').send({ _csrf: who.csrf, ...fields });
const mailsTo = (who: Agent) => mail.to(who.email);
const introductionCount = async () => Number((await t.ctx.database.rows<{ n: string | number }>(sql`select count(*) as n from introductions`))[0]?.n);

beforeAll(async () => {
  mail = await mailServer();
  t = await testApp({ MAIL_URL: mail.url });
  agencyId = await makeOrganization(t.ctx, { country: 'FR', name: 'Agence de Lyon' });
  // As a feed or the demo set brings it: nobody maintains it.
  feedId = await makeOrganization(t.ctx, { country: 'KE', name: 'Kenya Export Board' });
  editorFr = await account('editeur@agence-lyon.example.org', { roles: ['agency-editor'], organizations: [agencyId], language: 'fr' });
  editorEn = await account('editor@agence-lyon.example.org', { roles: ['agency-editor'], organizations: [agencyId], language: 'en' });
  firm = await account('awa@ndiaye-cajou.example.org', { name: 'Awa Ndiaye', company: 'Ndiaye Cajou', country: 'SN', language: 'fr' });
  stranger = await signedIn(t, ['firm']);
  operator = await signedIn(t, ['operator']);
});
afterAll(async () => {
  await t.close();
  await mail.close();
});

describe('When a firm asks an agency for an introduction', () => {
  let id: string;

  it('then the request carries who asks, and the agency answers it', async () => {
    const res = await postJson(firm, '/api/v1/introductions', { organizationId: agencyId, message: 'Nous cherchons un acheteur de noix de cajou.', partnershipType: 'supplier-linkage' });
    expect(res.status).toBe(201);
    expect(res.body.firm).toEqual({ name: 'Awa Ndiaye', company: 'Ndiaye Cajou', country: 'SN', email: firm.email });
    expect(res.body.answeredBy).toBe('agency');
    id = res.body.id;
  });

  it("then the agency's editor reads the firm's name, company, country and e-mail in the API and on the page", async () => {
    const api = await editorEn.agent.get(`/api/v1/introductions/${id}`).expect(200);
    expect(api.body.firm).toEqual({ name: 'Awa Ndiaye', company: 'Ndiaye Cajou', country: 'SN', email: firm.email });
    const list = await editorEn.agent.get('/api/v1/introductions').expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id, firm: expect.objectContaining({ company: 'Ndiaye Cajou' }) })]);
    const $ = read((await editorEn.agent.get(`/introductions/${id}?lang=en`).expect(200)).text);
    expect(textIn($, '#intro-asking')).toBe('Who is asking');
    expect(definition($, 'Name')).toBe('Awa Ndiaye');
    expect(definition($, 'Company')).toBe('Ndiaye Cajou');
    expect(definition($, 'Country')).toBe('Senegal');
    expect(definition($, 'E-mail')).toBe(firm.email);
    expect($(`a[href="mailto:${firm.email}"]`).length).toBe(1);
    expect(definition($, 'Answered by')).toBe('Agence de Lyon');
    const inbox = read((await editorEn.agent.get('/introductions?lang=en').expect(200)).text);
    expect(inbox('tbody tr td').eq(1).text()).toBe('Ndiaye Cajou (Awa Ndiaye)');
  });

  it('then a stranger reads none of it, in the API or on a page', async () => {
    const api = await stranger.agent.get(`/api/v1/introductions/${id}`);
    expect(api.status).toBe(404);
    expect(JSON.stringify(api.body)).not.toContain('Ndiaye');
    expect((await stranger.agent.get('/api/v1/introductions')).body.items).toEqual([]);
    const page = await stranger.agent.get(`/introductions/${id}?lang=en`);
    expect(page.status).toBe(404);
    expect(read(page.text)('main').text()).not.toContain('Ndiaye');
  });

  it("then each editor is mailed in their own language, with who asks and a link to the request's page", async () => {
    const [fr] = mailsTo(editorFr);
    expect(mailsTo(editorFr)).toHaveLength(1);
    expect(fr?.subject).toBe('Demande de mise en relation à Agence de Lyon de la part de Ndiaye Cajou');
    const text = fr?.text ?? '';
    expect(text).toContain('Ndiaye Cajou demande à Agence de Lyon une mise en relation par le Partnering Network.');
    expect(text).toContain('Pays\u00a0: Sénégal');
    expect(text).toContain(`Adresse e-mail\u00a0: ${firm.email}`);
    expect(text).toContain('Liens avec les fournisseurs');
    expect(text).toContain('Nous cherchons un acheteur de noix de cajou.');
    expect(text).toContain(`${t.ctx.env.publicUrl}/introductions/${id}?lang=fr`);
    expect(text).not.toContain('/api/');
    const [en] = mailsTo(editorEn);
    expect(en?.subject).toBe('Introduction request to Agence de Lyon from Ndiaye Cajou');
    expect(en?.text).toContain('Country: Senegal');
    expect(en?.text).toContain(`${t.ctx.env.publicUrl}/introductions/${id}?lang=en`);
    // An agency maintains the entry: the secretariat is not bothered.
    expect(mailsTo(operator)).toEqual([]);
  });

  it('then the firm is mailed, in its language, that the agency will answer', async () => {
    const sent = mailsTo(firm);
    expect(sent.map((m) => m.subject)).toEqual(['Votre demande de mise en relation à Agence de Lyon a été envoyée']);
    expect(sent[0]?.text).toContain('Agence de Lyon répondra à votre demande.');
    expect(sent[0]?.text).toContain(`${t.ctx.env.publicUrl}/introductions/${id}?lang=fr`);
  });
});

describe('When a firm asks for an introduction to an entry no agency maintains', () => {
  let id: string;

  it('then the form says, before it is sent, that the secretariat answers and sees who asks', async () => {
    const $ = read((await firm.agent.get(`/introductions/new?organization=${feedId}&lang=en`).expect(200)).text);
    expect(textIn($, 'form .shared p')).toBe('When you send this request, the Partnering Network secretariat, which answers it (no agency maintains this entry), sees who is asking:');
    expect(definition($, 'Company')).toBe('Ndiaye Cajou');
    expect(definition($, 'Country')).toBe('Senegal');
    expect(definition($, 'E-mail')).toBe(firm.email);
  });

  it('then the confirmation page tells the firm the secretariat will answer', async () => {
    const sent = await postForm(firm, '/introductions/new?lang=en', { organizationId: feedId, message: 'We seek a buyer in Kenya.' });
    expect(sent.status).toBe(303);
    id = String(sent.headers.location).split('/').at(-1) ?? '';
    const $ = read((await firm.agent.get(`/introductions/${id}?lang=en`).expect(200)).text);
    expect(textIn($, '.notice')).toBe(
      'Your request was sent. The Partnering Network secretariat will answer your request: no agency maintains this entry, so the network’s secretariat brokers the introduction.',
    );
    expect(definition($, 'Answered by')).toMatch(/^The Partnering Network secretariat/);
    expect((await firm.agent.get(`/api/v1/introductions/${id}`)).body.answeredBy).toBe('secretariat');
  });

  it('then the operators are mailed to broker it, and the firm is mailed who answers', async () => {
    const [brief] = mailsTo(operator);
    expect(brief?.subject).toBe('Introduction request to Kenya Export Board from Ndiaye Cajou');
    expect(brief?.text).toContain('No agency maintains this entry, so the request comes to you, the operators, to broker as the network’s secretariat.');
    expect(brief?.text).toContain(`${t.ctx.env.publicUrl}/introductions/${id}?lang=en`);
    expect(mailsTo(editorEn)).toHaveLength(1);
    // The firm last read the site in English: its mail follows.
    const confirmation = mailsTo(firm).at(-1);
    expect(confirmation?.subject).toBe('Your introduction request to Kenya Export Board was sent');
    expect(confirmation?.text).toContain('The Partnering Network secretariat will answer your request');
  });

  it('then an operator acts on it as the agency would: the move form is there and moves it', async () => {
    const $ = read((await operator.agent.get(`/introductions/${id}?lang=en`).expect(200)).text);
    expect(textIn($, '#intro-move')).toBe('Move the request');
    expect(definition($, 'Company')).toBe('Ndiaye Cajou');
    expect((await postForm(operator, `/introductions/${id}/status`, { status: 'acknowledged' })).status).toBe(303);
    expect((await operator.agent.get(`/api/v1/introductions/${id}`)).body.status).toBe('acknowledged');
  });
});

describe('When an agency asks its own organization for an introduction', () => {
  it('then the API refuses it with a 403 problem that says why, and stores nothing', async () => {
    const before = await introductionCount();
    const res = await postJson(editorEn, '/api/v1/introductions', { organizationId: agencyId, message: 'Asking ourselves.' });
    expect(res.status).toBe(403);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.type).toMatch(/own-organization$/);
    expect(res.body.detail).toContain('your own organization');
    expect(await introductionCount()).toBe(before);
  });

  it('then its own organization page does not offer to ask, while a firm is offered it', async () => {
    const ask = (html: string) => read(html)('main .actions a').toArray().map((a) => read(html)(a).text().trim());
    expect(ask((await editorEn.agent.get(`/organizations/${agencyId}?lang=en`)).text)).not.toContain('Ask for an introduction');
    expect(ask((await firm.agent.get(`/organizations/${agencyId}?lang=en`)).text)).toContain('Ask for an introduction');
  });

  it('then the page shows no form but the reason, in the reader’s language, and a post is refused too', async () => {
    const res = await editorFr.agent.get(`/introductions/new?organization=${agencyId}&lang=fr`);
    expect(res.status).toBe(403);
    const $ = read(res.text);
    expect(textIn($, 'h1')).toBe('Votre propre organisation');
    expect(textIn($, 'main p').startsWith('Votre organisation répond aux demandes envoyées ici\u00a0: une agence ne se demande pas')).toBe(true);
    expect($('form textarea').length).toBe(0);
    const before = await introductionCount();
    expect((await postForm(editorFr, '/introductions/new?lang=fr', { organizationId: agencyId, message: 'Nous-mêmes.' })).status).toBe(403);
    expect(await introductionCount()).toBe(before);
  });
});
