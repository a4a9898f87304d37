import request from 'supertest';
import { generatedCentre } from '../feed-server';
import { syncHarness } from '../sync-harness';

const h = syncHarness();
const { addSource, run } = h;

const page = (params: Record<string, string>) => `centres.json?${new URLSearchParams(params)}`;

// The import stage matches every new record against the directory, so a sync test stays at a
// few thousand records; test/jobs/connectors/json.test.ts streams 200,000 through the json connector.
describe('When a JSON feed streams 2,000 centres without a Content-Length', () => {
  it('then every centre imports in batches, and paging follows next links given after the records and before them', async () => {
    // Page 1 says where page 2 is after its 2,000 records; page 2 says where page 3 is before its own.
    const third = page({ start: '2050', count: '10' });
    const second = page({ start: '2000', count: '50', nextFirst: '', next: third });
    const first = h.feeds.url(`generated/${page({ count: '2000', next: second })}`);
    const mapping = { type: 'organization', records: 'data.items', next: 'links.next', fields: { externalId: 'id', name: 'title', country: 'country', services: 'offers' }, defaults: { kind: 'other', networks: ['generated'] } };
    const id = await addSource({ name: 'Generated centres', network: 'generated', connector: 'json', url: first, mapping });
    const res = await run(id);
    expect(res).toMatchObject({ status: 'succeeded', counts: { fetched: 2_060, created: 2_060, rejected: 0, withdrawn: 0 } });
    expect(h.feeds.requests.filter((r) => r === '/generated/centres.json')).toHaveLength(3);
    for (const i of [0, 1_234, 2_059]) {
      const found = await request(h.app).get('/api/v1/organizations').query({ q: generatedCentre(i).title });
      expect(found.body.items[0]).toMatchObject({ name: generatedCentre(i).title, country: generatedCentre(i).country, networks: ['generated'] });
    }
    // Read again in full (the generated feed has no ETag): every batch finds its records unchanged.
    expect((await run(id)).counts).toMatchObject({ fetched: 2_060, unchanged: 2_060, created: 0, updated: 0, withdrawn: 0 });
  }, 180_000);
});

describe('When a CSV member list arrives a few bytes at a time', () => {
  it('then quoted line breaks (LF and CRLF) and blank lines keep each row on the line it starts', async () => {
    const csv = [
      'Member ID;Agency;Country;Address',
      'Q-1;"Alpha\r\nAgency";KE;"Line one\nLine two"',
      'Q-2;Beta Agency;Ghana;"Accra; Ring Road"',
      '',
      'Q-3;Gamma Agency;Atlantis;Nowhere',
      'Q-4;Delta Agency;TZ;Dodoma;extra',
      'Q-5;"Epsilon ""E"" Agency";Pérou;Lima',
    ].join('\r\n');
    // Lines: header 1, Q-1 2 to 4, Q-2 5, blank 6, Q-3 7, Q-4 8, Q-5 9.
    h.feeds.override.set('quoted.csv', `\uFEFF${csv}\r\n`);
    const mapping = { type: 'organization', fields: { externalId: 'Member ID', name: 'Agency', country: 'Country', address: 'Address' }, defaults: { kind: 'other', networks: ['quoted'] } };
    const id = await addSource({ name: 'Quoted list', network: 'quoted', connector: 'csv', url: `${h.feeds.url('quoted.csv')}?chunk=3`, mapping });
    const res = await run(id);
    expect(res).toMatchObject({ status: 'partial', counts: { fetched: 5, created: 3, rejected: 2 } });
    expect(res.errors.map((e) => [e.externalId, e.line])).toEqual(expect.arrayContaining([['Q-3', 7], ['Q-4', 8]]));
    const alpha = (await request(h.app).get('/api/v1/organizations').query({ network: 'quoted', limit: '10' })).body.items as { name: string; country: string }[];
    expect(alpha.map((o) => [o.name, o.country]).sort()).toEqual([['Alpha Agency', 'KE'], ['Beta Agency', 'GH'], ['Epsilon "E" Agency', 'PE']]);
  });

  it('then the ragged rows of the sample are rejected with the same lines as when it comes whole', async () => {
    const id = await addSource({ name: 'Ragged in pieces', network: 'waipa', connector: 'csv', url: `${h.feeds.url('faults/ragged.csv')}?chunk=5` });
    const res = await run(id);
    expect(res).toMatchObject({ status: 'partial', counts: { fetched: 10, created: 6, rejected: 4 } });
    expect(res.errors.map((e) => e.line).sort()).toEqual([10, 4, 6, 8]);
  });
});
