/**
 * When a side follows the six-month question's link, then the page asks with that answer
 * chosen and records nothing until its button is pressed; the answers show on /progress and
 * in the API's statistics, any figure under 5 withheld. The pages are read as a person reads
 * them (cheerio), the links taken from the mails the SMTP server received.
 */
import * as cheerio from 'cheerio';
import { sql } from 'drizzle-orm';
import request from 'supertest';
import { askIntroductionFollowUps } from '../../../server/commands/ask-follow-ups';
import { makeOrganization } from '../../factories';
import { followUpLinks, mailServer, type MailServer } from '../../mail-server';
import { signedIn, testApp, type TestApp } from '../../support';

let t: TestApp;
let mail: MailServer;
let firm: Awaited<ReturnType<typeof signedIn>>;
const SIX_MONTHS_ON = () => new Date(Date.now() + 200 * 86_400_000);

const post = (who: typeof firm, path: string, body: object) => who.agent.post(path).set('X-CSRF-Token', who.csrf).send(body);
const sqlAnswered = (id: string) => sql`select side, answer from introduction_follow_ups where introduction_id = ${id} and answer is not null order by side`;
const sqlUnanswered = () => sql`select introduction_id as id from introduction_follow_ups where side = 'firm' and answer is null order by created_at`;
// Collapses layout whitespace only: a French non-breaking space is part of the words.
const text = (s: string) => s.replace(/[ \t\r\n]+/g, ' ').trim();

/** A request from the firm to a new agency, closed without a deal; its editor. */
async function closedRequest(name: string) {
  const agency = await makeOrganization(t.ctx, { name, country: 'FR' });
  const editor = await signedIn(t, ['agency-editor'], [agency]);
  const sent = await post(firm, '/api/v1/introductions', { organizationId: agency, message: 'Shea butter exports' });
  expect((await post(editor, `/api/v1/introductions/${sent.body.id}/status`, { status: 'closed-no-deal' })).status).toBe(200);
  return { id: sent.body.id as string, editor };
}


const tokenOf = (path: string | undefined) => new URL(path ?? '', 'http://x').searchParams.get('token') ?? '';

beforeAll(async () => {
  mail = await mailServer();
  t = await testApp({ MAIL_URL: mail.url });
  firm = await signedIn(t, ['firm']);
});
afterAll(async () => {
  await t.close();
  await mail.close();
});

describe('When a firm follows a link of the six-month question', () => {
  let r: Awaited<ReturnType<typeof closedRequest>>;
  let links: Record<string, string>;

  beforeAll(async () => {
    r = await closedRequest('Business France Dakar');
    await askIntroductionFollowUps(t.ctx, SIX_MONTHS_ON());
    links = followUpLinks(mail, firm.email, r.id);
  });

  it('then, without signing in, the page shows the question with that answer chosen and one button, and records nothing', async () => {
    const res = await request(t.app).get(links['useful-contact'] ?? '');
    expect(res.status).toBe(200);
    const $ = cheerio.load(res.text);
    expect(text($('h1').text())).toBe('Six months on: what came of this introduction?');
    // A private page: described, but kept out of search engines.
    expect($('meta[name=description]').attr('content')).toBe('What came of the contact?');
    expect($('meta[name=robots]').attr('content')).toBe('noindex');
    expect(text($('main p').first().text())).toMatch(/^Your introduction request to Business France Dakar, sent on .+, was closed on .+ \(Closed without a deal\)\.$/);
    expect(text($('fieldset legend').text())).toBe('What came of the contact?');
    expect($('input[type=radio]').map((_, e) => text($(e).parent().text())).get()).toEqual(['No further contact', 'Useful contact', 'Negotiation started', 'Agreement reached']);
    expect($('input[type=radio]:checked').val()).toBe('useful-contact');
    expect($('form[method=post] button').map((_, e) => text($(e).text())).get()).toEqual(['Record this answer']);
    expect(text($('main').text())).not.toContain('Recorded answer');
    // Opened twice (a mail scanner, then the reader): still nothing recorded.
    await request(t.app).get(links['agreement-reached'] ?? '');
    const stats = (await request(t.app).get('/api/v1/stats')).body.introductions.sixMonthsOn;
    expect(stats).toEqual([
      { value: 'no-further-contact', count: null },
      { value: 'useful-contact', count: null },
      { value: 'negotiation-started', count: null },
      { value: 'agreement-reached', count: null },
    ]);
    expect(await t.ctx.database.rows(sqlAnswered(r.id))).toEqual([]);
  });

  it('then the button records the answer and the page says so; the answer can be changed', async () => {
    const res = await request(t.app).post(`/follow-up/${r.id}`).type('form').send({ token: tokenOf(links['useful-contact']), answer: 'useful-contact' });
    expect(res.status).toBe(303);
    const $ = cheerio.load((await request(t.app).get(res.headers.location ?? '')).text);
    expect(text($('[role=status]').text())).toBe('Thank you: your answer is recorded.');
    expect(text($('main').text())).toMatch(/Recorded answer: Useful contact \(on .+\)\./);
    expect($('input[type=radio]:checked').val()).toBe('useful-contact');
    expect(text($('form[method=post] button').text())).toBe('Change the answer');

    await request(t.app).post(`/follow-up/${r.id}`).type('form').send({ token: tokenOf(links['useful-contact']), answer: 'negotiation-started' });
    const later = cheerio.load((await request(t.app).get(links['no-further-contact'] ?? '')).text);
    expect(text(later('main').text())).toMatch(/Recorded answer: Negotiation started/);
    // The link's own answer is chosen, ready to change to it; the recorded one is said above.
    expect(later('input[type=radio]:checked').val()).toBe('no-further-contact');
    expect(await t.ctx.database.rows(sqlAnswered(r.id))).toEqual([{ side: 'firm', answer: 'negotiation-started' }]);
  });

  it('then the page speaks the mail’s language', async () => {
    const res = await request(t.app).get(`${links['agreement-reached'] ?? ''}`.replace(/lang=\w+/, 'lang=fr'));
    const $ = cheerio.load(res.text);
    expect($('html').attr('lang')).toBe('fr');
    expect(text($('h1').text())).toBe('Six mois après\u00a0: qu’est-il advenu de cette mise en relation\u00a0?');
    expect(text($('input[type=radio]:checked').parent().text())).toBe('Accord conclu');
  });

  it('then a form sent without an answer says to choose one, next to the question', async () => {
    const res = await request(t.app).post(`/follow-up/${r.id}`).type('form').send({ token: tokenOf(links['useful-contact']) });
    expect(res.status).toBe(400);
    const $ = cheerio.load(res.text);
    expect(text($('fieldset .field-error').text())).toBe('Choose one answer.');
    expect($('fieldset').attr('aria-describedby')).toBe($('fieldset .field-error').attr('id'));
  });

  it('then a made-up token, or one of another request, gets a page that says so, and records nothing', async () => {
    const other = await closedRequest('CCI Lyon Métropole');
    const bad = await request(t.app).get(`/follow-up/${r.id}?token=pnf_made-up&answer=useful-contact`);
    expect(bad.status).toBe(404);
    let $ = cheerio.load(bad.text);
    expect(text($('h1').text())).toBe('This link does not work');
    expect(text($('main').text())).toContain('This link is not one the network sent, or it was cut short.');
    expect($('form[method=post]')).toHaveLength(0);

    const elsewhere = await request(t.app).get(`/follow-up/${other.id}?token=${encodeURIComponent(tokenOf(links['useful-contact']))}&answer=useful-contact`);
    expect(elsewhere.status).toBe(404);
    $ = cheerio.load(elsewhere.text);
    expect(text($('main').text())).toContain('This link belongs to another introduction request.');
    const posted = await request(t.app).post(`/follow-up/${other.id}`).type('form').send({ token: tokenOf(links['useful-contact']), answer: 'agreement-reached' });
    expect(posted.status).toBe(404);
    expect(await t.ctx.database.rows(sqlAnswered(other.id))).toEqual([]);
    expect(await t.ctx.database.rows(sqlAnswered(r.id))).toEqual([{ side: 'firm', answer: 'negotiation-started' }]);
  });
});

describe('When five requests have a six-month answer', () => {
  it('then /progress shows "six months on" per answer, withholding any figure under 5, and the API and CSV give the same', async () => {
    for (let i = 0; i < 5; i++) await closedRequest(`Agence ${i}`);
    await askIntroductionFollowUps(t.ctx, SIX_MONTHS_ON());
    const ids = (await t.ctx.database.rows<{ id: string }>(sqlUnanswered())).map((x) => x.id);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    for (const id of ids.slice(0, 5)) {
      const path = followUpLinks(mail, firm.email, id)['agreement-reached'];
      expect((await request(t.app).post(`/follow-up/${id}`).type('form').send({ token: tokenOf(path), answer: 'agreement-reached' })).status).toBe(303);
    }

    const $ = cheerio.load((await request(t.app).get('/progress')).text);
    const chart = $('figure#introductionsSixMonthsOn');
    expect(text(chart.find('h2').text())).toBe('Six months on: what introductions led to');
    const bars = (page: cheerio.CheerioAPI) => page('figure#introductionsSixMonthsOn li').map((_, li) => `${text(page(li).children('span').first().text())}: ${text(page(li).find('.n').text())}`).get();
    expect(bars($)).toEqual(['No further contact: under 5', 'Useful contact: under 5', 'Negotiation started: under 5', 'Agreement reached: 5']);

    const fr = cheerio.load((await request(t.app).get('/progress?lang=fr')).text);
    expect(bars(fr)).toEqual(['Pas d’autre contact: moins de 5', 'Contact utile: moins de 5', 'Négociation engagée: moins de 5', 'Accord conclu: 5']);

    const api = (await request(t.app).get('/api/v1/stats')).body.introductions.sixMonthsOn;
    expect(api).toEqual([
      { value: 'no-further-contact', count: null },
      { value: 'useful-contact', count: null },
      { value: 'negotiation-started', count: null },
      { value: 'agreement-reached', count: 5 },
    ]);
    const csv = (await request(t.app).get('/api/v1/stats.csv?table=introductionsSixMonthsOn')).text.trim().split('\n');
    expect(csv).toEqual(['answer,count', 'no-further-contact,', 'useful-contact,', 'negotiation-started,', 'agreement-reached,5']);
  });
});
