import request from 'supertest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../server/db/client';
import { loopbackOnly } from '../../jobs/address-guard';
import { listMail } from '../../server/db/outbox';
import { fetchFeed } from '../../jobs/fetch';
import { signedIn, testApp } from '../support';
import { syncHarness, type RunResult } from '../sync-harness';

const h = syncHarness();
const { post, addSource, run } = h;

const empretec = () => ({ name: 'EMPRETEC centres', network: 'empretec', connector: 'json', url: h.feeds.url('empretec-centres.page1.json') });

describe('When an operator links the EMPRETEC JSON feed', () => {
  it('then the first run creates every centre over both pages, and an unchanged feed writes nothing', async () => {
    const id = await addSource(empretec());
    const first = await run(id);
    expect(first).toMatchObject({ status: 'succeeded', counts: { fetched: 24, created: 24, updated: 0, unchanged: 0, rejected: 0, withdrawn: 0 } });
    const list = await request(h.app).get('/api/v1/organizations').query({ network: 'empretec', limit: '100' });
    expect(list.body.total).toBe(24);
    const argentina = list.body.items.find((o: { name: string }) => o.name === 'Fundación Empretec');
    expect(argentina).toMatchObject({ country: 'AR', services: ['training', 'partner-search', 'follow-up-until-deal'], kind: 'entrepreneurship-centre' });
    expect(argentina.provenance).toEqual([expect.objectContaining({ source: id, externalId: 'ec-101', withdrawnAt: null })]);

    // The server answers 304 to the conditional GET: nothing parsed, nothing written.
    const again = await run(id);
    expect(again).toMatchObject({ status: 'succeeded', counts: { fetched: 0, created: 0, updated: 0, unchanged: 0 } });

    // Without validators the whole feed is read, and nothing changes.
    await h.operator.agent.patch(`/api/v1/sources/${id}`).set('X-CSRF-Token', h.operator.csrf).send({ url: `${h.feeds.url('empretec-centres.page1.json')}?noetag` });
    const before = (await request(h.app).get(`/api/v1/organizations/${argentina.id}`)).body;
    // xmin changes whenever PostgreSQL writes a new version of a row.
    const versions = () => rowsOf<{ v: string }>(h.ctx.database.db, sql`select string_agg(xmin::text, ',' order by seq) as v from provenance where source_id = ${id}`);
    const rowsBefore = await versions();
    const unchanged = await run(id);
    expect(unchanged.counts).toMatchObject({ fetched: 24, unchanged: 24, created: 0, updated: 0 });
    const after = (await request(h.app).get(`/api/v1/organizations/${argentina.id}`)).body;
    expect(after.updatedAt).toBe(before.updatedAt);
    expect(await versions()).toEqual(rowsBefore);
    // Nothing was written, yet the record reads as seen by this run.
    expect(after.provenance[0].lastSeen > before.provenance[0].lastSeen).toBe(true);
  });

  it('then a truncated export imports only the centres read before the cut, says the JSON is cut, and withdraws nothing', async () => {
    const id = await addSource({ ...empretec(), name: 'EMPRETEC (second link)', url: h.feeds.url('empretec-centres.page1.json') });
    await run(id);
    const stored = async () => {
      const items = (await request(h.app).get('/api/v1/organizations').query({ network: 'empretec', limit: '100' })).body.items as { id: string; updatedAt: string; provenance: { withdrawnAt: string | null }[] }[];
      return items.map((o) => [o.id, o.updatedAt, o.provenance.map((p) => p.withdrawnAt)]).sort();
    };
    const before = await stored();
    expect(before).toHaveLength(24);
    await h.operator.agent.patch(`/api/v1/sources/${id}`).set('X-CSRF-Token', h.operator.csrf).send({ url: h.feeds.url('faults/truncated.json') });
    const res = await run(id);
    // The 8 centres before the cut in record 9 are read and found unchanged: the run stopped part-way.
    expect(res).toMatchObject({ status: 'partial', counts: { fetched: 8, unchanged: 8, created: 0, updated: 0, rejected: 0, withdrawn: 0 } });
    expect(res.errors[0]?.message).toMatch(/cut or invalid/);
    expect(await stored()).toEqual(before);
  });
});

describe('When an operator links the WAIPA CSV member list', () => {
  it('then every agency imports with its country resolved, and the Gambian agency merges with Empretec Gambia', async () => {
    const id = await addSource({ name: 'WAIPA members', network: 'waipa', connector: 'csv', url: h.feeds.url('waipa-members.csv') });
    const res = await run(id);
    expect(res.status).toBe('succeeded');
    expect(res.counts.fetched).toBe(30);
    expect((res.counts.created ?? 0) + (res.counts.updated ?? 0)).toBe(30);
    const india = (await request(h.app).get('/api/v1/organizations').query({ q: 'invest india' })).body.items[0];
    expect(india).toMatchObject({ country: 'IN', sectors: ['C', 'J', 'M'] });
    const gambia = await request(h.app).get('/api/v1/organizations').query({ country: 'GM' });
    expect(gambia.body.total).toBe(1);
    expect(gambia.body.items[0].networks.sort()).toEqual(['empretec', 'waipa']);
    // One entry, provenances from both networks (EMPRETEC is linked twice in this file).
    expect(gambia.body.items[0].provenance.map((p: { externalId: string }) => p.externalId).sort()).toEqual(['WAIPA-0127', 'ec-112', 'ec-112']);
  });

  it('then ragged rows are rejected with their line and the rest imports', async () => {
    const id = await addSource({ name: 'Ragged list', network: 'waipa', connector: 'csv', url: h.feeds.url('faults/ragged.csv') });
    const res = await run(id);
    expect(res).toMatchObject({ status: 'partial', counts: { fetched: 10, created: 6, rejected: 4 } });
    expect(res.errors.map((e) => e.line).sort()).toEqual([10, 4, 6, 8]);
  });
});

describe('When an operator links an HTML member directory', () => {
  it('then each member card is a record, nothing else on the page is, and a re-sync finds them unchanged', async () => {
    const mapping = {
      type: 'organization',
      records: 'article.member',
      fields: { name: 'h3', country: 'span.country', acronym: 'abbr', website: 'a.website@href', description: 'p.summary' },
      defaults: { kind: 'investment-promotion-agency', networks: ['regional-ipa'] },
    };
    const id = await addSource({ name: 'Regional IPA network', network: 'regional-ipa', connector: 'html', url: `${h.feeds.url('ipa-directory.html')}?noetag`, mapping });
    const first = await run(id);
    expect(first.status).toBe('succeeded');
    expect(first.counts.fetched).toBe(12);
    expect((first.counts.created ?? 0) + (first.counts.updated ?? 0)).toBe(12);
    const bida = (await request(h.app).get('/api/v1/organizations').query({ q: 'bangladesh investment development' })).body.items[0];
    expect(bida).toMatchObject({ acronym: 'BIDA', country: 'BD', website: 'https://bida.gov.bd/', networks: ['regional-ipa'] });
    expect(bida.description).toContain('Single window for foreign investors');
    const again = await run(id);
    expect(again.counts).toMatchObject({ fetched: 12, unchanged: 12, created: 0, updated: 0 });
  });

  it('then an html source without a record selector is refused when saved', async () => {
    const res = await post('/api/v1/sources', { name: 'No selector', network: 'x-net', connector: 'html', url: h.feeds.url('ipa-directory.html'), mapping: { type: 'organization', fields: { name: 'h3', country: 'span.country' } } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('mapping.records');
  });
});

describe('When an operator links an Atom feed of programmes', () => {
  it('then every entry becomes a programme, with its direction derived from its countries and its HTML summary sanitised', async () => {
    const mapping = {
      type: 'programme',
      fields: {
        externalId: 'id',
        name: 'title',
        website: 'link@href',
        description: 'summary',
        originCountries: 'pn:origin',
        targetCountries: 'pn:target',
        partnershipTypes: 'pn:partnershipTypes',
        services: 'pn:services',
        sectors: 'pn:sectors',
      },
      defaults: {},
    };
    const id = await addSource({ name: 'Partnering desk', network: 'partnering-desk', connector: 'atom', url: `${h.feeds.url('programmes.atom')}?noetag`, mapping });
    const first = await run(id);
    expect(first).toMatchObject({ status: 'succeeded', counts: { fetched: 8, created: 8, rejected: 0 } });
    const progs = (await request(h.app).get('/api/v1/programmes').query({ limit: '100' })).body.items as { name: string; direction: string; originCountries: string[]; targetCountries: string[]; description: string; website: string }[];
    const byName = (n: string) => progs.find((p) => p.name.startsWith(n));
    expect(byName('develoPPP')).toMatchObject({ direction: 'north-south', originCountries: ['DE'], targetCountries: ['GH', 'KE', 'VN', 'CO'], website: 'https://www.developpp.de/en/' });
    expect(byName('develoPPP')?.description).toContain('<strong>Calls open several times a year.</strong>');
    expect(byName('Ghana–Côte')?.direction).toBe('south-south');
    expect(byName('Japan-supported')?.direction).toBe('south-south');
    expect(byName('Canada–Senegal')?.direction).toBe('north-south');
    expect((await run(id)).counts).toMatchObject({ fetched: 8, unchanged: 8 });
  });
});

describe('When a feed carries bad records', () => {
  it('then bad ones are rejected or cleaned with their reason and the good ones import', async () => {
    const id = await addSource({ ...empretec(), name: 'Bad records', url: h.feeds.url('faults/bad-records.json') });
    const res = await run(id);
    expect(res.status).toBe('partial');
    expect(res.counts.rejected).toBe(2);
    expect(res.counts.created).toBe(5);
    const named = (ext: string) => res.errors.filter((e) => e.externalId === ext).map((e) => e.message).join(' ');
    expect(named('bad-2')).toMatch(/no name/);
    expect(named('bad-4')).toMatch(/unknown country "Atlantis"/);
    expect(named('bad-5')).toMatch(/website/);
    expect(named('bad-7')).toMatch(/e-mail/);
  });

  it('then an e-mail with markup in it is dropped with a warning, its record still imports, and a good address is kept', async () => {
    const id = await addSource({ ...empretec(), name: 'Odd e-mails', url: h.feeds.url('faults/emails.json') });
    const res = await run(id);
    expect(res.counts).toMatchObject({ fetched: 4, created: 4, rejected: 0 });
    for (const ext of ['mail-1', 'mail-2', 'mail-3']) expect(res.errors.filter((e) => e.externalId === ext).map((e) => e.message).join(' ')).toMatch(/e-mail .* is malformed: dropped/);
    expect(res.errors.filter((e) => e.externalId === 'mail-4')).toEqual([]);
    const items = (await request(h.app).get('/api/v1/organizations').query({ q: 'Savannah Export Clinic' })).body.items as { name: string; email: string | null }[];
    expect(items.find((o) => o.name === 'Savannah Export Clinic')?.email).toBeNull();
    const kept = (await request(h.app).get('/api/v1/organizations').query({ q: 'Andean Partner Bureau' })).body.items as { name: string; email: string | null }[];
    expect(kept.find((o) => o.name === 'Andean Partner Bureau')?.email).toBe('info@andean-bureau.example.org');
    const page = await request(h.app).get('/search').query({ q: 'Savannah Highlands Delta' });
    expect(page.text).not.toMatch(/<script>alert|onerror=alert/);
  });

  it('then script in descriptions never reaches the API', async () => {
    const id = await addSource({ ...empretec(), name: 'XSS', url: h.feeds.url('faults/xss.json') });
    expect((await run(id)).counts.created).toBe(3);
    const body = JSON.stringify((await request(h.app).get('/api/v1/organizations').query({ limit: '100' })).body);
    expect(body).not.toMatch(/<script|onerror=|onclick=|onload=|javascript:/i);
  });
});

describe('When records vanish from a feed', () => {
  it('then they are withdrawn from that source and stop showing, unless the feed shrank suspiciously', async () => {
    const file = 'shrinking.json';
    const countries = ['NP', 'BT', 'LA', 'MN', 'FJ', 'PG', 'BO', 'PY', 'NA', 'BW', 'MW', 'LS'];
    const items = countries.map((country, i) => ({ id: `s-${i}`, title: `${['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta', 'Eta', 'Theta', 'Iota', 'Kappa', 'Lambda', 'Mu'][i]} Linkage Desk`, country }));
    h.feeds.override.set(file, JSON.stringify({ data: { items } }));
    const id = await addSource({ name: 'Shrinking', network: 'peer', connector: 'json', url: `${h.feeds.url(file)}?noetag`, mapping: { type: 'organization', records: 'data.items', fields: { externalId: 'id', name: 'title', country: 'country' }, defaults: { kind: 'other', networks: ['shrink'] } } });
    expect((await run(id)).counts).toMatchObject({ created: 12 });
    const total = (await request(h.app).get('/api/v1/organizations').query({ network: 'shrink' })).body.total;

    h.feeds.override.set(file, JSON.stringify({ data: { items: items.slice(1) } }));
    const one = await run(id);
    expect(one.counts.withdrawn).toBe(1);
    expect((await request(h.app).get('/api/v1/organizations').query({ network: 'shrink' })).body.total).toBe(total - 1);

    h.feeds.override.set(file, JSON.stringify({ data: { items: items.slice(0, 2) } }));
    const suspicious = await run(id);
    expect(suspicious.status).toBe('partial');
    expect(suspicious.counts.withdrawn).toBe(0);
    // The operator's mail carries the run's errors: the safety stop says where to decide.
    expect(suspicious.errors.map((e) => e.message).join()).toMatch(/safety stop.*POST \/api\/v1\/sources\/.+\/runs\/.+\/withdrawals/);
    expect(suspicious).toMatchObject({ heldWithdrawals: 10, withdrawalsDecision: null });
    expect((await request(h.app).get('/api/v1/organizations').query({ network: 'shrink' })).body.total).toBe(total);

    // The operator dismisses: nothing goes, and the run can't be decided twice.
    const decide = (runId: string, decision: string) => post(`/api/v1/sources/${id}/runs/${runId}/withdrawals`, { decision });
    const suspiciousId = (suspicious as RunResult & { id: string }).id;
    expect((await decide(suspiciousId, 'dismiss')).body).toEqual({ withdrawn: 0 });
    expect((await decide(suspiciousId, 'confirm')).status).toBe(409);
    expect((await decide(suspiciousId, 'perhaps')).status).toBe(400);

    // The feed is still short on the next run: this time the operator confirms, and the short feed is the new baseline.
    const again = (await run(id)) as RunResult & { id: string };
    expect(again.status).toBe('partial');
    expect((await decide(suspiciousId, 'confirm')).status).toBe(409);
    expect((await decide(again.id, 'confirm')).body).toEqual({ withdrawn: 10 });
    expect((await request(h.app).get('/api/v1/organizations').query({ network: 'shrink' })).body.total).toBe(2);
    expect((await run(id)).status).toBe('succeeded');
  });
});

describe('When a feed misbehaves', () => {
  it.each([
    ['fault/500', /answered 500/],
    ['fault/html', /sent HTML/],
  ])('then %s ends the run failed with a clear error', async (file, message) => {
    const id = await addSource({ ...empretec(), name: `Fault ${file}`, url: h.feeds.url(file) });
    const before = (await request(h.app).get('/api/v1/organizations')).body.total;
    const res = await run(id);
    expect(res.status).toBe('failed');
    expect(res.errors[0]?.message).toMatch(message);
    expect((await request(h.app).get('/api/v1/organizations')).body.total).toBe(before);
    // The console flags the source, and the operators are mailed (notify defaults to on-error).
    expect((await h.operator.agent.get(`/api/v1/sources/${id}`)).body).toMatchObject({ failing: true, lastRun: { status: 'failed' }, notify: 'on-error' });
    const mail = await listMail(h.ctx.database.db, { to: h.operator.email, kind: 'sync-failed' }, 50);
    const sent = mail.find((m) => m.subject === `Sync of Fault ${file}: failed`);
    // It links to the run's console page on PUBLIC_URL, not to an API route.
    expect(sent?.text).toContain(`${h.ctx.env.publicUrl}/console/sources/${id}/runs/${res.id}`);
  }, 20_000);
});

describe('When a feed redirects to a private address', () => {
  it('then the redirect is refused before any request is sent there', async () => {
    // Loopback is allowed for the test server; 10.255.255.1 must never be contacted.
    await expect(fetchFeed(h.feeds.url('fault/redirect-private'), { allowPrivate: loopbackOnly, maxBytes: 1_000_000 })).rejects.toThrow(/10\.255\.255\.1 is a private address/);
    expect(h.feeds.requests.filter((r) => r === '/fault/redirect-private')).toHaveLength(1);
  });
});

describe('When an operator saves a source with bad settings', () => {
  it.each([
    [{ schedule: 'every day' }, 'schedule'],
    [{ connector: 'ftp' }, 'connector'],
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ mapping: { type: 'organization', fields: { name: 'title', colour: 'c', country: 'x' } } }, 'mapping.fields.colour'],
    [{ network: 'somewhere', mapping: undefined }, 'mapping'],
    [{ url: 'file:///etc/passwd' }, 'url'],
  ])('then %j is 400 naming %s', async (change, path) => {
    const res = await post('/api/v1/sources', { ...empretec(), ...change });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('then a private address is refused unless FEED_ALLOW_PRIVATE=1', async () => {
    const strict = await testApp();
    try {
      const op = await signedIn(strict, ['operator']);
      for (const url of ['http://127.0.0.1/x.json', 'http://localhost/x.json', 'http://127.1/x.json', 'http://2130706433/x.json', 'http://0.0.0.0/x.json', 'http://[::1]/x.json', 'http://[::ffff:127.0.0.1]/x.json', 'http://10.1.2.3/x.json']) {
        const res = await op.agent.post('/api/v1/sources').set('X-CSRF-Token', op.csrf).send({ ...empretec(), url });
        expect([url, res.status]).toEqual([url, 400]);
        expect(res.body.errors[0].path).toBe('url');
      }
    } finally {
      await strict.close();
    }
  });
});
