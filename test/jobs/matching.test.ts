import request from 'supertest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../server/db/client';
import { similarity, trigrams } from '../../jobs/similarity';
import { syncHarness } from '../sync-harness';

const h = syncHarness();
const { post, addSource } = h;
const run = (id: string) => h.run(id);
type Org = { id: string; name: string; country: string; networks: string[]; provenance: { source: string; externalId: string }[]; identifiers: { scheme: string; value: string }[] };

async function all(path: string, query: Record<string, string> = {}): Promise<Org[]> {
  const out: Org[] = [];
  let cursor: string | undefined;
  do {
    const res = await request(h.app).get(path).query({ ...query, limit: '100', ...(cursor ? { cursor } : {}) });
    out.push(...res.body.items);
    cursor = res.body.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
const organizationFeed = (name: string, file: string, network: string, fields: Record<string, string> = {}) => ({
  name,
  network,
  connector: 'json',
  url: `${h.feeds.url(file)}?noetag`,
  mapping: { type: 'organization', records: 'items', fields: { externalId: 'id', name: 'name', country: 'country', website: 'website', ...fields }, defaults: { kind: 'other', networks: [network] } },
});

describe('When names are compared in memory', () => {
  it('then the score is the one PostgreSQL pg_trgm gives, so sync and SQL agree', async () => {
    const pairs = [
      ['Empretec Uruguay', 'Uruguay XXI'],
      ['Empretec Colombia', 'ProColombia'],
      ['Board of Investment', 'Board of Investments'],
      ['Board of Investment of Sri Lanka', 'Board of Investment of Sri Lanka'],
      ['Invest India', 'Invest India – National Investment Promotion and Facilitation Agency'],
      ['Kenya Investment Authority', 'Kenya Investments Authority (KenInvest)'],
      ['Uganda Investment Authority', 'Enterprise Uganda'],
    ];
    for (const [a, b] of pairs) {
      const [row] = await rowsOf<{ s: number }>(h.ctx.database.db, sql`select similarity(${a}, ${b})::float8 as s`);
      expect(similarity(trigrams(a!), trigrams(b!))).toBeCloseTo(row!.s, 5);
    }
  });
});

describe('When the EMPRETEC, WAIPA, regional IPA and programme feeds sync into one empty directory', () => {
  let orgs: Org[];
  const sources: Record<string, string> = {};

  beforeAll(async () => {
    sources.empretec = await addSource({ name: 'EMPRETEC', network: 'empretec', connector: 'json', url: h.feeds.url('empretec-centres.page1.json') });
    sources.waipa = await addSource({ name: 'WAIPA', network: 'waipa', connector: 'csv', url: h.feeds.url('waipa-members.csv') });
    sources.ipa = await addSource({
      name: 'Regional IPA network',
      network: 'regional-ipa',
      connector: 'html',
      url: h.feeds.url('ipa-directory.html'),
      mapping: {
        type: 'organization',
        records: 'article.member',
        fields: { name: 'h3', country: 'span.country', acronym: 'abbr', website: 'a.website@href', description: 'p.summary' },
        defaults: { kind: 'investment-promotion-agency', networks: ['regional-ipa'] },
      },
    });
    for (const key of ['empretec', 'waipa', 'ipa']) expect((await run(sources[key]!)).status).toBe('succeeded');
    orgs = await all('/api/v1/organizations');
  });

  it('then there are 62 organizations: 24 + 30 + 12 less the 4 that are the same body', () => {
    expect(orgs).toHaveLength(62);
  });

  it.each([
    ['Gambia Investment and Export Promotion Agency', 'GM', ['empretec', 'waipa']],
    ['Invest India', 'IN', ['regional-ipa', 'waipa']],
    ['Malaysian Investment Development Authority', 'MY', ['regional-ipa', 'waipa']],
    ['Board of Investment of Sri Lanka', 'LK', ['regional-ipa', 'waipa']],
  ])('then %s is one entry with two provenances and both networks', (name, country, networks) => {
    const entry = orgs.find((o) => o.country === country && (o.name === name || o.networks.length > 1));
    expect(entry).toBeDefined();
    expect(entry!.provenance).toHaveLength(2);
    expect(entry!.networks).toEqual(expect.arrayContaining(networks));
  });

  it('then similar names in other countries, or different bodies in one country, stay apart', () => {
    const boards = orgs.filter((o) => /^Board of Investments?$/.test(o.name) || o.name === 'Thailand Board of Investment');
    expect(new Set(boards.map((o) => o.country)).size).toBe(boards.length);
    expect(boards.length).toBeGreaterThanOrEqual(3);
    for (const [country, count] of [['UY', 2], ['CO', 2], ['UG', 2], ['BR', 2]] as const) {
      expect(orgs.filter((o) => o.country === country)).toHaveLength(count);
    }
  });

  it('then the merged entry carries each network\'s id and the website as identifiers', () => {
    const gambia = orgs.find((o) => o.country === 'GM');
    expect(gambia!.identifiers).toEqual(expect.arrayContaining([
      { scheme: 'website', value: 'giepa.gm' },
      { scheme: 'empretec', value: 'ec-112' },
      { scheme: 'waipa', value: 'WAIPA-0127' },
    ]));
  });

  it('then the programme desk\'s feed adds 8 programmes, and a second desk listing develoPPP joins it', async () => {
    const desk = await addSource({
      name: 'Partnering desk',
      network: 'partnering-desk',
      connector: 'atom',
      url: h.feeds.url('programmes.atom'),
      mapping: {
        type: 'programme',
        fields: { externalId: 'id', name: 'title', website: 'link@href', description: 'summary', originCountries: 'pn:origin', targetCountries: 'pn:target', partnershipTypes: 'pn:partnershipTypes', services: 'pn:services', sectors: 'pn:sectors' },
      },
    });
    expect((await run(desk)).counts).toMatchObject({ fetched: 8, created: 8 });
    const developpp = (await all('/api/v1/programmes')).find((p) => p.name === 'develoPPP') as unknown as { website: string };
    h.feeds.override.set('second-desk.json', JSON.stringify({ items: [
      { id: 'p1', name: 'develoPPP programme', website: developpp.website, origin: 'Germany', target: 'Kenya' },
      { id: 'p2', name: 'A desk of its own', origin: 'France', target: 'Senegal' },
    ] }));
    const second = await addSource({
      name: 'Second desk',
      network: 'second-desk',
      connector: 'json',
      url: `${h.feeds.url('second-desk.json')}?noetag`,
      mapping: { type: 'programme', records: 'items', fields: { externalId: 'id', name: 'name', website: 'website', originCountries: 'origin', targetCountries: 'target' } },
    });
    expect((await run(second)).counts).toMatchObject({ fetched: 2, created: 1, updated: 1 });
    const programmes = await all('/api/v1/programmes');
    expect(programmes).toHaveLength(9);
    expect(programmes.find((p) => p.name === 'develoPPP')!.provenance).toHaveLength(2);
  });
});

describe('When a record is only doubtfully the same as an entry another source brought', () => {
  let first: string;
  let doubtful: string;

  beforeAll(async () => {
    h.feeds.override.set('first.json', JSON.stringify({ items: [
      { id: 'a1', name: 'Namibia Investment Promotion and Development Board', country: 'NA', website: 'https://nipdb.com' },
      { id: 'a2', name: 'Botswana Investment and Trade Centre', country: 'BW', website: 'https://bitc.co.bw' },
    ] }));
    h.feeds.override.set('doubtful.json', JSON.stringify({ items: [
      // The same name under another website, and a name only 0.5-0.6 similar: neither is merged by itself.
      { id: 'b1', name: 'Namibia Investment Promotion and Development Board', country: 'NA', website: 'https://invest.na' },
      { id: 'b2', name: 'The Botswana Trade Centre', country: 'BW' },
    ] }));
    first = await addSource(organizationFeed('First list', 'first.json', 'first-list'));
    doubtful = await addSource(organizationFeed('Doubtful list', 'doubtful.json', 'doubtful-list'));
    await run(first);
    expect((await run(doubtful)).counts).toMatchObject({ created: 2, updated: 0 });
  });

  const open = async () => (await h.operator.agent.get('/api/v1/duplicates')).body.items as { id: string; externalId: string; reason: string; score: number; entry: { id: string }; candidate: { id: string; name: string } }[];

  it('then each pair waits in the review queue with the reason, side by side', async () => {
    const items = await open();
    expect(items.map((i) => i.externalId).sort()).toEqual(['b1', 'b2']);
    expect(items.find((i) => i.externalId === 'b1')!.reason).toMatch(/websites differ/);
    expect(items.find((i) => i.externalId === 'b2')!.score).toBeGreaterThanOrEqual(0.5);
    expect((await request(h.app).get('/api/v1/organizations').query({ country: 'NA' })).body.total).toBe(2);
  });

  it('then merging makes one entry with both provenances, keeping apart leaves two, and both hold after the source is cleared and read again', async () => {
    const items = await open();
    const b1 = items.find((i) => i.externalId === 'b1')!;
    const b2 = items.find((i) => i.externalId === 'b2')!;
    expect((await post(`/api/v1/duplicates/${b1.id}/decision`, { decision: 'merge' })).status).toBe(200);
    expect((await post(`/api/v1/duplicates/${b2.id}/decision`, { decision: 'keep-apart' })).status).toBe(200);
    expect((await post(`/api/v1/duplicates/${b2.id}/decision`, { decision: 'merge' })).status).toBe(409);

    const namibia = async () => (await request(h.app).get('/api/v1/organizations').query({ country: 'NA' })).body.items as Org[];
    expect(await namibia()).toHaveLength(1);
    expect((await namibia())[0]!.provenance.map((p) => p.externalId).sort()).toEqual(['a1', 'b1']);
    expect((await request(h.app).get(`/api/v1/organizations/${b1.entry.id}`)).status).toBe(410);
    // Empretec Botswana (from the fixture feed above), the Centre, and the entry kept apart from it.
    const botswana = async () => (await request(h.app).get('/api/v1/organizations').query({ country: 'BW' })).body.total;
    expect(await botswana()).toBe(3);

    const cleared = await post(`/api/v1/sources/${doubtful}/clear`);
    expect(cleared.body).toEqual({ forgotten: 2 });
    expect(await botswana()).toBe(2);
    // b1 joins the entry it was merged into; b2 finds the entry it had before, never the Centre it was kept apart from.
    expect((await run(doubtful)).counts).toMatchObject({ fetched: 2, updated: 2, created: 0 });
    expect(await namibia()).toHaveLength(1);
    expect(await botswana()).toBe(3);
    expect((await request(h.app).get(`/api/v1/organizations/${b2.candidate.id}`)).body.provenance.map((p: { externalId: string }) => p.externalId)).toEqual(['a2']);
    expect(await open()).toEqual([]);
  });

  it('then a bad decision is refused with a problem naming the field', async () => {
    const res = await post('/api/v1/duplicates/00000000-0000-4000-8000-000000000000/decision', { decision: 'maybe' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('decision');
    expect((await request(h.app).get('/api/v1/duplicates')).status).toBe(401);
  });
});
