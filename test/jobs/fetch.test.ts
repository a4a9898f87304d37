import { loopbackOnly } from '../../jobs/address-guard';
import { fetchFeed, openFeed, readWhole, type FeedBody } from '../../jobs/fetch';
import { startFeedServer, type FeedServer } from '../feed-server';

let feeds: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer();
});
afterAll(() => feeds.close());

// The contract's limits are 30 s, 30 s and 120 s; the same code runs here with shorter ones.
const limits = { responseMs: 300, idleMs: 300, totalMs: 1_500, retries: 0 };
const fetch = (file: string, maxBytes = 50 * 1024 * 1024) => fetchFeed(feeds.url(file), { allowPrivate: loopbackOnly, maxBytes, limits });
async function open(file: string, maxBytes = 50 * 1024 * 1024, responseMs = limits.responseMs): Promise<FeedBody> {
  const opened = await openFeed(feeds.url(file), { allowPrivate: loopbackOnly, maxBytes, limits: { ...limits, responseMs } });
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
    const started = Date.now();
    await expect(fetch('fault/huge', 1024 * 1024)).rejects.toThrow(/over the source's limit of 1048576 bytes/);
    expect(Date.now() - started).toBeLessThan(1_500);
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
    // The server shares this process and may be slow to start answering; the body's limits are what is tested.
    const body = await open('generated/centres.json?count=20000', undefined, 5_000);
    let size = 0;
    let paused = false;
    for await (const chunk of body) {
      size += chunk.length;
      if (paused) continue;
      // Longer than the idle and the total limit: a batch that takes long to import.
      await new Promise((r) => setTimeout(r, 2_000));
      paused = true;
    }
    expect(size).toBeGreaterThan(1_500_000);
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
