/** A feed whose records change between runs: the changed ones are written, in sets, and an entry's own edits stay. */
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { syncHarness } from '../sync-harness';

const h = syncHarness();

/** Serves `file` as a feed of these records (id, name, description), each with a website of its own. */
const serve = (file: string, records: [string, string, string][]) =>
  h.feeds.override.set(file, JSON.stringify({ data: { items: records.map(([id, title, description]) => ({ id, title, country: 'Kenya', url: `https://${id}.example/`, description })) } }));
const mapping = { type: 'organization', records: 'data.items', fields: { externalId: 'id', name: 'title', country: 'country', website: 'url', description: 'description' }, defaults: { networks: ['kenya-desks'] } };

type Org = { id: string; name: string; description: string | null; website: string | null; localFields: string[]; updatedAt: string; provenance: { externalId: string; withdrawnAt: string | null }[] };
async function organizations(): Promise<Map<string, Org>> {
  const res = await request(h.app).get('/api/v1/organizations').query({ network: 'kenya-desks', limit: '100' });
  // Keyed by the feed's id of each record.
  return new Map((res.body.items as Org[]).map((o) => [o.provenance[0]?.externalId ?? '', o]));
}

describe('When records of a linked feed change between runs', () => {
  it('then the changed ones take the new values, except the fields their entry’s editors changed, and the others are not written', async () => {
    serve('kenya-desks.json', [
      ['a', 'Nairobi Partnering Desk', 'Finds partners.'],
      ['b', 'Mombasa Supplier Desk', 'Links suppliers.'],
      ['c', 'Kisumu Trade Desk', 'Trade missions.'],
    ]);
    const id = await h.addSource({ name: 'Kenya desks', network: 'kenya-desks', connector: 'json', url: `${h.feeds.url('kenya-desks.json')}?noetag`, mapping });
    expect((await h.run(id)).counts).toMatchObject({ created: 3 });
    const before = await organizations();
    const a = before.get('a') as Org;
    // Nairobi's editors rewrote its description: the feed no longer writes that field.
    await h.ctx.database.rows(sql`update organizations set description = 'Our own words.', local_fields = '{description}' where id = ${a.id}`);

    serve('kenya-desks.json', [
      ['a', 'Nairobi Partnering Centre', 'Finds partners, now abroad too.'],
      ['b', 'Mombasa Supplier Desk', 'Links suppliers to mining firms.'],
      ['c', 'Kisumu Trade Desk', 'Trade missions.'],
    ]);
    const again = await h.run(id);
    expect(again).toMatchObject({ status: 'succeeded', counts: { fetched: 3, updated: 2, unchanged: 1, created: 0 } });

    const after = await organizations();
    expect(after.get('a')).toMatchObject({ name: 'Nairobi Partnering Centre', description: 'Our own words.', localFields: ['description'] });
    expect(after.get('b')).toMatchObject({ name: 'Mombasa Supplier Desk', description: 'Links suppliers to mining firms.' });
    const kisumu = after.get('c') as Org;
    expect(kisumu.description).toBe('Trade missions.');
    expect(kisumu.updatedAt).toBe(before.get('c')?.updatedAt);
  });

  it('then a record withdrawn by an earlier run and back in the feed, changed, shows again', async () => {
    serve('returning.json', [['r1', 'Thika Desk', 'One.'], ['r2', 'Nakuru Desk', 'Two.']]);
    const id = await h.addSource({ name: 'Returning desks', network: 'kenya-desks', connector: 'json', url: `${h.feeds.url('returning.json')}?noetag`, mapping });
    await h.run(id);
    serve('returning.json', [['r1', 'Thika Desk', 'One.']]);
    expect((await h.run(id)).counts).toMatchObject({ withdrawn: 1 });
    expect((await organizations()).has('r2')).toBe(false);

    serve('returning.json', [['r1', 'Thika Desk', 'One.'], ['r2', 'Nakuru Desk', 'Two, and back.']]);
    expect((await h.run(id)).counts).toMatchObject({ updated: 1, unchanged: 1 });
    expect((await organizations()).get('r2')).toMatchObject({ name: 'Nakuru Desk', description: 'Two, and back.', provenance: [{ externalId: 'r2', withdrawnAt: null }] });
  });
});
