/** The operators' console, source side: the list, the source form and its preview, run now, runs, clear and delete. */
import request from 'supertest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../server/db/client';
import { runsOf, updateRun } from '../../../server/db/sync';
import { inFlight } from '../../../jobs/start-run';
import { startFeedServer, type FeedServer } from '../../feed-server';
import { signedIn, testApp, type TestApp } from '../../support';
import { actions, checked, definition, describedBy, hrefOf, labelOf, langOf, links, read, rows, textIn, textsOf, valueOf } from './reader';

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
    const $ = read(res.text);
    expect(textIn($, 'main')).toContain('No feed is linked yet.');
    expect(hrefOf($, 'Moderation queue', 'main')).toBe('/console/moderation');
    expect(hrefOf($, 'Duplicates review', 'main')).toBe('/console/duplicates');
    expect(textsOf($, 'main li')).toEqual(expect.arrayContaining(['Moderation queue: 0 waiting', 'Duplicates review: 0 waiting']));
    expect(hrefOf($, 'Add a source', 'main')).toBe('/console/sources/new');
    expect(res.text).toContain('application/ld+json');
  });

  it('then the new source form labels every field and starts enabled, in UTC, reading json', async () => {
    const res = await operator.agent.get('/console/sources/new');
    expect(res.status).toBe(200);
    const $ = read(res.text);
    const labels = ['name', 'network', 'connector', 'url', 'mapping', 'schedule', 'timezone', 'notify'].map((name) => labelOf($, name));
    expect(labels).toEqual(['Name *', 'Network *', 'Connector *', 'Feed URL *', 'Mapping (JSON)', 'Schedule', 'Time zone *', 'Mail the operators']);
    expect(valueOf($, 'timezone')).toBe('UTC');
    expect(valueOf($, 'connector')).toBe('json');
    expect(checked($, 'enabled')).toEqual(['true']);
    expect(textIn($, 'form')).toContain('empretec, waipa');
  });
});

describe('When an operator sends the source form with mistakes', () => {
  it('then the form comes back (400) with what they typed and each error tied to its field, and nothing is saved', async () => {
    const before = await tableCounts();
    const res = await post('/console/sources/new', { ...badRecordsForm(), connector: 'ftp', mapping: '{"type": "organization", fields: }', schedule: 'every day', _action: 'save' });
    expect(res.status).toBe(400);
    const $ = read(res.text);
    // The summary links to each field in error.
    expect(links($, '.error-summary').map((l) => l.href)).toEqual(expect.arrayContaining(['#f-connector', '#f-mapping', '#f-schedule']));
    // Typed values are kept as typed.
    expect(valueOf($, 'mapping')).toBe('{"type": "organization", fields: }');
    expect(valueOf($, 'schedule')).toBe('every day');
    expect(valueOf($, 'name')).toBe('Chambers <b>export</b>');
    // Each error is read with its field, after the field's hint, and marks the field invalid.
    expect(describedBy($, 'mapping')).toMatch(/ This is not valid JSON/);
    expect(describedBy($, 'schedule')).toMatch(/^\S.* This is not a valid cron expression/);
    expect(describedBy($, 'connector')).toMatch(/^Choose one of the connectors/);
    for (const name of ['mapping', 'schedule', 'connector']) expect($(`[name="${name}"]`).attr('aria-invalid')).toBe('true');
    expect($('[name="name"]').attr('aria-invalid')).toBeUndefined();
    expect(await tableCounts()).toBe(before);
  });

  it('then a mapping that misses a field, or a network without a preset and no mapping, is named next to the mapping', async () => {
    const missing = await post('/console/sources/new', { ...badRecordsForm(), mapping: '{"type":"organization","fields":{"name":"title"}}', _action: 'preview' });
    expect(missing.status).toBe(400);
    expect(describedBy(read(missing.text), 'mapping')).toContain('fields.country: the mapping must say where the country comes from');
    const noPreset = await post('/console/sources/new', { ...badRecordsForm(), network: 'chambers', _action: 'save' });
    expect(noPreset.status).toBe(400);
    const $ = read(noPreset.text);
    expect(describedBy($, 'mapping')).toContain('give a mapping: the network "chambers" has no preset');
    expect(valueOf($, 'network')).toBe('chambers');
  });

  it('then in French the errors are in French', async () => {
    // An operator of their own: the language choice sticks to the session's cookies.
    const french = await signedIn(t, ['operator']);
    const res = await post('/console/sources/new?lang=fr', { ...badRecordsForm(), schedule: '99 * * * *', timezone: 'Mars/Olympus', _action: 'save' }, french);
    expect(res.status).toBe(400);
    const $ = read(res.text);
    expect(langOf($)).toBe('fr');
    expect(describedBy($, 'schedule')).toContain('Ce n’est pas une expression cron valide');
    expect(describedBy($, 'timezone')).toContain('Ce fuseau horaire est inconnu');
    expect(valueOf($, 'timezone')).toBe('Mars/Olympus');
  });
});

describe('When an operator previews a mapping', () => {
  it('then the first records show mapped, with each bad record’s error, and nothing at all is written', async () => {
    const before = await tableCounts();
    const res = await post('/console/sources/new', { ...badRecordsForm(), _action: 'preview' });
    expect(res.status).toBe(200);
    const $ = read(res.text);
    expect(textIn($, '#preview')).toContain('Nothing was saved.');
    expect(textIn($, '#preview-records > caption')).toMatch(/^\d+ records? mapped\.$/);
    expect(rows($, '#preview-records tbody')).toContainEqual(expect.arrayContaining(['Cámara de Comercio de Lima', 'PE']));
    // The table scrolls inside a box of its own, which the keyboard can reach and scroll too.
    expect($('#preview-records').parent().is('#preview .scroll[role=region][tabindex="0"]')).toBe(true);
    expect($('style').text()).toContain('#preview .scroll{overflow:auto;max-height:32rem');
    // Each error row: where the record is in the feed, its id, the reason.
    const errors = rows($, '#preview-errors tbody').map(([, id, reason]) => [id, reason]);
    expect(errors).toContainEqual(['bad-2', 'rejected: no name']);
    expect(errors).toContainEqual(['bad-4', 'rejected: unknown country "Atlantis"']);
    // The form keeps what was typed, so the operator can save it as it is.
    expect(valueOf($, 'url')).toBe(feeds.url('faults/bad-records.json'));
    expect(await tableCounts()).toBe(before);
  });

  it('then a feed that cannot be read says why above the (empty) records', async () => {
    const res = await post('/console/sources/new', { ...badRecordsForm(), url: feeds.url('fault/html'), _action: 'preview' });
    expect(res.status).toBe(200);
    const $ = read(res.text);
    expect(textIn($, '#preview-faults')).toContain('expected JSON but the feed sent HTML');
    expect(textIn($, '#preview')).toContain('No record could be mapped.');
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
    const $ = read((await operator.agent.get('/console')).text);
    expect(hrefOf($, 'Chambers <b>export</b>', 'main table')).toBe(`/console/sources/${id}`);
    const [name, , , , schedule, next, last] = rows($, 'main table tbody')[0] ?? [];
    expect(name).toBe('Chambers <b>export</b>');
    expect(schedule).toBe('0 3 * * * Africa/Nairobi');
    // 03:00 in Nairobi, whatever the day.
    expect(next).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, 03:00$/);
    expect(last).toBe('never run');
    // The notice was shown once only.
    expect((await operator.agent.get(`/console/sources/${id}`)).text).not.toContain('The source was added.');
  });

  it('then Run now starts a run and comes back with a notice, and the run’s page lists its per-record errors', async () => {
    const res = await post(`/console/sources/${id}/run`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/console');
    await Promise.all([...inFlight]);
    const list = read((await operator.agent.get('/console')).text);
    expect(textIn(list, 'main')).toContain('A run of Chambers <b>export</b> has started.');
    const runId = new RegExp(`^/console/sources/${id}/runs/([0-9a-f-]{36})$`).exec(hrefOf(list, 'See the run', 'main') ?? '')?.[1];
    expect(runId).toBeDefined();
    expect(hrefOf(list, 'partial', 'main table')).toBe(`/console/sources/${id}/runs/${runId}`);
    const runs = await operator.agent.get(`/console/sources/${id}/runs`);
    expect(runs.status).toBe(200);
    const $runs = read(runs.text);
    expect(links($runs, 'main table').map((l) => l.href)).toContain(`/console/sources/${id}/runs/${runId}`);
    expect(rows($runs, 'main table tbody')[0]?.slice(1, 3)).toEqual(['partial', 'by hand']);
    const run = await operator.agent.get(`/console/sources/${id}/runs/${runId}`);
    expect(run.status).toBe(200);
    const $run = read(run.text);
    expect(definition($run, 'rejected')).toMatch(/^\d+$/);
    expect(rows($run, 'main table tbody')).toContainEqual(['', 'bad-2', 'rejected: no name']);
  });

  it('then editing keeps typed values on error, saves a change, and a malformed or unknown id gives its error page', async () => {
    const bad = await post(`/console/sources/${id}`, { ...badRecordsForm(), name: 'Chambers', schedule: '61 * * * *', _action: 'save' });
    expect(bad.status).toBe(400);
    expect(valueOf(read(bad.text), 'schedule')).toBe('61 * * * *');
    const before = await tableCounts();
    const preview = await post(`/console/sources/${id}`, { ...badRecordsForm(), name: 'Renamed in preview only', _action: 'preview' });
    expect(preview.status).toBe(200);
    const $preview = read(preview.text);
    expect(rows($preview, '#preview-records tbody')).toContainEqual(expect.arrayContaining(['Cámara de Comercio de Lima']));
    expect(valueOf($preview, 'name')).toBe('Renamed in preview only');
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
    expect(actions(read(ask.text), 'main')).toContain(`/console/sources/${id}/clear`);
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
