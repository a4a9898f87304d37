import { Readable } from 'node:stream';
import { loopbackOnly } from '../../../jobs/address-guard';
import { openFeed } from '../../../jobs/fetch';
import { mappingSchema, presets, type Mapping } from '../../../jobs/mapping';
import type { PageItem } from '../../../jobs/connectors/connector';
import { readJson } from '../../../jobs/connectors/json';
import { generatedCentre, startFeedServer, type FeedServer } from '../../feed-server';

let feeds: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer();
});
afterAll(() => feeds.close());

const empretec = presets.empretec as Mapping;
const rootList = mappingSchema.parse({ type: 'organization', fields: { name: 'title', country: 'country' } });
const pageUrl = 'https://feeds.example.org/centres/page1.json';

/** The text cut every `size` bytes, through characters and tokens alike. */
const body = (text: string, size = text.length) => {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return Readable.from(chunks);
};

/** What the connector yields, as [kind, id or URL], and the error it ends with, if any. */
async function read(text: string, mapping = empretec, size?: number) {
  const items: [PageItem['kind'], unknown][] = [];
  try {
    for await (const item of readJson(body(text, size), mapping, pageUrl)) {
      items.push(item.kind === 'record' ? ['record', item.record.get('id')] : item.kind === 'next' ? ['next', item.url] : ['reject', item.error]);
    }
  } catch (err) {
    return { items, error: (err as Error).message };
  }
  return { items, error: undefined };
}

const doc = JSON.stringify({ meta: { total: 3 }, data: { items: [{ id: 'a', title: 'Ä' }, { id: 'b', nested: { data: { items: [1] } } }, { id: 'c' }] }, links: { next: 'page2.json' } });

describe('When a JSON page is read as it arrives', () => {
  it('then each record of the list comes out in order, with the next page resolved against the page, however the body is cut', async () => {
    const whole = await read(doc);
    expect(whole).toEqual({ items: [['record', 'a'], ['record', 'b'], ['record', 'c'], ['next', 'https://feeds.example.org/centres/page2.json']], error: undefined });
    for (const size of [1, 2, 7, 64]) expect(await read(doc, empretec, size)).toEqual(whole);
  });

  it('then a next link before the records is found too, and a null one means no next page', async () => {
    const before = JSON.stringify({ links: { next: '/all/page2.json' }, data: { items: [{ id: 'a' }] } });
    expect((await read(before)).items).toEqual([['next', 'https://feeds.example.org/all/page2.json'], ['record', 'a']]);
    const last = JSON.stringify({ data: { items: [{ id: 'z' }] }, links: { next: null } });
    expect((await read(last)).items).toEqual([['record', 'z'], ['next', undefined]]);
  });

  it('then a body that is the list itself needs no records path', async () => {
    expect(await read('\uFEFF[{"id":"x"},{"id":"y"}]\n', rootList, 3)).toEqual({ items: [['record', 'x'], ['record', 'y']], error: undefined });
  });

  it('then an empty list is no error, but a missing one, an object or a string is', async () => {
    expect(await read('{"data":{"items":[]}}')).toEqual({ items: [], error: undefined });
    for (const text of ['{"data":{}}', '{"data":{"items":{"a":{"id":"a"}}}}', '{"data":{"items":"none"}}']) {
      expect(await read(text)).toEqual({ items: [], error: '"data.items" is not a list in this feed' });
    }
    expect((await read('{"id":"x"}', rootList)).error).toBe('the feed is not a list (set mapping.records to the path of the list)');
  });

  it('then a body cut in the middle of a record yields the records before the cut, then says the JSON is cut', async () => {
    const cut = doc.slice(0, doc.indexOf('"c"') + 2);
    const res = await read(cut, empretec, 5);
    expect(res.items).toEqual([['record', 'a'], ['record', 'b']]);
    expect(res.error).toMatch(/^the JSON is cut or invalid: /);
    expect((await read('   ')).error).toMatch(/^the JSON is cut or invalid: the body is empty/);
    expect((await read('{"data":{"items":[{"id":"a"}]}} and more')).error).toMatch(/^the JSON is cut or invalid: /);
  });

  it('then an HTML page where JSON was expected says so', async () => {
    expect((await read('\n  <!doctype html><html><body>Please sign in</body></html>')).error).toBe('expected JSON but the feed sent HTML or XML (an error or login page?)');
  });
});

describe('When a feed of 200,000 centres streams from the server without a Content-Length', () => {
  it('then every centre comes out once, in order, and the next link after them is found', async () => {
    const opened = await openFeed(feeds.url(`generated/centres.json?count=200000&next=more.json`), { allowPrivate: loopbackOnly, maxBytes: 100 * 1024 * 1024 });
    if (opened.status !== 'ok') throw new Error('expected a body');
    let count = 0;
    let next: string | undefined;
    for await (const item of readJson(opened.body, empretec, opened.url)) {
      if (item.kind === 'next') next = item.url;
      if (item.kind !== 'record') continue;
      if (item.record.get('id') !== `gen-${count}`) throw new Error(`record ${count} is ${String(item.record.get('id'))}`);
      if (count % 20_000 === 0) expect(item.record.get('title')).toBe(generatedCentre(count).title);
      count += 1;
    }
    expect(count).toBe(200_000);
    expect(next).toBe(feeds.url('generated/more.json'));
  }, 60_000);
});
