/** The operators' console, source side: the list, the source form and its preview, run now, runs, clear and delete. */
import * as cheerio from 'cheerio';
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../server/db/client';
import { runsOf, updateRun } from '../../../server/db/sync';
import { inFlight } from '../../../jobs/start-run';
import { startFeedServer, type FeedServer } from '../../feed-server';
import { signedIn, testApp, type TestApp } from '../../support';

let t: TestApp;
let feeds: FeedServer;
let operator: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  // Fixture feeds are served on loopback, which sources may reach only with FEED_ALLOW_PRIVATE.
  [t, feeds] = await Promise.all([testApp({ FEED_ALLOW_PRIVATE: '1' }), startFeedServer()]);
  operator = await signedIn(t, ['operator']);
});
afterAll(() => Promise.all([feeds?.close(), t?.close()]));

/** Posts a console form as the operator, with the session's CSRF field. */
const post = (path: string, fields: Record<string, string | string[]> = {}, as = operator) => as.agent.post(path).type('form').send({ _csrf: as.csrf, ...fields });

/** Every table a write could touch, counted: a preview must leave them all as they were. */
const tableCounts = async () =>
  (
    await rowsOf<{ counts: string }>(
      t.ctx.database.db,
      sql`select concat_ws(',', (select count(*) from sources), (select count(*) from sync_runs), (select count(*) from organizations), (select count(*) from programmes), (select count(*) from provenance), (select count(*) from audit_log), (select count(*) from match_reviews)) as counts`,
    )
  )[0]?.counts;

const badRecordsForm = () => ({
  name: 'Chambers <b>export</b>',
  network: 'empretec',
  connector: 'json',
  url: feeds.url('faults/bad-records.json'),
  mapping: '',
  schedule: '0 3 * * *',
  timezone: 'Africa/Nairobi',
  enabled: 'true',
  notify: 'never',
});

describe('When someone who is not an operator opens the console', () => {
  it('then a signed-out reader is sent to sign in, and an agency editor or firm gets the 403 page', async () => {
    const out = await request(t.app).get('/console/sources/new');
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/sign-in?next=%2Fconsole%2Fsources%2Fnew');
    for (const role of ['agency-editor', 'firm'] as const) {
      const someone = await signedIn(t, [role]);
      const page = await someone.agent.get('/console');
      expect(page.status).toBe(403);
      expect(page.type).toBe('text/html');
      const save = await post('/console/sources/new', badRecordsForm(), someone);
      expect(save.status).toBe(403);
    }
    expect(await rowsOf(t.ctx.database.db, sql`select count(*)::int as n from sources`)).toEqual([{ n: 0 }]);
  });
});

describe('When an operator opens an empty console', () => {
  it('then it says no feed is linked, links both queues with their sizes, and offers to add a source', async () => {
    const res = await operator.agent.get('/console');
    expect(res.status).toBe(200);
    expect(res.text).toContain('No feed is linked yet.');
    expect(res.text).toMatch(/href="\/console\/moderation">Moderation queue<\/a>: 0 waiting/);
    expect(res.text).toMatch(/href="\/console\/duplicates">Duplicates review<\/a>: 0 waiting/);
    expect(res.text).toContain('href="/console/sources/new"');
    expect(res.text).toContain('application/ld+json');
  });

  it('then the new source form labels every field and starts enabled, in UTC, reading json', async () => {
    const res = await operator.agent.get('/console/sources/new');
    expect(res.status).toBe(200);
    for (const name of ['name', 'network', 'connector', 'url', 'mapping', 'schedule', 'timezone', 'notify']) expect(res.text).toContain(`<label for="f-${name}">`);
    expect(res.text).toMatch(/<input id="f-timezone" name="timezone"[^>]*value="UTC"/);
    expect(res.text).toMatch(/<option value="json" selected>/);
    expect(res.text).toMatch(/name="enabled" value="true" id="f-enabled-0" checked/);
    expect(res.text).toContain('empretec, waipa');
  });
});

describe('When an operator sends the source form with mistakes', () => {
  it('then the form comes back (400) with what they typed and each error tied to its field, and nothing is saved', async () => {
    const before = await tableCounts();
    const res = await post('/console/sources/new', { ...badRecordsForm(), connector: 'ftp', mapping: '{"type": "organization", fields: }', schedule: 'every day', _action: 'save' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('class="error-summary"');
    // Typed values are kept, escaped.
    expect(res.text).toContain('{&quot;type&quot;: &quot;organization&quot;, fields: }</textarea>');
    expect(res.text).toMatch(/<input id="f-schedule" name="schedule" aria-describedby="f-schedule-hint f-schedule-error" aria-invalid="true" type="text" value="every day">/);
    expect(res.text).toContain('value="Chambers &lt;b&gt;export&lt;/b&gt;"');
    expect(res.text).toMatch(/id="f-mapping-error">This is not valid JSON/);
    expect(res.text).toMatch(/id="f-schedule-error">This is not a valid cron expression/);
    expect(res.text).toMatch(/id="f-connector-error">Choose one of the connectors/);
    expect(res.text).toMatch(/<select id="f-connector" name="connector" aria-describedby="f-connector-error" aria-invalid="true"/);
    expect(await tableCounts()).toBe(before);
  });

  it('then a mapping that misses a field, or a network without a preset and no mapping, is named next to the mapping', async () => {
    const missing = await post('/console/sources/new', { ...badRecordsForm(), mapping: '{"type":"organization","fields":{"name":"title"}}', _action: 'preview' });
    expect(missing.status).toBe(400);
    expect(missing.text).toMatch(/id="f-mapping-error">fields.country: the mapping must say where the country comes from/);
    const noPreset = await post('/console/sources/new', { ...badRecordsForm(), network: 'chambers', _action: 'save' });
    expect(noPreset.status).toBe(400);
    expect(noPreset.text).toMatch(/id="f-mapping-error">give a mapping: the network &quot;chambers&quot; has no preset/);
    expect(noPreset.text).toContain('value="chambers"');
  });

  it('then in French the errors are in French', async () => {
    // An operator of their own: the language choice sticks to the session's cookies.
    const french = await signedIn(t, ['operator']);
    const res = await post('/console/sources/new?lang=fr', { ...badRecordsForm(), schedule: '99 * * * *', timezone: 'Mars/Olympus', _action: 'save' }, french);
    expect(res.status).toBe(400);
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('Ce n’est pas une expression cron valide');
    expect(res.text).toContain('Ce fuseau horaire est inconnu');
    expect(res.text).toContain('value="Mars/Olympus"');
  });
});

describe('When an operator previews a mapping', () => {
  it('then the first records show mapped, with each bad record’s error, and nothing at all is written', async () => {
    const before = await tableCounts();
    const res = await post('/console/sources/new', { ...badRecordsForm(), _action: 'preview' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Nothing was saved.');
    expect(res.text).toMatch(/<table id="preview-records"><caption>\d+ records? mapped\.<\/caption>/);
    expect(res.text).toContain('<td>Cámara de Comercio de Lima</td>');
    // The table scrolls inside a box of its own, which the keyboard can reach and scroll too.
    const $ = cheerio.load(res.text);
    expect($('#preview-records').parent().is('#preview .scroll[role=region][tabindex="0"]')).toBe(true);
    expect($('style').text()).toContain('#preview .scroll{overflow:auto;max-height:32rem');
    expect(res.text).toContain('<td>PE</td>');
    expect(res.text).toMatch(/<td>bad-2<\/td><td>rejected: no name<\/td>/);
    expect(res.text).toMatch(/<td>bad-4<\/td><td>rejected: unknown country &quot;Atlantis&quot;<\/td>/);
    // The form keeps what was typed, so the operator can save it as it is.
    expect(res.text).toContain(`value="${feeds.url('faults/bad-records.json')}"`);
    expect(await tableCounts()).toBe(before);
  });

  it('then a feed that cannot be read says why above the (empty) records', async () => {
    const res = await post('/console/sources/new', { ...badRecordsForm(), url: feeds.url('fault/html'), _action: 'preview' });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/id="preview-faults">[\s\S]*expected JSON but the feed sent HTML/);
    expect(res.text).toContain('No record could be mapped.');
    const gone = await post('/console/sources/new', { ...badRecordsForm(), url: feeds.url('no-such-feed.json'), _action: 'preview' });
    expect(gone.text).toMatch(/answered 404/);
  });

  it('then the API gives the same preview as JSON, writes nothing, and is documented', async () => {
    const before = await tableCounts();
    const { mapping: _m, enabled: _e, ...body } = badRecordsForm();
    const res = await operator.agent.post('/api/v1/sources/preview').set('X-CSRF-Token', operator.csrf).send({ ...body, enabled: true });
    expect(res.status).toBe(200);
    expect(res.body.records[0]).toMatchObject({ type: 'organization', externalId: 'bad-1', name: 'Cámara de Comercio de Lima', country: 'PE' });
    expect(res.body.records.length).toBeLessThanOrEqual(10);
    expect(res.body.errors).toEqual(expect.arrayContaining([{ externalId: 'bad-2', message: 'rejected: no name' }]));
    expect(await tableCounts()).toBe(before);
    const refused = await operator.agent.post('/api/v1/sources/preview').set('X-CSRF-Token', operator.csrf).send({ ...body, connector: 'ftp' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('connector');
    const firm = await signedIn(t, ['firm']);
    expect((await firm.agent.post('/api/v1/sources/preview').set('X-CSRF-Token', firm.csrf).send(body)).status).toBe(403);
    const doc = (await request(t.app).get('/api/openapi.json')).body;
    expect(doc.paths['/api/v1/sources/preview'].post.responses['200']).toBeDefined();
  });
});

describe('When an operator saves a source, runs it now and reads its runs', () => {
  let id: string;
  it('then the source is saved through the API’s command and listed with its schedule and next run', async () => {
    const res = await post('/console/sources/new', { ...badRecordsForm(), _action: 'save' });
    expect(res.status).toBe(303);
    id = /\/console\/sources\/([0-9a-f-]{36})$/.exec(res.headers.location ?? '')?.[1] ?? '';
    expect(id).not.toBe('');
    const api = await operator.agent.get(`/api/v1/sources/${id}`);
    expect(api.body).toMatchObject({ name: 'Chambers <b>export</b>', network: 'empretec', schedule: '0 3 * * *', timezone: 'Africa/Nairobi', enabled: true, notify: 'never', mapping: null });
    const form = await operator.agent.get(`/console/sources/${id}`);
    expect(form.text).toContain('The source was added.');
    const list = await operator.agent.get('/console');
    expect(list.text).toContain('Chambers &lt;b&gt;export&lt;/b&gt;</a>');
    expect(list.text).toContain('<code>0 3 * * *</code> <span class="meta">Africa/Nairobi</span>');
    // 03:00 in Nairobi, whatever the day.
    expect(list.text).toMatch(/<td>\d{1,2} [A-Z][a-z]{2} \d{4}, 03:00<\/td>/);
    expect(list.text).toContain('never run');
    // The notice was shown once only.
    expect((await operator.agent.get(`/console/sources/${id}`)).text).not.toContain('The source was added.');
  });

  it('then Run now starts a run and comes back with a notice, and the run’s page lists its per-record errors', async () => {
    const res = await post(`/console/sources/${id}/run`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/console');
    await Promise.all([...inFlight]);
    const list = await operator.agent.get('/console');
    expect(list.text).toContain('A run of Chambers &lt;b&gt;export&lt;/b&gt; has started.');
    const runId = /href="\/console\/sources\/[0-9a-f-]{36}\/runs\/([0-9a-f-]{36})">See the run/.exec(list.text)?.[1];
    expect(runId).toBeDefined();
    expect(list.text).toMatch(/>partial<\/a>/);
    const runs = await operator.agent.get(`/console/sources/${id}/runs`);
    expect(runs.status).toBe(200);
    expect(runs.text).toContain(`href="/console/sources/${id}/runs/${runId}"`);
    expect(runs.text).toMatch(/<td>partial<\/td><td>by hand<\/td>/);
    const run = await operator.agent.get(`/console/sources/${id}/runs/${runId}`);
    expect(run.status).toBe(200);
    expect(run.text).toMatch(/<dt>rejected<\/dt><dd>\d+<\/dd>/);
    expect(run.text).toMatch(/<td><\/td><td>bad-2<\/td><td>rejected: no name<\/td>/);
  });

  it('then editing keeps typed values on error, saves a change, and a malformed or unknown id gives its error page', async () => {
    const bad = await post(`/console/sources/${id}`, { ...badRecordsForm(), name: 'Chambers', schedule: '61 * * * *', _action: 'save' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('value="61 * * * *"');
    const before = await tableCounts();
    const preview = await post(`/console/sources/${id}`, { ...badRecordsForm(), name: 'Renamed in preview only', _action: 'preview' });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('<td>Cámara de Comercio de Lima</td>');
    expect(preview.text).toContain('value="Renamed in preview only"');
    expect(await tableCounts()).toBe(before);
    const ok = await post(`/console/sources/${id}`, { ...badRecordsForm(), name: 'Chambers of commerce', schedule: '', _action: 'save' });
    expect(ok.status).toBe(303);
    expect((await operator.agent.get(`/api/v1/sources/${id}`)).body).toMatchObject({ name: 'Chambers of commerce', schedule: null, enabled: true });
    const page = await operator.agent.get(`/console/sources/${id}`);
    expect(page.text).toContain('The source was saved.');
    expect((await operator.agent.get('/console')).text).toContain('by hand only');
    expect((await operator.agent.get('/console/sources/not-an-id')).status).toBe(400);
    const unknown = await operator.agent.get('/console/sources/00000000-0000-4000-8000-000000000000/runs');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Page not found');
  });

  it('then a safety stop’s held withdrawals can be dismissed from the run’s page, once', async () => {
    const [last] = await runsOf(t.ctx.database.db, id, 1);
    if (!last) throw new Error('no run');
    await updateRun(t.ctx.database.db, last.id, { heldWithdrawals: 3, heldSeqs: [] });
    const page = await operator.agent.get(`/console/sources/${id}/runs/${last.id}`);
    expect(page.text).toContain('3 withdrawals are held back');
    expect(page.text).toContain('Confirm the withdrawals');
    // One held withdrawal is counted in the singular, in each language.
    await updateRun(t.ctx.database.db, last.id, { heldWithdrawals: 1, heldSeqs: [] });
    expect((await operator.agent.get(`/console/sources/${id}/runs/${last.id}`)).text).toContain('so 1 withdrawal is held back. Confirm it');
    expect((await operator.agent.get(`/console/sources/${id}/runs/${last.id}`).set('Accept-Language', 'fr')).text).toContain('aussi 1 retrait est retenu.');
    expect((await post(`/console/sources/${id}/runs/${last.id}/withdrawals`, { decision: 'maybe' })).status).toBe(400);
    const res = await post(`/console/sources/${id}/runs/${last.id}/withdrawals`, { decision: 'dismiss' });
    expect(res.status).toBe(303);
    const after = await operator.agent.get(`/console/sources/${id}/runs/${last.id}`);
    expect(after.text).toContain('The held withdrawals were dismissed: the records stay.');
    expect(after.text).toContain('An operator dismissed the held withdrawals.');
    expect(after.text).not.toContain('Confirm the withdrawals');
    await post(`/console/sources/${id}/runs/${last.id}/withdrawals`, { decision: 'confirm' });
    expect((await operator.agent.get(`/console/sources/${id}/runs/${last.id}`)).text).toContain('This was already decided');
  });

  it('then clearing and deleting each ask first, then do it', async () => {
    const ask = await operator.agent.get(`/console/sources/${id}/clear`);
    expect(ask.text).toContain('Clear Chambers of commerce?');
    expect(ask.text).toContain(`action="/console/sources/${id}/clear"`);
    const cleared = await post(`/console/sources/${id}/clear`);
    expect(cleared.headers.location).toBe(`/console/sources/${id}`);
    expect((await operator.agent.get(`/console/sources/${id}`)).text).toMatch(/\d+ records of Chambers of commerce were forgotten\./);
    expect((await operator.agent.get(`/console/sources/${id}/delete`)).text).toContain('Delete Chambers of commerce?');
    const deleted = await post(`/console/sources/${id}/delete`);
    expect(deleted.headers.location).toBe('/console');
    const list = await operator.agent.get('/console');
    expect(list.text).toContain('The source Chambers of commerce was deleted.');
    expect(list.text).toContain('No feed is linked yet.');
    expect((await operator.agent.get(`/console/sources/${id}`)).status).toBe(404);
  });
});
