/**
 * When a request names another host (Host, X-Forwarded-Host, X-Forwarded-Proto), then every
 * absolute link the directory gives, in pages, feeds and mail, still points at PUBLIC_URL: a
 * stranger cannot have a reset link mailed to a victim that leads to a host of theirs.
 */
import * as cheerio from 'cheerio';
import request from 'supertest';
import { runExclusive, jobs } from '../../jobs/scheduler';
import { listMail } from '../../server/db/outbox';
import { makeOrganization } from '../factories';
import { signedIn, testApp, type TestApp } from '../support';
import { read } from './pages/reader';

/** The head's links of one relation, as a crawler reads them: hreflang (or '' when none) to address. */
function headLinks(page: string, rel: string): Record<string, string> {
  const $ = read(page);
  return Object.fromEntries($(`head link[rel="${rel}"]`).map((_, l) => [[$(l).attr('hreflang') ?? '', $(l).attr('href') ?? '']]).get());
}

/** An XML document (Atom, sitemap) read as its elements, not as a string. */
const readXml = (text: string) => cheerio.load(text, { xml: true });

const PUBLIC = 'http://directory.example.org:8080';
const EVIL = 'evil.example';

let t: TestApp;
let org: string;

/** A request whose every header that could name the site names the attacker's host. */
const hostile = (path: string) => request(t.app).get(path).set('Host', EVIL).set('X-Forwarded-Host', EVIL).set('X-Forwarded-Proto', 'https');

/** Every absolute http(s) address in a text, but the vocabularies' and standards' own. */
const addresses = (text: string) =>
  [...text.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]).filter((u) => !/^https?:\/\/(schema\.org|www\.w3\.org|www\.sitemaps\.org)\b/.test(u));

beforeAll(async () => {
  // Mail goes to a port where nothing listens: the outbox keeps each message as it was written.
  t = await testApp({ PUBLIC_URL: PUBLIC, MAIL_URL: 'smtp://127.0.0.1:9' });
  org = await makeOrganization(t.ctx, { name: 'Kenya Investment Authority', country: 'KE' });
});
afterAll(() => t.close());

describe('When a request carries a hostile Host and X-Forwarded-Host', () => {
  it('then an entry page links, in its canonical and hreflang links and its JSON-LD, to PUBLIC_URL only', async () => {
    const res = await hostile(`/organizations/${org}?lang=fr`).expect(200);
    expect(res.text).not.toContain(EVIL);
    expect(headLinks(res.text, 'canonical')).toEqual({ '': `${PUBLIC}/organizations/${org}?lang=fr` });
    const alternates = headLinks(res.text, 'alternate');
    for (const lang of ['en', 'fr', 'es']) expect(alternates[lang]).toBe(`${PUBLIC}/organizations/${org}?lang=${lang}`);
    expect(alternates['x-default']).toBe(`${PUBLIC}/organizations/${org}`);
    expect(res.text).toContain(`"@id":"${PUBLIC}/organizations/${org}"`);
  });

  it('then a search page keeps its filters in its canonical address, and the home page its JSON-LD, on PUBLIC_URL', async () => {
    const search = await hostile('/search?q=kenya&country=KE').expect(200);
    expect(headLinks(search.text, 'canonical')).toEqual({ '': `${PUBLIC}/search?q=kenya&country=KE&lang=en` });
    const home = await hostile('/').expect(200);
    expect(addresses(search.text + home.text).filter((u) => !u.startsWith(`${PUBLIC}/`))).toEqual([]);
  });

  it('then a page that is not found names no canonical address', async () => {
    const res = await hostile('/organizations/00000000-0000-4000-8000-000000000000').expect(404);
    expect(headLinks(res.text, 'canonical')).toEqual({});
  });

  it('then the Atom feed, robots.txt and the sitemaps link to PUBLIC_URL only', async () => {
    const atom = await hostile('/feed.atom').expect(200);
    const $atom = readXml(atom.text);
    expect($atom('feed > id').text()).toBe(`${PUBLIC}/feed.atom`);
    expect($atom('entry > link').map((_, l) => $atom(l).attr('href')).get()).toContain(`${PUBLIC}/organizations/${org}`);
    const robots = await hostile('/robots.txt').expect(200);
    expect(robots.text).toContain(`Sitemap: ${PUBLIC}/sitemap.xml`);
    const index = await hostile('/sitemap.xml').expect(200);
    const orgs = await hostile('/sitemaps/organizations-1.xml').expect(200);
    const $orgs = readXml(orgs.text);
    expect($orgs('url > loc').map((_, l) => $orgs(l).text()).get()).toContain(`${PUBLIC}/organizations/${org}?lang=en`);
    const all = [atom.text, robots.text, index.text, orgs.text].join('\n');
    expect(all).not.toContain(EVIL);
    expect(addresses(all).filter((u) => !u.startsWith(`${PUBLIC}/`))).toEqual([]);
  });

  it('then a password-reset mail asked for through the API and the page links to PUBLIC_URL', async () => {
    const user = await signedIn(t, ['agency-editor']);
    await request(t.app).post('/api/v1/auth/password-reset').set('Host', EVIL).set('X-Forwarded-Host', EVIL).send({ email: user.email }).expect(202);
    await request(t.app).post('/forgot-password').set('Host', EVIL).set('X-Forwarded-Host', EVIL).type('form').send({ email: user.email }).expect(200);
    const mails = await listMail(t.ctx.database.db, { to: user.email, kind: 'password-reset' }, 5);
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      expect(mail.text).not.toContain(EVIL);
      expect(mail.text).toContain(`${PUBLIC}/reset-password?token=`);
    }
  });

  it("then the mail of an introduction's move links to PUBLIC_URL", async () => {
    const firm = await signedIn(t, ['firm']);
    const editor = await signedIn(t, ['agency-editor'], [org]);
    const asked = await firm.agent.post('/api/v1/introductions').set('X-CSRF-Token', firm.csrf).send({ organizationId: org, message: 'We look for a partner in Mombasa.' }).expect(201);
    await editor.agent.post(`/api/v1/introductions/${asked.body.id}/status`).set('Host', EVIL).set('X-Forwarded-Host', EVIL).set('X-CSRF-Token', editor.csrf).send({ status: 'acknowledged' }).expect(200);
    const [mail] = await listMail(t.ctx.database.db, { to: firm.email, kind: 'introduction-status' }, 1);
    expect(mail?.text).toContain(`${PUBLIC}/introductions/${asked.body.id}`);
    expect(mail?.text).not.toContain(EVIL);
  });
});

describe('When the scheduler mails confirmation reminders', () => {
  it('then the reminder links to the entry on PUBLIC_URL, not to localhost', async () => {
    const old = new Date();
    old.setMonth(old.getMonth() - 11);
    old.setDate(old.getDate() - 3);
    const stale = await makeOrganization(t.ctx, { name: 'Chambre de Commerce du Niger', country: 'NE', confirmedAt: old });
    const editor = await signedIn(t, ['agency-editor'], [stale]);
    const job = jobs().find((j) => j.name === 'confirm-reminders');
    if (!job) throw new Error('no confirm-reminders job');
    await runExclusive(t.ctx, job);
    const [mail] = await listMail(t.ctx.database.db, { to: editor.email, kind: 'confirm-reminder' }, 1);
    expect(mail?.text).toContain(`${PUBLIC}/organizations/${stale}`);
    expect(mail?.text).not.toContain('localhost');
  });
});
