/** The mapping preview: the real fetch, connectors and normalisation, the first records only, and no database at all. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { previewSource, type PreviewContext } from '../../jobs/preview';
import { mappingSchema } from '../../jobs/mapping';
import { makeOrganization } from '../factories';
import { startFeedServer, type FeedServer } from '../feed-server';
import { feedSettled, testApp, type TestApp } from '../support';

let t: TestApp;
let feeds: FeedServer;
/** Only what the preview may use: configuration and reference data, no database handle. */
let ctx: PreviewContext;
beforeAll(async () => {
  [t, feeds] = await Promise.all([testApp({ FEED_ALLOW_PRIVATE: '1' }), startFeedServer()]);
  ctx = { env: t.ctx.env, reference: t.ctx.reference };
});
afterAll(() => Promise.all([feeds?.close(), t?.close()]));

const atomMapping = mappingSchema.parse({
  type: 'programme',
  fields: { externalId: 'id', name: 'title', website: 'link@href', originCountries: 'pn:origin', targetCountries: 'pn:target', partnershipTypes: 'pn:partnershipTypes' },
});

describe('When an operator previews a feed', () => {
  it('then a long JSON feed gives its first ten records, mapped by the preset, and no total since it was not read to its end', async () => {
    const preview = await previewSource(ctx, { network: 'empretec', connector: 'json', url: feeds.url('empretec-centres.page1.json') });
    expect(preview.records).toHaveLength(10);
    expect(preview.records[0]).toMatchObject({ type: 'organization', kind: 'entrepreneurship-centre', networks: ['empretec'] });
    expect(preview.total).toBeUndefined();
    const three = await previewSource(ctx, { network: 'empretec', connector: 'json', url: feeds.url('generated/centres.json?count=100000') }, 3);
    expect(three.records.map((r) => r.externalId)).toEqual(['gen-0', 'gen-1', 'gen-2']);
  });

  it('then a CSV gives each record’s line, counts the page it read whole, and rejects a ragged row with its line', async () => {
    const preview = await previewSource(ctx, { network: 'waipa', connector: 'csv', url: feeds.url('waipa-members.csv') }, 100);
    expect(preview.records[0]).toMatchObject({ externalId: 'WAIPA-0101', name: 'Invest India', country: 'IN', line: 2 });
    // Invest India's address runs over two lines.
    expect(preview.records[1]).toMatchObject({ country: 'BR', line: 4 });
    expect(preview.total).toBe(preview.records.length + preview.errors.filter((e) => e.message.startsWith('rejected')).length);
    const ragged = await previewSource(ctx, { network: 'waipa', connector: 'csv', url: feeds.url('faults/ragged.csv') }, 100);
    expect(ragged.errors).toEqual(expect.arrayContaining([expect.objectContaining({ line: 4 })]));
    expect(ragged.records.some((r) => r.externalId === 'RAG-04')).toBe(true);
  });

  it('then an Atom feed of programmes previews programmes with their countries resolved', async () => {
    const preview = await previewSource(ctx, { network: 'partnering-desk', connector: 'atom', url: feeds.url('programmes.atom'), mapping: atomMapping });
    expect(preview.records.length).toBeGreaterThan(0);
    expect(preview.records.every((r) => r.type === 'programme')).toBe(true);
    const first = preview.records[0];
    expect(first?.type === 'programme' && first.originCountries.length > 0).toBe(true);
  });

  it('then bad records come with their id and reason, and warnings with the record they concern', async () => {
    const preview = await previewSource(ctx, { network: 'empretec', connector: 'json', url: feeds.url('faults/bad-records.json') });
    expect(preview.errors).toEqual(
      expect.arrayContaining([
        { externalId: 'bad-2', message: 'rejected: no name' },
        { externalId: 'bad-4', message: 'rejected: unknown country "Atlantis"' },
        expect.objectContaining({ externalId: 'bad-5', message: expect.stringMatching(/not an http\(s\) address: dropped/) }),
      ]),
    );
  });

  it('then a feed that breaks off keeps the records before the cut and says why', async () => {
    const cut = await previewSource(ctx, { network: 'empretec', connector: 'json', url: feeds.url('faults/truncated.json') });
    expect(cut.records).toHaveLength(8);
    expect(cut.errors.at(-1)?.message).toMatch(/cut or invalid/);
    const down = await previewSource(ctx, { network: 'empretec', connector: 'json', url: feeds.url('fault/500') });
    expect(down).toEqual({ records: [], errors: [{ message: expect.stringMatching(/answered 500/) }] });
  });

  it('then, with private addresses refused, loopback and a redirect to a private address are refused before any byte is read', async () => {
    const strict: PreviewContext = { ...ctx, env: { ...ctx.env, feedAllowPrivate: false } };
    const before = feeds.requests.length;
    const direct = await previewSource(strict, { network: 'empretec', connector: 'json', url: feeds.url('empretec-centres.page1.json') });
    expect(direct.errors).toEqual([{ message: expect.stringMatching(/loopback address/) }]);
    expect(feeds.requests.length).toBe(before);
    const redirected = await previewSource(ctx, { network: 'empretec', connector: 'json', url: feeds.url('fault/redirect-private') }, 10, { allowPrivate: (a) => a === '127.0.0.1' });
    expect(redirected.errors[0]?.message).toMatch(/private/);
  });

  it('then a peer directory (pnx) previews the entries of its changes feed', async () => {
    await makeOrganization(t.ctx, { name: 'Peer Agency of Senegal', country: 'SN' });
    const server: Server = t.app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    try {
      const { port } = server.address() as AddressInfo;
      // On a server, a transaction open elsewhere can hold the new entry back from the feed for a moment.
      const preview = await feedSettled(
        () => previewSource(ctx, { network: 'peer', connector: 'pnx', url: `http://127.0.0.1:${port}/` }),
        (p) => p.records.length > 0,
      );
      expect(preview.records).toEqual([expect.objectContaining({ type: 'organization', name: 'Peer Agency of Senegal', country: 'SN' })]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
