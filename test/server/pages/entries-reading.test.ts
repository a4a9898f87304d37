import request from 'supertest';
import { sql } from 'drizzle-orm';
import { makeCase, makeOrganization, makeProgramme } from '../../factories';
import { syncHarness } from '../../sync-harness';
import { definition, read, textIn } from './reader';

const h = syncHarness();
const d = { programme: '', caseId: '', org: '', typed: '', feedProgramme: '' };
const get = (path: string, lang = 'en') => request(h.app).get(path).set('Accept-Language', lang);

beforeAll(async () => {
  d.org = await makeOrganization(h.ctx, { name: 'Two Networks Agency', country: 'GH', networks: ['waipa', 'empretec'] });
  d.typed = await makeOrganization(h.ctx, { name: 'Typed Agency', country: 'GH', description: 'We help <b>firms</b> & banks.\nSecond line.\n\nA second paragraph.' });
  d.programme = await makeProgramme(h.ctx, { name: 'Three Countries Programme', originCountries: ['DE', 'FR', 'NL'], targetCountries: ['GH', 'SN'] }, [d.org, d.typed]);
  d.caseId = await makeCase(h.ctx, { title: 'Three Countries Case', countries: ['DE', 'FR', 'NL'], outcome: 'A deal.\nSigned in 2021.' }, [d.org, d.typed]);
  const source = await h.addSource({
    name: 'Partnering desk',
    network: 'partnering-desk',
    connector: 'atom',
    url: h.feeds.url('programmes.atom'),
    mapping: { type: 'programme', fields: { name: 'title', website: 'link@href', description: 'summary', originCountries: 'pn:origin', targetCountries: 'pn:target' }, defaults: {} },
  });
  expect((await h.run(source)).status).toBe('succeeded');
  const list = await request(h.app).get('/api/v1/programmes').query({ q: 'Canada Senegal renewable' });
  d.feedProgramme = list.body.items[0].id;
});

describe('When a reader opens a page that lists countries or organizations', () => {
  it('then each list has one separator between two items', async () => {
    const $p = read((await get(`/programmes/${d.programme}`)).text);
    expect(definition($p, 'From')).toBe('Germany, France, Netherlands');
    expect(definition($p, 'To')).toBe('Ghana, Senegal');
    expect(definition($p, 'Operators')).toBe('Two Networks Agency, Typed Agency');
    const $c = read((await get(`/cases/${d.caseId}`)).text);
    expect(definition($c, 'Countries')).toBe('Germany, France, Netherlands');
    expect(definition($c, 'Intermediaries')).toBe('Two Networks Agency, Typed Agency');
    expect($c('dt:contains("Countries") + dd a').length).toBe(3);
  });

  it('then in French too', async () => {
    const $ = read((await get(`/programmes/${d.programme}`, 'fr')).text);
    expect(definition($, 'De')).toBe('Allemagne, France, Pays-Bas');
  });
});

describe('When a reader opens an entry whose description came from a feed', () => {
  it('then the sanitised markup reads as a paragraph, not as tags', async () => {
    const $ = read((await get(`/programmes/${d.feedProgramme}`)).text);
    const paragraph = $('main .description p').first();
    expect(paragraph.text()).toBe('Helps Senegalese installers license solar pumping and storage designs from Canadian firms.');
    expect(textIn($, 'main')).not.toContain('<p>');
    expect($('meta[name="description"]').attr('content')).toBe('Helps Senegalese installers license solar pumping and storage designs from Canadian firms.');
  });

  it('then script and event attributes written into a stored description never reach the page', async () => {
    await h.ctx.database.db.execute(
      sql`update programmes set description = ${'<p>Safe <strong>words</strong></p><script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>'} where id = ${d.feedProgramme}`,
    );
    const res = await get(`/programmes/${d.feedProgramme}`);
    const $ = read(res.text);
    expect($('main .description strong').text()).toBe('words');
    expect($('main script').length).toBe(0);
    expect($('[onerror]').length).toBe(0);
    expect($('main img').length).toBe(0);
    expect($('main a[href^="javascript"]').length).toBe(0);
  });
});

describe('When a reader opens an entry whose description an agency typed', () => {
  it('then it stays text, with its paragraphs and line breaks', async () => {
    const $ = read((await get(`/organizations/${d.typed}`)).text);
    const paragraphs = $('main .description p');
    expect(paragraphs.length).toBe(2);
    expect(paragraphs.first().text()).toBe('We help <b>firms</b> & banks.Second line.');
    expect(paragraphs.first().find('br').length).toBe(1);
    expect(paragraphs.first().find('b').length).toBe(0);
    expect(paragraphs.last().text()).toBe('A second paragraph.');
    const $c = read((await get(`/cases/${d.caseId}`)).text);
    expect(definition($c, 'Outcome')).toBe('A deal.Signed in 2021.');
    expect($c('dt:contains("Outcome") + dd br').length).toBe(1);
  });
});

describe('When a reader meets a network', () => {
  it('then it reads the network by name on the page, in results, facets and chips', async () => {
    const $o = read((await get(`/organizations/${d.org}`)).text);
    expect(definition($o, 'Networks')).toBe('World Association of Investment Promotion Agencies (WAIPA), Empretec (UNCTAD)');
    const $s = read((await get('/search?network=waipa')).text);
    expect(textIn($s, '.active-filters .chip')).toContain('World Association of Investment Promotion Agencies (WAIPA)');
    expect(textIn($s, '#organizations-heading + ul .meta')).toContain('World Association of Investment Promotion Agencies (WAIPA)');
    const $all = read((await get('/search')).text);
    const facet = $all('.facet-panel h3').filter((_, el) => $all(el).text() === 'Network').next('ul');
    expect(facet.find('a').map((_, a) => $all(a).text().replace(/\s*\(\d+\)$/, '')).get()).toEqual(expect.arrayContaining(['Empretec (UNCTAD)', 'World Association of Investment Promotion Agencies (WAIPA)']));
    expect(textIn($all, '.facet-panel')).not.toMatch(/\bwaipa\b/);
  });

  it('then in French and Spanish in their words', async () => {
    expect(definition(read((await get(`/organizations/${d.org}`, 'fr')).text), 'Réseaux')).toBe('Association mondiale des agences de promotion des investissements (WAIPA), Empretec (CNUCED)');
    const $ = read((await get('/search?network=empretec', 'es')).text);
    expect(textIn($, '.active-filters .chip')).toContain('Empretec (UNCTAD)');
  });

  it('then the console names the network of each source', async () => {
    await h.addSource({ name: 'WAIPA members', network: 'waipa', connector: 'csv', url: h.feeds.url('waipa-members.csv') });
    const $ = read((await h.operator.agent.get('/console')).text);
    const networkOf = (name: string) => $('tbody tr').filter((_, tr) => $(tr).find('th a').text() === name).find('td').first().text();
    expect(networkOf('WAIPA members')).toBe('World Association of Investment Promotion Agencies (WAIPA)');
    expect(networkOf('Partnering desk')).toBe('partnering-desk');
  });
});
