import request from 'supertest';
import { testApp, type TestApp } from '../support';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ BASE_PATH: '/network/' });
});
afterAll(() => t.close());

const entryOf = (page: string) => /<script type="module" src="(\/network\/assets\/main-[\w-]+\.js)"><\/script>/.exec(page)?.[1];
const configOf = (page: string) => JSON.parse(/<script type="application\/json" id="client-config">(.*?)<\/script>/s.exec(page)?.[1] ?? 'null') as { base: string; words: Record<string, string> };

describe('When a page is served under BASE_PATH', () => {
  it('then it loads the built client from under the prefix, with no inline script', async () => {
    const home = await request(t.app).get('/network/');
    expect(entryOf(home.text)).toBeDefined();
    expect(configOf(home.text).base).toBe('/network');
    // CSP allows scripts from the site only: every executable script has a src.
    const tags = home.text.match(/<script[^>]*>/g) ?? [];
    expect(tags.filter((tag) => !/ src="|type="application\/(ld\+)?json"/.test(tag))).toEqual([]);
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('then the client gets its words in the reader language', async () => {
    const search = await request(t.app).get('/network/search?q=cocoa').set('Accept-Language', 'fr');
    expect(entryOf(search.text)).toBeDefined();
    expect(configOf(search.text).words.suggestions).toBe('Intermédiaires correspondants');
  });
});

describe('When the browser fetches the client', () => {
  it('then the script comes compressed with a year of immutable caching', async () => {
    const entry = entryOf((await request(t.app).get('/network/search')).text) ?? '';
    const res = await request(t.app).get(entry).set('Accept-Encoding', 'gzip');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.text).toContain('client-config');
  });

  it('then the lazily loaded map chunk the entry names is served beside it', async () => {
    const entry = entryOf((await request(t.app).get('/network/')).text) ?? '';
    const script = (await request(t.app).get(entry)).text;
    const chunk = /\.\/(map-[\w-]+\.js)/.exec(script)?.[1];
    expect(chunk).toBeDefined();
    const res = await request(t.app).get(`/network/assets/${chunk}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('then an unknown asset is a 404 and assets live only under the prefix', async () => {
    expect((await request(t.app).get('/network/assets/main-nothere.js')).status).toBe(404);
    const entry = entryOf((await request(t.app).get('/network/')).text) ?? '';
    expect((await request(t.app).get(entry.replace('/network', ''))).status).toBe(404);
  });
});
