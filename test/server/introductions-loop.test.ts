/**
 * When requests age, then nothing rots: the agency is reminded at 7 days, the operators at 14,
 * a request without a move for 60 days expires and its firm is told, and six months after
 * closing both sides are asked what came of it; each mail once, whatever the re-runs. The
 * clock is injected (`now`), and requests are dated back where a move must look old.
 */
import * as cheerio from 'cheerio';
import { sql } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { askIntroductionFollowUps } from '../../server/commands/ask-follow-ups';
import { expireIntroductions } from '../../server/commands/expire-introductions';
import { flagUnansweredIntroductions } from '../../server/commands/introductions';
import { remindUnansweredIntroductions } from '../../server/commands/remind-introductions';
import { makeOrganization } from '../factories';
import { mailServer, type MailServer } from '../mail-server';
import { signedIn, testApp, type TestApp } from '../support';

let t: TestApp;
let mail: MailServer;
let firm: Awaited<ReturnType<typeof signedIn>>;
let operator: Awaited<ReturnType<typeof signedIn>>;
let site: string;

const DAY = 86_400_000;
const days = (from: Date, n: number) => new Date(from.getTime() + n * DAY);
const post = (who: typeof firm, path: string, body: object) => who.agent.post(path).set('X-CSRF-Token', who.csrf).send(body);
const kindOf = (m: ParsedMail) => m.subject ?? '';
/** The mails to `to` after the one that announced each request's arrival. */
const laterMails = (to: string) => mail.to(to).filter((m) => !kindOf(m).startsWith('Introduction request to '));
const outbox = (kind: string, to?: string) =>
  t.ctx.database.rows<{ to: string; subject: string; text: string }>(sql`select "to", subject, text from mail_outbox where kind = ${kind} ${to ? sql`and "to" = ${to}` : sql``} order by created_at`);

/** An agency of its own with one editor, and a request from the firm to it. */
async function request(name: string) {
  const agency = await makeOrganization(t.ctx, { name, country: 'FR' });
  const editor = await signedIn(t, ['agency-editor'], [agency]);
  const res = await post(firm, '/api/v1/introductions', { organizationId: agency, message: `A partner through ${name}` });
  if (res.status !== 201) throw new Error(`request: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, editor, agency };
}

/** Dates a request, and every move it had, `n` days back. */
async function ageBy(id: string, n: number) {
  await t.ctx.database.rows(sql`update introductions set created_at = created_at - make_interval(days => ${n}), updated_at = updated_at - make_interval(days => ${n}) where id = ${id}`);
  await t.ctx.database.rows(sql`update introduction_events set at = at - make_interval(days => ${n}) where introduction_id = ${id}`);
}

beforeAll(async () => {
  mail = await mailServer();
  t = await testApp({ MAIL_URL: mail.url });
  site = t.env.publicUrl;
  firm = await signedIn(t, ['firm']);
  // The firm reads French; the agencies' editors and the operators English.
  await t.ctx.database.rows(sql`update users set language = 'fr' where id = ${firm.id}`);
  operator = await signedIn(t, ['operator']);
});
afterAll(async () => {
  await t.close();
  await mail.close();
});

describe('When a request stays unanswered', () => {
  let r: Awaited<ReturnType<typeof request>>;
  const sent = new Date();

  it('then before 7 days nobody is reminded', async () => {
    r = await request('Business France Dakar');
    expect(await remindUnansweredIntroductions(t.ctx, days(sent, 6))).toBe(0);
    expect(await outbox('introduction-reminder')).toEqual([]);
  });

  it("then after 7 days the agency's editors are reminded once, naming the firm and its company, with a link to the request, and re-runs (at once too) send nothing more", async () => {
    // Details the firm gave after asking: the reminder reads them as they are now.
    await t.ctx.database.rows(sql`update users set name = 'Awa Diop', company = 'Sahel Solar SARL' where id = ${firm.id}`);
    expect(await remindUnansweredIntroductions(t.ctx, days(sent, 8))).toBe(1);
    const again = await Promise.all([remindUnansweredIntroductions(t.ctx, days(sent, 9)), remindUnansweredIntroductions(t.ctx, days(sent, 9))]);
    expect(again).toEqual([0, 0]);
    const mails = laterMails(r.editor.email);
    expect(mails.map(kindOf)).toEqual(['A request to Business France Dakar awaits your answer']);
    expect(mails[0]?.text).toContain(`${site}/introductions/${r.id}`);
    expect(mails[0]?.text).toContain('no answer for 7 days');
    expect(mails[0]?.text).toContain('Sahel Solar SARL asked Business France Dakar for an introduction');
    expect(mails[0]?.text).toContain('Name: Awa Diop');
    expect(mails[0]?.text).toContain('Company: Sahel Solar SARL');
    expect(mails[0]?.text).toContain('Country: not given');
    expect(mail.to(operator.email)).toEqual([]);
  });

  it('then after 14 days the operators are mailed once, and the agency is not reminded again', async () => {
    expect(await flagUnansweredIntroductions(t.ctx, days(sent, 13))).toBe(0);
    expect(await flagUnansweredIntroductions(t.ctx, days(sent, 15))).toBe(1);
    expect(await flagUnansweredIntroductions(t.ctx, days(sent, 16))).toBe(0);
    expect(await remindUnansweredIntroductions(t.ctx, days(sent, 16))).toBe(0);
    const mails = mail.to(operator.email);
    expect(mails.map(kindOf)).toEqual(['One introduction request unanswered for 14 days']);
    expect(mails[0]?.text).toContain('Business France Dakar, sent on');
    expect(mails[0]?.text).toContain(`${site}/introductions/${r.id}`);
    expect(laterMails(r.editor.email)).toHaveLength(1);
  });
});

describe('When a request goes to an entry no agency maintains', () => {
  it('then the operators, who broker it, get the 7-day reminder and the six-month question for the agency side', async () => {
    const orphan = await makeOrganization(t.ctx, { name: 'Feed entry: ADEPME', country: 'SN' });
    const res = await post(firm, '/api/v1/introductions', { organizationId: orphan, message: 'A partner through the feed entry' });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const about = (m: ParsedMail) => m.text?.includes(id) ?? false;
    expect(await remindUnansweredIntroductions(t.ctx, days(new Date(), 8))).toBe(1);
    expect(laterMails(operator.email).filter(about).map(kindOf)).toEqual(['A request to Feed entry: ADEPME awaits your answer']);

    expect((await post(operator, `/api/v1/introductions/${id}/status`, { status: 'closed-no-deal' })).status).toBe(200);
    await askIntroductionFollowUps(t.ctx, days(new Date(), 200));
    const asked = mail.to(operator.email).filter((m) => m.text?.includes(`/follow-up/${id}?`));
    expect(asked.map((m) => m.text?.split('\n')[0])).toEqual([expect.stringMatching(/^A firm’s introduction request to Feed entry: ADEPME/)]);
  });
});

describe('When a request has had no move for 60 days', () => {
  const now = new Date();

  it('then it is closed as expired, its history says so, and its firm is mailed once, in its language', async () => {
    const stale = await request('Agence Régionale de Thiès');
    await ageBy(stale.id, 61);
    const before = mail.to(firm.email).length;
    expect(await expireIntroductions(t.ctx, now)).toBe(1);
    expect(await expireIntroductions(t.ctx, now)).toBe(0);
    const detail = await firm.agent.get(`/api/v1/introductions/${stale.id}`);
    expect(detail.body).toMatchObject({ status: 'expired', closedAt: now.toISOString() });
    expect(detail.body.history.at(-1)).toMatchObject({ from: 'new', to: 'expired', by: null });
    const $ = cheerio.load((await firm.agent.get(`/introductions/${stale.id}?lang=fr`)).text);
    expect($('dd strong').first().text()).toBe('Expirée (sans suite pendant 60 jours)');
    expect($('tbody tr').last().find('td').eq(1).text()).toBe('Nouvelle → Expirée (sans suite pendant 60 jours)');
    const mails = mail.to(firm.email).slice(before).filter((m) => m.text?.includes(stale.id));
    expect(mails.map(kindOf)).toEqual(['Votre demande de mise en relation avec Agence Régionale de Thiès a expiré']);
    expect(mails[0]?.text).toContain('est restée sans suite pendant 60 jours');
    expect(mails[0]?.text).toContain(`${site}/search?lang=fr`);
    expect(mails[0]?.text).toContain(`${site}/introductions/${stale.id}?lang=fr`);
  });

  it('then a request moved since does not expire, even if it was sent long ago; one whose last move is 61 days old does', async () => {
    const moved = await request('Chambre de Commerce de Saint-Louis');
    await ageBy(moved.id, 70);
    expect((await post(moved.editor, `/api/v1/introductions/${moved.id}/status`, { status: 'acknowledged' })).status).toBe(200);
    const idle = await request('CCI Lyon Métropole');
    expect((await post(idle.editor, `/api/v1/introductions/${idle.id}/status`, { status: 'acknowledged' })).status).toBe(200);
    await ageBy(idle.id, 61);
    const closed = await request('Team France Export');
    expect((await post(closed.editor, `/api/v1/introductions/${closed.id}/status`, { status: 'closed-no-deal' })).status).toBe(200);
    await ageBy(closed.id, 90);

    expect(await expireIntroductions(t.ctx, now)).toBe(1);
    expect((await firm.agent.get(`/api/v1/introductions/${moved.id}`)).body.status).toBe('acknowledged');
    expect((await firm.agent.get(`/api/v1/introductions/${idle.id}`)).body.history.at(-1)).toMatchObject({ from: 'acknowledged', to: 'expired' });
    expect((await firm.agent.get(`/api/v1/introductions/${closed.id}`)).body.status).toBe('closed-no-deal');
  });

  it('then nobody can move a request to expired by hand', async () => {
    const r = await request('Business France Abidjan');
    const res = await post(r.editor, `/api/v1/introductions/${r.id}/status`, { status: 'expired' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'status' })]);
  });
});

describe('When a request closed six months ago', () => {
  it('then both sides are asked once, each in its language with its own links, which the outbox keeps hidden', async () => {
    const r = await request('Proparco Afrique');
    expect((await post(r.editor, `/api/v1/introductions/${r.id}/status`, { status: 'closed-no-deal', note: 'No buyer found.' })).status).toBe(200);
    const closedAt = new Date((await firm.agent.get(`/api/v1/introductions/${r.id}`)).body.closedAt as string);
    const asked = (m: ParsedMail) => m.text?.includes(`/follow-up/${r.id}?`);

    // Five months on, nothing; six months and a day on, the question; re-runs ask nothing more.
    await askIntroductionFollowUps(t.ctx, days(closedAt, 150));
    expect(mail.messages.filter(asked)).toEqual([]);
    expect(await askIntroductionFollowUps(t.ctx, days(closedAt, 185))).toBeGreaterThanOrEqual(1);
    expect(await askIntroductionFollowUps(t.ctx, days(closedAt, 186))).toBe(0);

    const [toFirm, ...moreFirm] = mail.to(firm.email).filter(asked);
    const [toAgency, ...moreAgency] = mail.to(r.editor.email).filter(asked);
    expect([moreFirm, moreAgency]).toEqual([[], []]);
    expect(toFirm?.subject).toBe('Six mois après\u00a0: qu’est-il advenu de la demande de mise en relation avec Proparco Afrique\u00a0?');
    expect(toFirm?.text).toContain('Votre demande de mise en relation avec Proparco Afrique');
    expect(toFirm?.text).toContain('(Close sans accord)');
    expect(toAgency?.subject).toBe('Six months on: what came of the introduction request to Proparco Afrique?');
    expect(toAgency?.text).toContain('A firm’s introduction request to Proparco Afrique');
    expect(toAgency?.text).toContain('(Closed without a deal)');
    // French sets a no-break space before the colon, in a mail as on a page.
    expect(toFirm?.text).toMatch(/^- Pas d’autre contact\u00a0: http/m);
    const links = (m: ParsedMail | undefined) => [...(m?.text ?? '').matchAll(/^- (.+?)\u00a0?: (\S+\/follow-up\/\S+)$/gm)].map((x) => [x[1], new URL(x[2] ?? '')] as const);
    expect(links(toFirm).map(([label, url]) => [label, url.searchParams.get('answer'), url.searchParams.get('lang')])).toEqual([
      ['Pas d’autre contact', 'no-further-contact', 'fr'],
      ['Contact utile', 'useful-contact', 'fr'],
      ['Négociation engagée', 'negotiation-started', 'fr'],
      ['Accord conclu', 'agreement-reached', 'fr'],
    ]);
    expect(links(toAgency).map(([label, url]) => [label, url.searchParams.get('lang')])).toEqual([
      ['No further contact', 'en'],
      ['Useful contact', 'en'],
      ['Negotiation started', 'en'],
      ['Agreement reached', 'en'],
    ]);
    const firmToken = links(toFirm)[0]?.[1].searchParams.get('token');
    const agencyToken = links(toAgency)[0]?.[1].searchParams.get('token');
    expect(firmToken).toMatch(/^pnf_/);
    expect(agencyToken).not.toBe(firmToken);
    // One token per side: every link of a mail carries the same one.
    expect(new Set(links(toFirm).map(([, url]) => url.searchParams.get('token')))).toEqual(new Set([firmToken]));

    const kept = await outbox('introduction-follow-up', firm.email);
    expect(kept.at(-1)?.text).toContain('token=[hidden]');
    expect(kept.at(-1)?.text).not.toContain(firmToken);
  });
});
