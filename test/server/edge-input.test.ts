/** When a request carries input no route can use (NUL, malformed percent-encoding, foreign charsets and encodings), then it gets a 4xx that names it, never a 5xx. */
import zlib from 'node:zlib';
import { toProblem } from '../../server/error-handler';
import { rawClient, type RawClient, type RawResponse } from '../raw-http';
import { signedIn, testApp, type TestApp } from '../support';
import { langOf, read } from './pages/reader';

let t: TestApp;
let http: RawClient;
let firmToken: string;

beforeAll(async () => {
  t = await testApp();
  http = await rawClient(t.app);
  const firm = await signedIn(t, ['firm']);
  firmToken = (await firm.agent.post('/api/v1/tokens').set('X-CSRF-Token', firm.csrf).send({ name: 'edge' })).body.token;
});
afterAll(async () => {
  await http.close();
  await t.close();
});

const get = (path: string, headers: Record<string, string> = {}) => http.send({ method: 'GET', path, headers });
const postJson = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  http.send({ method: 'POST', path, body, headers: { 'Content-Type': 'application/json', ...headers } });

function expectProblem(res: RawResponse, status: number, type: string) {
  expect({ status: res.status, contentType: res.headers['content-type'] }).toEqual({ status, contentType: expect.stringMatching(/^application\/problem\+json/) });
  expect(JSON.parse(res.text)).toMatchObject({ type: `/problems/${type}`, status });
}

function expectPage(res: RawResponse, status: number, words: string) {
  expect({ status: res.status, contentType: res.headers['content-type'] }).toEqual({ status, contentType: expect.stringMatching(/^text\/html/) });
  expect(res.text).toContain(words);
}

describe('When a query, path or cookie holds a NUL byte', () => {
  it.each(['/api/v1/organizations?q=%00', '/api/v1/programmes?q=partner%00ship', '/api/v1/cases?q=%00', '/api/v1/organizations?kind=%00', '/api/v1/organizations?country=%00&country=FR'])(
    'then %s is a 400 nul-byte problem naming the query',
    async (path) => {
      const res = await get(path);
      expectProblem(res, 400, 'nul-byte');
      expect(JSON.parse(res.text).detail).toMatch(/query/);
    },
  );

  it('then a signed-in filter (introductions?status=%00) is refused too', async () => {
    expectProblem(await get('/api/v1/introductions?status=%00', { Authorization: `Bearer ${firmToken}` }), 400, 'nul-byte');
  });

  it('then a NUL in the path or a cookie is refused', async () => {
    expectProblem(await get('/api/v1/organizations/%00'), 400, 'nul-byte');
    expectProblem(await get('/api/v1/organizations', { Cookie: 'connect.sid=%00' }), 400, 'nul-byte');
  });

  it('then the search page answers a readable 400 page in the reader’s language', async () => {
    expectPage(await get('/search?q=%00', { Accept: 'text/html', 'Accept-Language': 'fr' }), 400, 'caractère NUL');
  });
});

describe('When a path or query holds a malformed percent-encoding', () => {
  it('then /api/v1/organizations/%ff is a 400 problem', async () => {
    expectProblem(await get('/api/v1/organizations/%ff'), 400, 'malformed-percent-encoding');
    expectProblem(await get('/api/v1/programmes/%E0%A4%A'), 400, 'malformed-percent-encoding');
  });

  it('then a query value like q=%E0%A4%A is a 400 problem naming the query', async () => {
    const res = await get('/api/v1/organizations?q=%E0%A4%A');
    expectProblem(res, 400, 'malformed-percent-encoding');
    expect(JSON.parse(res.text).detail).toMatch(/query/);
  });

  it('then the page /organizations/%ff is a 400 page in the reader’s language', async () => {
    expectPage(await get('/organizations/%ff', { Accept: 'text/html', 'Accept-Language': 'es' }), 400, 'código de porcentaje mal formado');
  });
});

describe('When the language cookie is malformed (lang=%E0%A4%A)', () => {
  it('then the API answers a 400 problem naming the cookie, as for a malformed query', async () => {
    const res = await get('/api/v1/organizations', { Cookie: 'theme=dark; lang=%E0%A4%A' });
    expectProblem(res, 400, 'malformed-percent-encoding');
    expect(JSON.parse(res.text).detail).toContain('cookie lang');
  });

  it('then the page renders in the language the browser asks for', async () => {
    const res = await get('/', { Accept: 'text/html', 'Accept-Language': 'fr', Cookie: 'lang=%E0%A4%A' });
    expect(res.status).toBe(200);
    expect(langOf(read(res.text))).toBe('fr');
  });
});

describe('When a JSON body comes in a charset or encoding the server does not read', () => {
  const login = '{"email":"nobody@example.org","password":"wrong password"}';

  it('then charset=latin1 is a 415 unsupported-charset problem', async () => {
    expectProblem(await postJson('/api/v1/auth/login', login, { 'Content-Type': 'application/json; charset=latin1' }), 415, 'unsupported-charset');
  });

  it.each(['gzip', 'br', 'deflate'])('then Content-Encoding: %s on a plain body is a 400 undecodable-body problem', async (encoding) => {
    expectProblem(await postJson('/api/v1/auth/login', login, { 'Content-Encoding': encoding }), 400, 'undecodable-body');
  });

  it('then an unknown Content-Encoding is a 415 problem', async () => {
    expectProblem(await postJson('/api/v1/auth/login', login, { 'Content-Encoding': 'x-unknown' }), 415, 'unsupported-content-encoding');
  });

  it('then a body that is gzip-compressed as it says is read', async () => {
    const res = await postJson('/api/v1/auth/login', zlib.gzipSync('{"email":"not an address","password":"x"}'), { 'Content-Encoding': 'gzip' });
    expectProblem(res, 400, 'validation-error');
    expect(JSON.parse(res.text).detail).toMatch(/email/);
  });

  it('then malformed JSON is a 400 malformed-json problem', async () => {
    expectProblem(await postJson('/api/v1/auth/login', '{"email":'), 400, 'malformed-json');
  });

  it('then a page form in latin1 is a 415 page in the reader’s language', async () => {
    const res = await http.send({ method: 'POST', path: '/sign-in', body: 'email=a', headers: { Accept: 'text/html', 'Accept-Language': 'fr', 'Content-Type': 'application/x-www-form-urlencoded; charset=latin1' } });
    expectPage(res, 415, 'jeu de caractères');
  });
});

describe('When a parsed body holds a NUL in any string', () => {
  it('then a JSON value with \\u0000 is a 400 nul-byte problem', async () => {
    expectProblem(await postJson('/api/v1/auth/login', '{"email":"a\\u0000@example.org","password":"x"}'), 400, 'nul-byte');
  });

  it('then a JSON key with \\u0000, deep in arrays, is refused too', async () => {
    expectProblem(await postJson('/api/v1/auth/login', '{"email":"a@example.org","password":"x","extra":[[{"k\\u0000":1}]]}'), 400, 'nul-byte');
  });

  // Found by the fuzz test: a rejection reason "\ud800" reached the audit log's jsonb and failed as a 500.
  it('then a JSON string holding half a surrogate pair is a 400 unpaired-surrogate problem, and a whole pair is kept', async () => {
    expectProblem(await postJson('/api/v1/auth/login', '{"email":"a@example.org","password":"\\ud800"}'), 400, 'unpaired-surrogate');
    expectProblem(await postJson('/api/v1/auth/login', '{"email":"a@example.org","password":"x","extra":{"\\udc00k":1}}'), 400, 'unpaired-surrogate');
    // An emoji is a pair, a character like any other: it passes to the route, which answers as for any wrong password.
    expect((await postJson('/api/v1/auth/login', '{"email":"a@example.org","password":"\\ud83c\\udf0d"}')).status).toBe(401);
  });

  it('then a deeply nested body is answered without a 5xx', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const res = await postJson('/api/v1/auth/login', deep);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('then a page form field with %00 is a readable 400 page', async () => {
    const res = await http.send({ method: 'POST', path: '/sign-in', body: 'email=a%00b&password=x', headers: { Accept: 'text/html', 'Content-Type': 'application/x-www-form-urlencoded' } });
    expectPage(res, 400, 'NUL character');
  });
});

describe('When an error carries a status', () => {
  it('then a 4xx is kept, with its message when it may be shown', () => {
    const err = Object.assign(new Error('range not satisfiable here'), { status: 416, expose: true });
    expect(toProblem(err, 'r1')).toMatchObject({ status: 416, message: 'range not satisfiable here' });
  });

  it('then an outgoing call’s error (axios) stays a 500 whatever the remote status', () => {
    const err = Object.assign(new Error('Request failed with status code 404'), { status: 404, isAxiosError: true });
    expect(toProblem(err, 'r1')).toMatchObject({ status: 500, id: 'internal-error' });
  });
});

describe('When a request with an API token asks for what needs a session (found by the fuzz test)', () => {
  it('then signing out answers 204: there is no session to end', async () => {
    const res = await http.send({ method: 'POST', path: '/api/v1/auth/logout', headers: { Authorization: `Bearer ${firmToken}` } });
    expect(res.status).toBe(204);
  });

  it.each([
    ['/api/v1/auth/login', { email: 'nobody@example.org', password: 'a long enough password' }],
    ['/api/v1/auth/signup', { email: 'token-signup@example.org', password: 'a long enough password', name: 'Token', role: 'firm' }],
  ])('then POST %s is a 400 session-required problem', async (path, body) => {
    expectProblem(await postJson(path, JSON.stringify(body), { Authorization: `Bearer ${firmToken}` }), 400, 'session-required');
  });
});

describe('When Node’s HTTP parser refuses a request before the app sees it', () => {
  it('then a raw NUL in the address is a 400 problem, not a bare status', async () => {
    const answer = await http.sendBytes('GET /api/v1/organizations?q=a\0b HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/Content-Type: application\/problem\+json/i);
    expect(answer).toContain('"type":"/problems/malformed-request"');
  });

  it('then an address over 16 KB is a 431 problem', async () => {
    expectProblem(await get(`/api/v1/organizations?q=${'x'.repeat(17_000)}`), 431, 'request-head-too-large');
  });
});
