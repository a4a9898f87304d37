/**
 * The search index kept on disk: an index loaded from its snapshot lists what the index it was
 * saved from lists, catches up with what changed while it was away, and is not used (the index
 * is built instead) when it is damaged or no longer matches the database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { SearchIndex } from '../../server/search-index';
import { listEntries } from '../../server/search-index/list';
import type { ListFilters } from '../../server/search-index/types';
import { updateOrganization } from '../../server/db/writes';
import { makeOrganization, makeProgramme } from '../factories';
import { testApp, type TestApp } from '../support';

let t: TestApp;
let dir: string;

const noFilters: ListFilters = { country: [], region: [], sector: [], service: [], partnershipType: [], kind: [], network: [], direction: [] };

beforeAll(async () => {
  t = await testApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-snapshot-'));
  const lusaka = await makeOrganization(t.ctx, { name: 'Zambia Development Agency', country: 'ZM', description: 'Investment promotion and export development.', services: ['partner-search'] });
  await makeOrganization(t.ctx, { name: 'Kenya Investment Authority', country: 'KE', services: ['partner-search', 'training'], sectors: ['C'] });
  await makeOrganization(t.ctx, { name: 'Agence Sénégalaise de Promotion des Exportations', country: 'SN', kind: 'development-agency' });
  await makeProgramme(t.ctx, { name: 'Copper belt supplier linkages', originCountries: ['ZA'], targetCountries: ['ZM'], partnershipTypes: ['subcontracting'] }, [lusaka]);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What an instance with this index shows for a query: ids in order, the total and every facet. */
async function shown(searchIndex: SearchIndex, q: string, kind: 'organization' | 'programme' = 'organization') {
  const { ids, total, facets } = await listEntries({ database: t.ctx.database, searchIndex }, kind, { ...noFilters, q }, 20, undefined, { facets: true });
  return { ids, total, facets };
}

const queries = ['', 'investment', 'promo', 'kenya', 'agence exportations', 'cop'];

/** An index kept in `file`, saved from the app's own index (which followed every change). */
async function saved(file: string): Promise<void> {
  const source = new SearchIndex(t.ctx.database, t.ctx.logger);
  source.persist(file);
  expect(await source.ready()).toBe('built');
  expect(await source.save()).toBe(true);
}

describe('When an instance starts again with the snapshot it saved', () => {
  it('then it loads it instead of building, and lists, ranks and counts as the index it was saved from', async () => {
    const file = path.join(dir, 'same.snapshot');
    await saved(file);
    const loaded = new SearchIndex(t.ctx.database, t.ctx.logger);
    loaded.persist(file);
    expect(await loaded.ready()).toBe('loaded');
    for (const q of queries) expect(await shown(loaded, q)).toEqual(await shown(t.ctx.searchIndex, q));
    expect(await shown(loaded, 'copper', 'programme')).toEqual(await shown(t.ctx.searchIndex, 'copper', 'programme'));
    expect((await loaded.stats()).entries).toEqual((await t.ctx.searchIndex.stats()).entries);
  });

  it('then what changed while it was away is listed: a new entry, an edit, an entry taken down', async () => {
    const file = path.join(dir, 'away.snapshot');
    await saved(file);
    const added = await makeOrganization(t.ctx, { name: 'Malawi Investment and Trade Centre', country: 'MW' });
    const [kenya] = await t.ctx.database.rows<{ id: string }>(sql`select id from organizations where name = 'Kenya Investment Authority'`);
    await updateOrganization(t.ctx.database.db, kenya!.id, { name: 'Kenya Investment Authority (KenInvest)' });
    const [senegal] = await t.ctx.database.rows<{ id: string }>(sql`select id from organizations where country = 'SN'`);
    await updateOrganization(t.ctx.database.db, senegal!.id, { deletedAt: new Date() });

    const loaded = new SearchIndex(t.ctx.database, t.ctx.logger);
    loaded.persist(file);
    expect(await loaded.ready()).toBe('loaded');
    expect((await shown(loaded, 'malawi')).ids).toEqual([added]);
    expect((await shown(loaded, 'keninvest')).ids).toEqual([kenya!.id]);
    expect((await shown(loaded, 'exportations')).total).toBe(0);
    for (const q of [...queries, 'malawi']) expect(await shown(loaded, q)).toEqual(await shown(t.ctx.searchIndex, q));
  });
});

describe('When a save is cut short by the process dying', () => {
  it('then the last whole snapshot stays, and the next save removes the temporary file left behind', async () => {
    const file = path.join(dir, 'killed.snapshot');
    await saved(file);
    const whole = fs.readFileSync(file);
    // A pid no process has: what a save killed before its rename leaves.
    const abandoned = `${file}.2147483646.tmp`;
    fs.writeFileSync(abandoned, whole.subarray(0, 100));
    const loaded = new SearchIndex(t.ctx.database, t.ctx.logger);
    loaded.persist(file);
    expect(await loaded.ready()).toBe('loaded');
    await loaded.save();
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('killed.'))).toEqual(['killed.snapshot']);
  });
});

describe('When the snapshot cannot be trusted', () => {
  it('then a damaged or cut file is not read: the index is built from the database and lists the same', async () => {
    const file = path.join(dir, 'damaged.snapshot');
    await saved(file);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] as number) ^ 0xff;
    fs.writeFileSync(file, bytes);
    const fromDamaged = new SearchIndex(t.ctx.database, t.ctx.logger);
    fromDamaged.persist(file);
    expect(await fromDamaged.ready()).toBe('built');

    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const fromCut = new SearchIndex(t.ctx.database, t.ctx.logger);
    fromCut.persist(file);
    expect(await fromCut.ready()).toBe('built');
    // Not the words of the entry taken down above: an index that followed its removal still knows them (it corrects to them), one built afresh does not.
    for (const q of ['', 'investment', 'promo', 'kenya', 'cop']) expect(await shown(fromCut, q)).toEqual(await shown(t.ctx.searchIndex, q));
  });

  it('then one that misses rows deleted outright in SQL is not used', async () => {
    const file = path.join(dir, 'deleted.snapshot');
    const doomed = await makeOrganization(t.ctx, { name: 'Comoros Investment Promotion Agency', country: 'KM' });
    await saved(file);
    // Not through the app: no change reaches the feed.
    await t.ctx.database.rows(sql`delete from organizations where id = ${doomed}`);
    const loaded = new SearchIndex(t.ctx.database, t.ctx.logger);
    loaded.persist(file);
    expect(await loaded.ready()).toBe('built');
    expect((await shown(loaded, 'comoros')).total).toBe(0);
  });

  it('then one saved from another database is not used', async () => {
    const file = path.join(dir, 'other.snapshot');
    await saved(file);
    const other = await testApp();
    try {
      const index = new SearchIndex(other.ctx.database, other.ctx.logger);
      index.persist(file);
      expect(await index.ready()).toBe('built');
      expect((await index.stats()).entries.organization).toBe((await other.ctx.searchIndex.stats()).entries.organization);
    } finally {
      await other.close();
    }
  });
});
