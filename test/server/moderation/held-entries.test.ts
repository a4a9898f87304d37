/**
 * When an agency registers an organization and adds its programmes and cases at once, then
 * nothing of it is public until an operator approves the organization; its editor still sees
 * it; the operator sees it all in the moderation queue; approval publishes it everywhere.
 */
import * as cheerio from 'cheerio';
import request from 'supertest';
import { feedSettled, signedIn, testApp, type TestApp } from '../../support';

let t: TestApp;
let operator: Awaited<ReturnType<typeof signedIn>>;
let agency: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  t = await testApp();
  operator = await signedIn(t, ['operator']);
  agency = await signedIn(t, ['agency-editor']);
});
afterAll(() => t.close());

const post = (path: string, body: object, as = agency) => as.agent.post(path).set('X-CSRF-Token', as.csrf).send(body);
const anonymous = (path: string) => request(t.app).get(path);
const $ = (text: string) => cheerio.load(text);

/** Every change of an entry in the public changes feed, following the cursor to the end. */
async function changesOf(id: string, since?: string): Promise<{ items: { id: string; deleted: boolean; data?: { name?: string } }[]; cursor: string }> {
  const items = [];
  let cursor = since;
  for (;;) {
    const res = await anonymous(`/api/v1/changes?limit=100${cursor ? `&since=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status).toBe(200);
    items.push(...res.body.items.filter((i: { id: string }) => i.id === id));
    cursor = res.body.nextCursor ?? cursor;
    if (!res.body.hasMore) return { items, cursor: cursor ?? '' };
  }
}

/** What the public sees of a programme and a case: lists, search, item, page, sitemap. */
async function publicView(programme: string, kase: string, words: string) {
  const list = await anonymous(`/api/v1/programmes?q=${encodeURIComponent(words)}`);
  const cases = await anonymous(`/api/v1/cases?q=${encodeURIComponent(words)}`);
  const search = $((await anonymous(`/search?q=${encodeURIComponent(words)}`)).text);
  const sitemap = await anonymous('/sitemaps/programmes-1.xml');
  const caseSitemap = await anonymous('/sitemaps/cases-1.xml');
  const csv = await anonymous('/api/v1/export.csv?type=programmes');
  return {
    listed: list.body.items.map((p: { id: string }) => p.id),
    casesListed: cases.body.items.map((c: { id: string }) => c.id),
    searchLinks: search('main a').map((_i, a) => search(a).attr('href')).get(),
    item: (await anonymous(`/api/v1/programmes/${programme}`)).status,
    caseItem: (await anonymous(`/api/v1/cases/${kase}`)).status,
    page: (await anonymous(`/programmes/${programme}`)).status,
    casePage: (await anonymous(`/cases/${kase}`)).status,
    inSitemap: sitemap.status === 200 && sitemap.text.includes(programme),
    caseInSitemap: caseSitemap.status === 200 && caseSitemap.text.includes(kase),
    inCsv: csv.text.includes(programme),
  };
}

describe('When an agency registers an organization with a programme and a case', () => {
  let org: string;
  let programme: string;
  let kase: string;
  let cursor: string;
  beforeAll(async () => {
    org = (await post('/api/v1/organizations', { name: 'Agence Zanzibaraise de Promotion', kind: 'investment-promotion-agency', country: 'TZ' })).body.id;
    const p = await post('/api/v1/programmes', { name: 'Zanzibar Cashew Linkage', operators: [org], originCountries: ['FR'], targetCountries: ['TZ'] });
    expect(p.status).toBe(201);
    programme = p.body.id;
    const c = await post('/api/v1/cases', { title: 'Zanzibar cashew joint venture', organizations: [org], programme, year: 2020 });
    expect(c.status).toBe(201);
    kase = c.body.id;
  });

  it('then the public finds neither in search, lists, pages, sitemap, export or changes feed', async () => {
    expect(await publicView(programme, kase, 'Zanzibar')).toEqual({
      listed: [],
      casesListed: [],
      searchLinks: expect.not.arrayContaining([`/programmes/${programme}`, `/cases/${kase}`]),
      item: 404,
      caseItem: 404,
      page: 404,
      casePage: 404,
      inSitemap: false,
      caseInSitemap: false,
      inCsv: false,
    });
    const feed = await changesOf(programme);
    expect(feed.items.every((i) => i.deleted && !i.data)).toBe(true);
    cursor = feed.cursor;
  });

  it('then its editor still sees the programme page and finds it in /account, marked private until approval', async () => {
    const page = $((await agency.agent.get(`/programmes/${programme}`)).text);
    expect(page('h1').text()).toBe('Zanzibar Cashew Linkage');
    const account = $((await agency.agent.get('/account')).text);
    const item = account('li').filter((_i, li) => account(li).find('a').first().text() === 'Zanzibar Cashew Linkage');
    expect(item.text()).toContain('private until an operator approves its organization');
    expect((await agency.agent.get(`/api/v1/cases/${kase}`)).status).toBe(200);
  });

  it('then the moderation page and the admin API show the programme and the case with the registration', async () => {
    const page = $((await operator.agent.get('/console/moderation')).text);
    const article = page(`#org-${org}`);
    expect(article.find('h3').text()).toBe('Agence Zanzibaraise de Promotion');
    expect(article.find('h4').map((_i, h) => page(h).text()).get()).toEqual(['Programmes it runs', 'Cases that name it']);
    expect(article.find('li a').map((_i, a) => page(a).text()).get()).toEqual(['Zanzibar Cashew Linkage', 'Zanzibar cashew joint venture']);
    const api = await operator.agent.get('/api/v1/admin/moderation');
    expect(api.body.items.find((o: { id: string }) => o.id === org)).toMatchObject({
      programmes: [{ id: programme, name: 'Zanzibar Cashew Linkage', state: 'published' }],
      cases: [{ id: kase, name: 'Zanzibar cashew joint venture', state: 'published' }],
    });
    expect((await agency.agent.get('/api/v1/admin/moderation')).status).toBe(403);
  });

  it('then once an operator approves the organization both are public, and the changes feed carries them from then', async () => {
    expect((await post(`/api/v1/organizations/${org}/approve`, {}, operator)).status).toBe(200);
    const view = await publicView(programme, kase, 'Zanzibar');
    expect(view).toMatchObject({ listed: [programme], casesListed: [kase], item: 200, caseItem: 200, page: 200, casePage: 200, inSitemap: true, caseInSitemap: true, inCsv: true });
    expect(view.searchLinks).toEqual(expect.arrayContaining([`/programmes/${programme}`]));
    const feed = await feedSettled(() => changesOf(programme, cursor), (r) => r.items.length > 0);
    expect(feed.items.map((i) => ({ deleted: i.deleted, name: i.data?.name }))).toEqual([{ deleted: false, name: 'Zanzibar Cashew Linkage' }]);
    const orgPage = $((await anonymous(`/organizations/${org}`)).text);
    expect(orgPage('main a').map((_i, a) => orgPage(a).text()).get()).toContain('Zanzibar Cashew Linkage');
  });
});

describe('When an operator rejects a registration', () => {
  it('then its programme stays private to the public and visible to its editor', async () => {
    const org = (await post('/api/v1/organizations', { name: 'Chambre de Mombasa', kind: 'chamber-of-commerce', country: 'KE' })).body.id;
    const programme = (await post('/api/v1/programmes', { name: 'Mombasa Tea Suppliers', operators: [org] })).body.id;
    expect((await post(`/api/v1/organizations/${org}/reject`, { reason: 'No website given.' }, operator)).status).toBe(200);
    expect((await anonymous(`/api/v1/programmes/${programme}`)).status).toBe(404);
    expect((await anonymous('/api/v1/programmes?q=Mombasa')).body.total).toBe(0);
    expect((await agency.agent.get(`/api/v1/programmes/${programme}`)).status).toBe(200);
  });
});
