import { loopbackOnly } from '../../jobs/address-guard';
import { fetchFeed, openFeed, readWhole, type FeedBody } from '../../jobs/fetch';
import { startFeedServer, type FeedServer } from '../feed-server';

let feeds: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer();
});
afterAll(() => feeds.close());

// The contract's limits are 30 s, 30 s and 120 s; the same code runs here with shorter ones. The total
// limit stays well above what a busy machine takes to serve a megabyte: the test of it sets its own.
const limits = { responseMs: 300, idleMs: 300, totalMs: 10_000, retries: 0 };
const fetch = (file: string, maxBytes = 50 * 1024 * 1024) => fetchFeed(feeds.url(file), { allowPrivate: loopbackOnly, maxBytes, limits });
async function open(file: string, maxBytes = 50 * 1024 * 1024): Promise<FeedBody> {
  const opened = await openFeed(feeds.url(file), { allowPrivate: loopbackOnly, maxBytes, limits });
  if (opened.status !== 'ok') throw new Error(`expected a body, got ${opened.status}`);
  return opened.body;
}

describe('When a feed misbehaves at the HTTP level', () => {
  it('then a server that never answers times out', async () => {
    await expect(fetch('fault/silent')).rejects.toThrow(/no response .* timed out/);
  });

  it('then a body that drips slower than the idle limit times out', async () => {
    await expect(fetch('fault/drip?every=1000')).rejects.toThrow(/no data .* timed out/);
  });

  it('then a body that drips just fast enough still stops at the total limit', async () => {
    // Drips twenty times faster than the idle limit, so a busy machine's late timer cannot pass for an idle server.
    const dripLimits = { ...limits, idleMs: 1_000, totalMs: 2_000 };
    const dripping = fetchFeed(feeds.url('fault/drip?every=50'), { allowPrivate: loopbackOnly, maxBytes: 1024 * 1024, limits: dripLimits });
    await expect(dripping).rejects.toThrow(/took more than 2 s/);
  });

  it('then 200 MB without Content-Length stops at the size limit, long before the end', async () => {
    const closed = feeds.hugeSent.length;
    await expect(fetch('fault/huge', 1024 * 1024)).rejects.toThrow(/over the source's limit of 1048576 bytes/);
    // The server writes only as fast as the client reads: what it wrote before the client went away is what was downloaded, give or take the sockets' buffers.
    for (let turn = 0; turn < 100_000 && feeds.hugeSent.length === closed; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(feeds.hugeSent[closed]).toBeLessThan(20 * 1024 * 1024);
  });

  it('then file: and other schemes are refused before any request', async () => {
    await expect(fetchFeed('file:///etc/passwd', { allowPrivate: true, maxBytes: 1000 })).rejects.toThrow(/only http and https/);
  });
});

describe('When a feed is read as a stream', () => {
  it('then the response opens at once and the limits apply while the body is read', async () => {
    const huge = await open('fault/huge', 1024 * 1024);
    await expect(readWhole(huge)).rejects.toThrow(/over the source's limit of 1048576 bytes/);
    const drip = await open('fault/drip?every=1000');
    await expect(readWhole(drip)).rejects.toThrow(/no data .* timed out/);
  });

  it('then the time spent between chunks, importing, does not count against the server', async () => {
    // The body's time is counted on a clock the test moves: each batch takes a minute to import, far past the total limit.
    let clock = 0;
    const now = () => clock;
    // The server shares this process and may be slow to answer: the wait for headers and for each chunk get room, the pauses are what is tested.
    const slow = { ...limits, responseMs: 10_000, idleMs: 10_000, totalMs: 10_000 };
    // Larger than the sockets' buffers, so that reading on after the pauses waits on the server.
    const opened = await openFeed(feeds.url('generated/centres.json?count=100000'), { allowPrivate: loopbackOnly, maxBytes: 50 * 1024 * 1024, limits: slow, now });
    if (opened.status !== 'ok') throw new Error(`expected a body, got ${opened.status}`);
    let size = 0;
    for await (const chunk of opened.body) {
      size += chunk.length;
      clock += 60_000;
    }
    expect(size).toBeGreaterThan(7_000_000);
  });

  it('then a body abandoned part-way lets go of its connection', async () => {
    const before = feeds.requests.length;
    const body = await open('fault/huge');
    for await (const chunk of body) if (chunk.length) break;
    // The server stops writing once the client has gone: nothing waits for 200 MB to drain.
    const next = await open('empretec-centres.page1.json');
    expect((await readWhole(next)).toString()).toContain('ec-101');
    expect(feeds.requests.length).toBe(before + 2);
  });
});
