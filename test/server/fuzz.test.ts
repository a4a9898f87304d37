/**
 * When thousands of requests are drawn from the OpenAPI document the server serves (and from its
 * page routes), with valid values, NUL, malformed percent-encoding, huge numbers, unicode,
 * repeated parameters and bodies in wrong types, charsets and encodings, sent anonymously and
 * as each role, then none gets a 5xx: every API refusal is problem+json, every page refusal an
 * HTML page. FUZZ_RUNS (default 2000) and FUZZ_SEED change the run; a failure prints its seed.
 */
import fc from 'fast-check';
import { makeCase, makeOrganization, makeProgramme } from '../factories';
import { cookiesWith, operationRequests, pageRequests, type FuzzRequest, type OpenApiDocument } from '../openapi-arbitrary';
import { rawClient, type RawClient, type RawResponse } from '../raw-http';
import { routesOf } from '../express-routes';
import { freshAddress, PASSWORD, signedIn, testApp, type TestApp } from '../support';

const runs = Number(process.env.FUZZ_RUNS ?? 2000);
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

interface Principal {
  name: string;
  /** Authorization header for the API. */
  bearer?: string;
  /** Session cookie for pages. */
  session?: string;
}

let t: TestApp;
let http: RawClient;
let doc: OpenApiDocument;
let ids: string[];
const principals: Principal[] = [{ name: 'anonymous' }];
/** Statuses seen per principal, to show the signed-in runs got past the sign-in check. */
const seen = new Map<string, number[]>();


async function signIn(roles: Parameters<typeof signedIn>[1], organizations: string[] = []): Promise<Principal> {
  const user = await signedIn(t, roles, organizations);
  const token = (await user.agent.post('/api/v1/tokens').set('X-CSRF-Token', user.csrf).send({ name: 'fuzz' })).body.token as string;
  const login = await http.send({ method: 'POST', path: '/api/v1/auth/login', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': freshAddress() }, body: JSON.stringify({ email: user.email, password: PASSWORD }) });
  const session = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0];
  return { name: roles.join('+'), bearer: `Bearer ${token}`, session };
}

beforeAll(async () => {
  t = await testApp();
  http = await rawClient(t.app);
  const agency = await makeOrganization(t.ctx, { country: 'SN' });
  const programme = await makeProgramme(t.ctx, { originCountries: ['FR'], targetCountries: ['SN'] }, [agency]);
  ids = [agency, programme, await makeCase(t.ctx, {}, [agency]), await makeOrganization(t.ctx, { state: 'pending' })];
  principals.push(await signIn(['firm']), await signIn(['agency-editor'], [agency]), await signIn(['operator']), await signIn(['admin']));
  doc = JSON.parse((await http.send({ method: 'GET', path: '/api/openapi.json' })).text) as OpenApiDocument;
}, 120_000);
afterAll(async () => {
  await http.close();
  await t.close();
});

/** The request as a line to paste into a bug report. */
const describeRequest = (r: FuzzRequest) => `${r.method} ${r.path} ${JSON.stringify(r.headers)} ${r.body ? JSON.stringify(r.body.toString('utf8').slice(0, 300)) : ''}`;

/** `api` answers refusals in problem+json, `page` in HTML; `either` (documented routes outside /api/, like /feed.atom) in one of them. */
function expectAnswered(r: FuzzRequest, res: RawResponse, kind: 'api' | 'page' | 'either') {
  const where = `${describeRequest(r)} → ${res.status} ${res.headers['content-type'] ?? ''} ${res.text.slice(0, 300)}`;
  if (res.status >= 500) throw new Error(`5xx for ${where}`);
  if (res.status < 400 || r.method === 'HEAD') return;
  const type = String(res.headers['content-type'] ?? '');
  // A request head over 16 KB is refused by Node's parser before any route: a problem, even for a page.
  if (kind === 'api' || res.status === 431) {
    if (!type.startsWith('application/problem+json')) throw new Error(`not problem+json for ${where}`);
    if ((JSON.parse(res.text) as { status?: unknown }).status !== res.status) throw new Error(`problem status differs for ${where}`);
  } else if (!type.startsWith('text/html') && !(kind === 'either' && type.startsWith('application/problem+json'))) throw new Error(`not an HTML page for ${where}`);
}

/** Runs the property with the file's seed, and names the seed and run count when it fails. */
async function check<T extends [unknown, ...unknown[]]>(property: fc.IAsyncProperty<T>, numRuns: number) {
  try {
    await fc.assert(property, { seed, numRuns });
  } catch (err) {
    throw new Error(`Fuzz failed; repeat with FUZZ_SEED=${seed} FUZZ_RUNS=${runs}\n${(err as Error).message}\n${String((err as Error).cause ?? '')}`);
  }
}

const send = async (principal: Principal, r: FuzzRequest) => {
  const res = await http.send(r);
  seen.set(principal.name, [...(seen.get(principal.name) ?? []), res.status]);
  return res;
};

describe('When requests are drawn from the OpenAPI document', () => {
  it('then no API answer is a 5xx and every refusal is problem+json, anonymous or signed in with a token', async () => {
    const requests = operationRequests(doc, '', ids);
    await check(
      fc.asyncProperty(fc.constantFrom(...principals), requests, cookiesWith(undefined), async (principal, r, cookie) => {
        const request = { ...r, headers: { ...r.headers, ...(principal.bearer ? { Authorization: principal.bearer } : {}), ...(cookie ? { Cookie: cookie } : {}) } };
        expectAnswered(request, await send(principal, request), request.path.startsWith('/api/') ? 'api' : 'either');
      }),
      Math.ceil((runs * 2) / 3),
    );
    // The signed-in runs reached past the sign-in check: some of their answers are neither 401 nor 403.
    for (const p of principals.slice(1)) expect((seen.get(p.name) ?? []).filter((s) => s < 400 || s === 404 || s === 409 || s === 422).length).toBeGreaterThan(0);
  }, 600_000);
});

describe('When requests are drawn from the page routes', () => {
  it('then no page answer is a 5xx and every refusal is an HTML page, anonymous or signed in', async () => {
    const routes = routesOf(t.app).filter((r) => !r.path.startsWith('/api/') && !r.path.includes('healthz') && (r.method === 'get' || r.method === 'post'));
    expect(routes.length).toBeGreaterThan(30);
    const requests = pageRequests(routes, '', ids);
    await check(
      fc.asyncProperty(fc.constantFrom(...principals), requests, cookiesWith(undefined), async (principal, r, lang) => {
        const cookie = [principal.session, lang].filter(Boolean).join('; ');
        const request = { ...r, headers: { ...r.headers, Accept: 'text/html', ...(cookie ? { Cookie: cookie } : {}) } };
        expectAnswered(request, await send(principal, request), 'page');
      }),
      Math.ceil(runs / 3),
    );
  }, 600_000);
});
