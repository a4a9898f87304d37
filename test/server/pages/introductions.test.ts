/** When a firm and an agency use the introduction pages in French, then the firm sends, the agency moves, both answer, and nobody else sees a thing. */
import { sql } from 'drizzle-orm';
import request from 'supertest';
import { makeOrganization } from '../../factories';
import { signedIn, testApp, type TestApp } from '../../support';
import { choices, labelOf, langOf, links, read } from './reader';

let t: TestApp;
let agencyId: string;
let firm: Awaited<ReturnType<typeof signedIn>>;
let editor: Awaited<ReturnType<typeof signedIn>>;
let stranger: Awaited<ReturnType<typeof signedIn>>;
let id: string;

const form = (who: typeof firm, path: string, fields: Record<string, string | string[]>) =>
  who.agent.post(`${path}?lang=fr`).type('form').send({ _csrf: who.csrf, ...fields });

beforeAll(async () => {
  t = await testApp();
  agencyId = await makeOrganization(t.ctx, { country: 'SN', name: 'Agence de Dakar' });
  firm = await signedIn(t, ['firm']);
  editor = await signedIn(t, ['agency-editor'], [agencyId]);
  stranger = await signedIn(t, ['firm']);
});
afterAll(() => t.close());

describe('When a firm asks for an introduction in French', () => {
  it('then the form is in French, and a visitor is sent to sign in', async () => {
    const res = await firm.agent.get(`/introductions/new?organization=${agencyId}&lang=fr`).expect(200);
    const $ = read(res.text);
    expect(langOf($)).toBe('fr');
    expect(res.text).toContain('Demander une mise en relation à Agence de Dakar');
    expect(labelOf($, 'message')).toMatch(/^Ce que votre entreprise recherche/);
    const visitor = await request(t.app).get(`/introductions/new?organization=${agencyId}`);
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toMatch(/\/sign-in\?next=/);
    expect((await firm.agent.get('/introductions/new?organization=00000000-0000-4000-8000-000000000000&lang=fr')).status).toBe(404);
  });

  it('then an empty message is named in French and nothing is stored', async () => {
    const res = await form(firm, '/introductions/new', { organizationId: agencyId, message: ' ' });
    expect(res.status).toBe(400);
    // The summary at the top names the message and links to its field.
    expect(links(read(res.text), '.error-summary').map((l) => l.href)).toEqual(['#f-message']);
    expect((await t.ctx.database.rows(sql`select id from introductions`)).length).toBe(0);
  });

  it('then it is sent and shown with its history; a second one the same day is refused in French', async () => {
    const res = await form(firm, '/introductions/new', { organizationId: agencyId, message: 'Nous cherchons un partenaire.', partnershipType: 'joint-venture', partnerCountries: ['SN', 'CI'] });
    expect(res.status).toBe(303);
    id = String(res.headers.location).split('/').at(-1) ?? '';
    const page = await firm.agent.get(`/introductions/${id}?lang=fr`).expect(200);
    expect(page.text).toContain('Votre demande a été envoyée.');
    expect(page.text).toContain('Nouvelle');
    expect(page.text).not.toContain('Faire avancer la demande');
    const again = await form(firm, '/introductions/new', { organizationId: agencyId, message: 'Encore.' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('au cours des dernières 24 heures');
  });

  it('then the agency finds it in its inbox and moves it with only forward statuses offered', async () => {
    const inbox = await editor.agent.get('/introductions?lang=fr').expect(200);
    expect(inbox.text).toContain('Demandes de mise en relation adressées à votre organisation');
    expect(inbox.text).toContain(`/introductions/${id}`);
    const page = await editor.agent.get(`/introductions/${id}?lang=fr`).expect(200);
    expect(page.text).toContain('Faire avancer la demande');
    // One step at a time: from new, only the next status or closing without a deal.
    const offered = choices(read(page.text), 'status').map((c) => c.value);
    expect(offered).toContain('acknowledged');
    expect(offered).not.toContain('new');
    expect(offered).not.toContain('diagnosis');
    for (const status of ['acknowledged', 'diagnosis', 'partner-proposed', 'negotiating']) expect((await form(editor, `/introductions/${id}/status`, { status })).status).toBe(303);
    const moved = await form(editor, `/introductions/${id}/status`, { status: 'partnership-concluded', note: 'Accord signé.', followUpOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) });
    expect(moved.status).toBe(303);
    const after = await editor.agent.get(`/introductions/${id}?lang=fr`).expect(200);
    expect(after.text).toContain('En négociation → Partenariat conclu');
    expect(after.text).toContain('Comment s’est passée cette mise en relation\u202f?');
    const mail = await t.ctx.database.rows<{ to: string }>(sql`select "to" from mail_outbox where kind = 'introduction-status'`);
    expect(mail).toEqual(Array(5).fill({ to: firm.email }));
  });

  it('then a move out of a closed status is refused in French, and each side answers once', async () => {
    const refused = await form(editor, `/introductions/${id}/status`, { status: 'closed-no-deal' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('une étape à la fois');
    expect((await form(firm, `/introductions/${id}/outcome`, { outcome: 'splendid' })).status).toBe(400);
    expect((await form(firm, `/introductions/${id}/outcome`, { outcome: 'partnership-concluded', comment: 'Merci.' })).status).toBe(303);
    const page = await firm.agent.get(`/introductions/${id}?lang=fr`).expect(200);
    expect(page.text).toContain('Votre côté a déjà répondu.');
    expect(page.text).toContain('Merci.');
  });

  it('then a third user gets the 404 page, in its list nothing', async () => {
    const res = await stranger.agent.get(`/introductions/${id}?lang=fr`);
    expect(res.status).toBe(404);
    expect(langOf(read(res.text))).toBe('fr');
    expect((await form(stranger, `/introductions/${id}/status`, { status: 'closed-no-deal' })).status).toBe(404);
    const list = await stranger.agent.get('/introductions?lang=fr').expect(200);
    expect(list.text).toContain('Aucune demande de mise en relation pour l’instant.');
  });
});
