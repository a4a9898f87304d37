import request from 'supertest';
import type { Timer } from '../../jobs/run-source';
import { startRun } from '../../jobs/start-run';
import { sourceById } from '../../server/db/sync';
import { syncHarness, type RunResult } from '../sync-harness';

const h = syncHarness();
const send = (method: 'post' | 'patch', path: string, body?: object) => h.operator.agent[method](path).set('X-CSRF-Token', h.operator.csrf).send(body);
const run = (id: string) => h.run(id) as Promise<RunResult & { startedAt: string; finishedAt: string }>;
const centres = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ id: `c-${from + i}`, title: `Linkage Centre ${from + i}`, country: 'KE', url: `https://centre${from + i}.example.org` }));
const page = (items: object[], next?: string) => JSON.stringify({ data: { items }, links: { next: next ?? null } });
const snapshot = async () => (await request(h.app).get('/api/v1/organizations').query({ limit: '100' })).body.items.map((o: { id: string; name: string; updatedAt: string; withdrawnAt: string | null }) => [o.id, o.name, o.updatedAt, o.withdrawnAt]);

describe('When a run stops part-way through a paged feed', () => {
  it('then what it imported stays whole, nothing is withdrawn, and the next run completes the work', async () => {
    h.feeds.override.set('paged-1.json', page(centres(5), 'paged-2.json'));
    h.feeds.override.set('paged-2.json', page(centres(5, 5)));
    const created = await send('post', '/api/v1/sources', { name: 'Paged', network: 'empretec', connector: 'json', url: `${h.feeds.url('paged-1.json')}?noetag` });
    const id = created.body.id as string;
    expect((await run(id)).counts).toMatchObject({ fetched: 10, created: 10 });
    const before = await snapshot();

    // Page 1 changes one centre and lists a new one; page 2 now fails.
    h.feeds.override.set('paged-1.json', page([...centres(4), { ...centres(1, 4)[0], title: 'Linkage Centre 4 (renamed)' }, ...centres(1, 10)], 'fault/500'));
    const broken = await run(id);
    expect(broken.status).toBe('partial');
    expect(broken.counts).toMatchObject({ fetched: 6, created: 1, updated: 1, withdrawn: 0 });
    expect(broken.errors.map((e) => e.message).join()).toMatch(/answered 500/);
    const during = await snapshot();
    expect(during).toHaveLength(11);
    // Entries of page 2 were not touched, nor withdrawn.
    for (const row of before.filter((r: string[]) => /Centre [5-9]$/.test(r[1]!))) expect(during).toContainEqual(row);

    h.feeds.override.set('paged-1.json', page([...centres(4), { ...centres(1, 4)[0], title: 'Linkage Centre 4 (renamed)' }], 'paged-2.json'));
    const fixed = await run(id);
    expect(fixed).toMatchObject({ status: 'succeeded', counts: { fetched: 10, unchanged: 10, withdrawn: 1 } });
    expect((await request(h.app).get('/api/v1/organizations').query({ country: 'KE' })).body.total).toBe(10);
  }, 30_000);
});

describe('When a run hangs past its source\'s time limit', () => {
  it('then it is aborted and recorded failed with the reason, and nothing stored changes', async () => {
    const before = await snapshot();
    const created = await send('post', '/api/v1/sources', { name: 'Silent', network: 'empretec', connector: 'json', url: h.feeds.url('fault/silent'), timeLimitSeconds: 10 });
    const source = await sourceById(h.ctx.database.db, created.body.id);
    if (!source) throw new Error('the source was not linked');
    // The time limit runs on a timer the test holds: it elapses when the test says, not after 10 s of a busy machine.
    const limits: { ms: number; elapse: () => void }[] = [];
    const timer: Timer = (ms, elapse) => (limits.push({ ms, elapse }), () => undefined);
    const requested = h.feeds.requests.length;
    const started = await startRun(h.ctx, source, 'manual', { timer });
    if (started.status !== 'started') throw new Error(`the run did not start: ${started.status}`);
    // Event loop turns, not a clock: the run is waiting on the silent server once its request has arrived.
    for (let turn = 0; turn < 100_000 && h.feeds.requests.length === requested; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(h.feeds.requests.slice(requested)).toEqual(['/fault/silent']);
    expect(limits.map((l) => l.ms)).toEqual([10_000]);
    limits[0]!.elapse();
    await started.finished;
    const res = (await h.operator.agent.get(`/api/v1/sources/${source.id}/runs/${started.runId}`)).body as RunResult;
    expect(res.status).toBe('failed');
    expect(res.errors[0]?.message).toMatch(/longer than the source's limit of 10 s/);
    expect(await snapshot()).toEqual(before);
  });
});

describe('When a feed without ETag sends the same bytes as its last good run', () => {
  it('then the run ends at once with every record unchanged, yet a changed byte or a cleared source reads it in full', async () => {
    h.feeds.override.set('same.json', page(centres(6, 100)));
    const created = await send('post', '/api/v1/sources', { name: 'Same bytes', network: 'empretec', connector: 'json', url: `${h.feeds.url('same.json')}?noetag` });
    const id = created.body.id as string;
    expect((await run(id)).counts).toMatchObject({ fetched: 6, created: 6 });
    const entry = async () => (await request(h.app).get('/api/v1/organizations').query({ q: 'Linkage Centre 100' })).body.items[0];
    const before = await entry();

    expect(await run(id)).toMatchObject({ status: 'succeeded', counts: { fetched: 6, unchanged: 6, created: 0, updated: 0, withdrawn: 0 } });
    const after = await entry();
    expect(after.updatedAt).toBe(before.updatedAt);
    expect(after.provenance[0].lastSeen > before.provenance[0].lastSeen).toBe(true);

    h.feeds.override.set('same.json', page([{ ...centres(1, 100)[0], title: 'Linkage Centre 100 (renamed)' }, ...centres(5, 101)]));
    expect((await run(id)).counts).toMatchObject({ fetched: 6, updated: 1, unchanged: 5 });

    expect((await send('post', `/api/v1/sources/${id}/clear`)).body).toEqual({ forgotten: 6 });
    expect((await run(id)).counts).toMatchObject({ fetched: 6, updated: 6 });
  });
});
