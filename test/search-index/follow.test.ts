/**
 * The search index is derived from the database and follows its changes: a write is listed at
 * once by the instance that made it, by another instance at its next read of the feed, and by
 * an index built afresh (a restart) the same way as by one that followed every change.
 */
import request from 'supertest';
import { SearchIndex } from '../../server/search-index';
import { listEntries } from '../../server/search-index/list';
import type { ListFilters } from '../../server/search-index/types';
import { updateOrganization, updateProgramme } from '../../server/db/writes';
import { makeOrganization, makeProgramme } from '../factories';
import { bodyOf, signedIn, testApp, type TestApp } from '../support';

let t: TestApp;
let staff: Awaited<ReturnType<typeof signedIn>>;

/** What a list answer holds that these tests read. */
type ListBody = { items: { id: string }[]; total: number };
/** The total of a list asked through the API. */
const totalOf = async (path: string, query: Record<string, string>) => bodyOf<ListBody>(await request(t.app).get(path).query(query)).total;

const noFilters: ListFilters = { country: [], region: [], sector: [], service: [], partnershipType: [], kind: [], network: [], direction: [] };

beforeAll(async () => {
  t = await testApp();
  staff = await signedIn(t, ['operator']);
  await makeOrganization(t.ctx, { name: 'Rwanda Development Board', country: 'RW', description: 'Investment promotion.' });
});
afterAll(() => t.close());

/** A second app instance: its own index over the same database, read every second by a clock the test turns. */
function secondInstance() {
  const ticks: (() => void)[] = [];
  const index = new SearchIndex(t.ctx.database, t.ctx.logger, {
    every: (_ms, tick) => {
      ticks.push(tick);
      return () => ticks.splice(0);
    },
  });
  return { index, ticks };
}

/** The organizations holding every word of `q`, as an instance with this index lists them. */
const listedBy = async (searchIndex: SearchIndex, q: string) => {
  const result = await listEntries({ database: t.ctx.database, searchIndex }, 'organization', { ...noFilters, q, places: 'none' }, 20, undefined, { facets: false });
  return result.understood?.match === 'some' ? [] : result.ids;
};

describe('When an operator adds an organization on one instance', () => {
  it('then that instance lists it at once, and another lists it at its next read of the feed', async () => {
    const other = secondInstance();
    await other.index.ready();
    other.index.follow();
    const before = (await other.index.stats()).entries.organization;

    const created = await staff.agent
      .post('/api/v1/organizations')
      .set('X-CSRF-Token', staff.csrf)
      .send({ name: 'Lesotho National Development Corporation', kind: 'development-agency', country: 'LS' });
    expect(created.status).toBe(201);
    const { id } = bodyOf<{ id: string }>(created);

    // The instance that made the write lists it in the very next request.
    const listed = await request(t.app).get('/api/v1/organizations').query({ q: 'lesotho corporation' });
    expect(bodyOf<ListBody>(listed).items.map((i) => i.id)).toEqual([id]);

    // The other instance has not read the feed since: its index is as it was.
    expect((await other.index.stats()).entries.organization).toBe(before);
    // Its clock ticks: it reads the feed, and has the entry without being asked for a list.
    expect(other.ticks).toHaveLength(1);
    other.ticks[0]?.();
    await other.index.idle();
    expect((await other.index.stats()).entries.organization).toBe(before + 1);
    other.index.stop();
    expect(other.ticks).toHaveLength(0);
  });

  it('then an edit, a withdrawal from the lists and a deletion reach the other instance the same way', async () => {
    const other = secondInstance();
    const id = await makeOrganization(t.ctx, { name: 'Malawi Investment and Trade Centre', country: 'MW' });
    expect(await listedBy(other.index, 'malawi')).toEqual([id]);

    expect(await listedBy(other.index, 'malawi export board')).toEqual([]);
    const renamed = await staff.agent.patch(`/api/v1/organizations/${id}`).set('X-CSRF-Token', staff.csrf).send({ name: 'Malawi Export Board' });
    expect(renamed.status).toBe(200);
    expect(await listedBy(other.index, 'malawi export board')).toEqual([id]);
    expect(await listedBy(other.index, 'malawi trade centre')).toEqual([]);

    const deleted = await staff.agent.delete(`/api/v1/organizations/${id}`).set('X-CSRF-Token', staff.csrf);
    expect(deleted.status).toBe(204);
    expect(await listedBy(other.index, 'malawi')).toEqual([]);
  });
});

describe('When an organization changes, the entries that read it change with it', () => {
  it("then its programme is found by the organization's new kind, and no longer by the old one", async () => {
    const operator = await makeOrganization(t.ctx, { name: 'Fiji Trade and Investment Bureau', country: 'FJ', kind: 'investment-promotion-agency' });
    await makeProgramme(t.ctx, { name: 'Pacific kava buyers partnership', originCountries: ['AU'], targetCountries: ['FJ'] }, [operator]);
    const byKind = (kind: string) => totalOf('/api/v1/programmes', { q: 'kava', kind });
    expect([await byKind('investment-promotion-agency'), await byKind('chamber-of-commerce')]).toEqual([1, 0]);
    const changed = await staff.agent.patch(`/api/v1/organizations/${operator}`).set('X-CSRF-Token', staff.csrf).send({ kind: 'chamber-of-commerce' });
    expect(changed.status).toBe(200);
    expect([await byKind('investment-promotion-agency'), await byKind('chamber-of-commerce')]).toEqual([0, 1]);
  });

  it('then a programme held back while its organization awaited approval is listed once it is approved', async () => {
    const pending = await makeOrganization(t.ctx, { name: 'Tonga Business Centre', country: 'TO', state: 'pending' });
    await makeProgramme(t.ctx, { name: 'Pacific handicraft export partnership', originCountries: ['NZ'], targetCountries: ['TO'] }, [pending]);
    const programmes = () => totalOf('/api/v1/programmes', { q: 'handicraft' });
    expect(await programmes()).toBe(0);
    const approved = await staff.agent.post(`/api/v1/organizations/${pending}/approve`).set('X-CSRF-Token', staff.csrf).send({});
    expect(approved.status).toBe(200);
    expect(await programmes()).toBe(1);
  });
});

describe('When an instance starts again', () => {
  it('then the index it builds lists what the index that followed every change lists', async () => {
    const queries = ['', 'investment', 'malawi', 'lesotho', 'handicraft', 'tra'];
    // Read two entries at a time, so the build crosses many pages, some holding only entries the public does not see.
    const restarted = new SearchIndex(t.ctx.database, t.ctx.logger, { page: 2 });
    for (const q of queries) expect(await listedBy(restarted, q)).toEqual(await listedBy(t.ctx.searchIndex, q));
    expect((await restarted.stats()).entries).toEqual((await t.ctx.searchIndex.stats()).entries);
  });
});

describe('When a programme drops one of its operators', () => {
  it('then the organization that left is no longer found by the partnership types of that programme', async () => {
    const leaving = await makeOrganization(t.ctx, { name: 'Vanuatu Investment Promotion Authority', country: 'VU' });
    const staying = await makeOrganization(t.ctx, { name: 'Samoa Business Hub', country: 'WS' });
    const programme = await makeProgramme(t.ctx, { name: 'Pacific coconut oil joint ventures', originCountries: ['AU'], targetCountries: ['VU'], partnershipTypes: ['franchising'] }, [leaving, staying]);
    const byType = (q: string) => totalOf('/api/v1/organizations', { partnershipType: 'franchising', q, places: 'none' });
    expect([await byType('vanuatu'), await byType('samoa')]).toEqual([1, 1]);
    await updateProgramme(t.ctx.database.db, programme, {}, [staying]);
    expect([await byType('vanuatu'), await byType('samoa')]).toEqual([0, 1]);
  });
});

describe('When changed entries have worn the index', () => {
  it('then it is rebuilt beside the one serving, which it replaces, and lists stay the same', async () => {
    const index = new SearchIndex(t.ctx.database, t.ctx.logger, { rebuildOver: 1 });
    const id = await makeOrganization(t.ctx, { name: 'Kiribati Chamber of Commerce', country: 'KI' });
    await index.ready();
    const before = await listedBy(index, 'kiribati');
    // Each edit leaves a dead number behind, until dead numbers outnumber the live entries.
    const { entries } = await index.stats();
    for (let i = 0; i <= entries.organization + entries.programme + entries.case; i += 1) {
      await updateOrganization(t.ctx.database.db, id, { description: `Edition ${i}` });
      await index.catchUp();
    }
    // The rebuild reads the database beside the index serving; a read of the feed then swaps them.
    for (let turn = 0; turn < 1_000 && (await index.stats()).rebuilds === 0; turn += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      await index.catchUp();
    }
    expect((await index.stats()).rebuilds).toBeGreaterThanOrEqual(1);
    expect(await listedBy(index, 'kiribati')).toEqual(before);
    expect(await listedBy(index, 'edition')).toEqual([id]);
  });
});
