import { loopbackOnly } from '../../jobs/address-guard';
import { fetchFeed } from '../../jobs/fetch';
import { startFeedServer, type FeedServer } from '../feed-server';

let feeds: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer();
});
afterAll(() => feeds.close());

// The contract's limits are 30 s, 30 s and 120 s; the same code runs here with shorter ones.
const limits = { responseMs: 300, idleMs: 300, totalMs: 1_500, retries: 0 };
const fetch = (file: string, maxBytes = 50 * 1024 * 1024) => fetchFeed(feeds.url(file), { allowPrivate: loopbackOnly, maxBytes, limits });

describe('When a feed misbehaves at the HTTP level', () => {
  it('then a server that never answers times out', async () => {
    await expect(fetch('fault/silent')).rejects.toThrow(/no response .* timed out/);
  });

  it('then a body that drips slower than the idle limit times out', async () => {
    await expect(fetch('fault/drip?every=1000')).rejects.toThrow(/no data .* timed out/);
  });

  it('then a body that drips just fast enough still stops at the total limit', async () => {
    await expect(fetch('fault/drip?every=100')).rejects.toThrow(/took more than 1\.5 s/);
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
