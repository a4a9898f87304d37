/**
 * The loop the network exists for, end to end in Chromium and by mail: a firm in Senegal, reading
 * French, asks an agency in France for an introduction; the agency, reading English, moves it step
 * by step to a concluded partnership; six months on, both answer the mailed question through its
 * links, and the answers appear on /progress once five requests give the figure (four more made
 * through the commands, so the small-cell rule lets it show).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { toCurrentUser } from '../../server/auth/roles';
import { askIntroductionFollowUps } from '../../server/commands/ask-follow-ups';
import { createUser } from '../../server/commands/create-user';
import { moveIntroduction, sendIntroduction } from '../../server/commands/introductions';
import { userById } from '../../server/db/users';
import { recordFollowUp } from '../../server/introductions/follow-up';
import { path as steps } from '../../server/introductions/statuses';
import { en, fr } from '../../server/i18n/messages';
import { makeOrganization } from '../factories';
import { followUpLinks, mailServer, type MailServer } from '../mail-server';
import { PASSWORD } from '../support';
import { axeViolations, launchBrowser, startSite, type Site } from './browser';

let site: Site;
let browser: Browser;
let mail: MailServer;
let agencyId: string;
const FIRM = 'ventes@karite-thies.example';
const DESK = 'desk@businessfrance.example';

beforeAll(async () => {
  mail = await mailServer();
  site = await startSite({ MAIL_URL: mail.url });
  browser = await launchBrowser();
  agencyId = await makeOrganization(site.t.ctx, { name: 'Business France', country: 'FR' });
  await createUser(site.t.ctx, { email: FIRM, password: PASSWORD, roles: ['firm'], organizations: [], actorId: null });
  await createUser(site.t.ctx, { email: DESK, password: PASSWORD, roles: ['agency-editor'], organizations: [agencyId], actorId: null });
  await site.t.ctx.database.rows(sql`update users set language = case email when ${FIRM} then 'fr' else 'en' end`);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await mail?.close();
});

/** A browser context signed in as `email` (through the API, which shares the context's cookies). */
async function signedIn(email: string, locale: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale });
  const res = await context.request.post(`${site.url}/api/v1/auth/login`, { data: { email, password: PASSWORD } });
  expect(res.status()).toBe(200);
  return { context, page: await context.newPage() };
}

const submit = (page: Page, name: string) => Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);


describe('When a firm in Senegal asks an agency in France and the partnership is concluded', () => {
  let id: string;

  it('then the firm asks in French, and the agency moves the request step by step in English', async () => {
    const firm = await signedIn(FIRM, 'fr-FR');
    await firm.page.goto(`${site.url}/introductions/new?organization=${agencyId}&lang=fr`);
    await firm.page.getByLabel(fr.introMessage).fill('Nous cherchons un distributeur de beurre de karité en France.');
    await submit(firm.page, fr.introSend);
    expect(await firm.page.locator('p.notice[role="status"]').textContent()).toContain(fr.introSent);
    id = (await site.t.ctx.database.rows<{ id: string }>(sql`select id from introductions order by created_at desc limit 1`))[0]?.id ?? '';

    const agency = await signedIn(DESK, 'en-GB');
    await agency.page.goto(`${site.url}/introductions?lang=en`);
    await Promise.all([agency.page.waitForNavigation(), agency.page.getByRole('link', { name: 'Request to Business France' }).click()]);
    for (const status of steps.slice(1)) {
      await agency.page.getByLabel(en.introNewStatus).selectOption(status);
      await submit(agency.page, en.introMoveSubmit);
    }
    expect(await agency.page.locator('dd strong').first().textContent()).toBe(en.introStatusPartnershipConcluded);

    await firm.page.goto(`${site.url}/introductions/${id}`);
    expect(await firm.page.locator('dd strong').first().textContent()).toBe(fr.introStatusPartnershipConcluded);
    await firm.context.close();
    await agency.context.close();
  });

  it('then six months on each side is mailed in its language and records its answer with one button, signed in or not', async () => {
    const closedAt = (await site.t.ctx.database.rows<{ closed_at: Date | string }>(sql`select closed_at from introductions where id = ${id}`))[0]?.closed_at;
    await askIntroductionFollowUps(site.t.ctx, new Date(new Date(closedAt ?? 0).getTime() + 185 * 86_400_000));
    expect(mail.to(FIRM).filter((m) => m.text?.includes(`/follow-up/${id}?`)).map((m) => m.subject)).toEqual([
      'Six mois après\u00a0: qu’est-il advenu de la demande de mise en relation avec Business France\u00a0?',
    ]);

    // The firm opens its link in a browser that is not signed in: the token is the authority.
    const firm = await browser.newContext({ locale: 'fr-FR' });
    const page = await firm.newPage();
    await page.goto(`${site.url}${followUpLinks(mail, FIRM, id)['agreement-reached']}`);
    expect(await page.locator('h1').textContent()).toBe(fr.fuPageTitle);
    expect(await page.getByLabel(fr.fuAnswerAgreementReached).isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await submit(page, fr.fuPageRecord);
    expect(await page.locator('p.notice[role="status"]').textContent()).toBe(fr.fuPageSaved);
    await firm.close();

    const agency = await signedIn(DESK, 'en-GB');
    await agency.page.goto(`${site.url}${followUpLinks(mail, DESK, id)['agreement-reached']}`);
    expect(await agency.page.locator('h1').textContent()).toBe(en.fuPageTitle);
    await submit(agency.page, en.fuPageRecord);
    expect(await agency.page.locator('p.notice[role="status"]').textContent()).toBe(en.fuPageSaved);
    await agency.context.close();
  });

  it('then, with four more such requests made through the commands, /progress shows the answers six months on', async () => {
    const firmUser = await userById(site.t.ctx.database.db, (await site.t.ctx.database.rows<{ id: string }>(sql`select id from users where email = ${FIRM}`))[0]?.id ?? '');
    const deskUser = await userById(site.t.ctx.database.db, (await site.t.ctx.database.rows<{ id: string }>(sql`select id from users where email = ${DESK}`))[0]?.id ?? '');
    if (!firmUser || !deskUser) throw new Error('the users are missing');
    const firm = { user: toCurrentUser(firmUser), requestId: 'e2e' };
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const organization = await makeOrganization(site.t.ctx, { name: `Chambre de commerce ${i}`, country: 'FR' });
      const desk = { user: { ...toCurrentUser(deskUser), organizations: [organization] }, requestId: 'e2e' };
      const request = await sendIntroduction(site.t.ctx, firm, { organizationId: organization, message: `Distributeur ${i}` });
      for (const status of steps.slice(1)) await moveIntroduction(site.t.ctx, desk, request, { status });
      ids.push(request);
    }
    await askIntroductionFollowUps(site.t.ctx, new Date(Date.now() + 185 * 86_400_000));
    for (const request of ids) {
      const token = new URL(followUpLinks(mail, FIRM, request)['agreement-reached'] ?? '', 'http://x').searchParams.get('token') ?? '';
      expect((await recordFollowUp(site.t.ctx, request, token, 'agreement-reached')).ok).toBe(true);
    }

    const page = await browser.newPage({ locale: 'fr-FR' });
    await page.goto(`${site.url}/progress?lang=fr`);
    const bars = await page.locator('figure#introductionsSixMonthsOn li').evaluateAll((lis) => lis.map((li) => [li.querySelector('span')?.textContent, li.querySelector('.n')?.textContent]));
    // Six "agreement reached": the five firms' answers and the agency's one; every other figure is under 5.
    expect(bars).toEqual([
      [fr.fuAnswerNoFurtherContact, fr.statsWithheld],
      [fr.fuAnswerUsefulContact, fr.statsWithheld],
      [fr.fuAnswerNegotiationStarted, fr.statsWithheld],
      [fr.fuAnswerAgreementReached, '6'],
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
