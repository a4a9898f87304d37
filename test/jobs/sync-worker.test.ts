import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { startRun } from '../../jobs/start-run';
import { sourceById } from '../../server/db/sync';
import { syncHarness, type RunResult } from '../sync-harness';
import { bodyOf } from '../support';

const h = syncHarness();
const parseJson: (text: string) => unknown = JSON.parse;

/**
 * Runs a source with its first page prepared in a worker thread from `workerAbove` bytes on
 * (0: always, Infinity: never); returns the run as the API shows it and how many worker threads started.
 */
async function runWith(id: string, workerAbove: number): Promise<{ res: RunResult; workers: number }> {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _, done) => (lines.push(chunk.toString()), done()) }));
  const source = await sourceById(h.ctx.database.db, id);
  if (!source) throw new Error(`no source ${id}`);
  const run = await startRun({ ...h.ctx, logger }, source, 'manual', { workerAbove });
  if (run.status !== 'started') throw new Error(`the run did not start: ${run.status}`);
  await run.finished;
  const res = bodyOf<RunResult>(await h.operator.agent.get(`/api/v1/sources/${id}/runs/${run.runId}`));
  const workers = lines.filter((l) => (parseJson(l) as { msg?: string }).msg === 'first page read and prepared in a worker thread').length;
  return { res, workers };
}

const errorsOf = (res: RunResult) => res.errors.map((e) => [e.externalId, e.line, e.message]);

describe('When a large first page is read and prepared in a worker thread', () => {
  it('then its records import with the same warnings, rejections and lines as when prepared in the main thread', async () => {
    const inWorker = await h.addSource({ name: 'Bad records (worker)', network: 'empretec', connector: 'json', url: h.feeds.url('faults/bad-records.json') });
    const here = await h.addSource({ name: 'Bad records (here)', network: 'empretec', connector: 'json', url: `${h.feeds.url('faults/bad-records.json')}?second` });
    const a = await runWith(inWorker, 0);
    expect(a.workers).toBe(1);
    expect(a.res).toMatchObject({ status: 'partial', counts: { fetched: 7, created: 5, rejected: 2 } });
    const b = await runWith(here, Infinity);
    expect(b.workers).toBe(0);
    // The second source's records join the entries the first one made.
    expect(b.res).toMatchObject({ status: 'partial', counts: { fetched: 7, updated: 5, rejected: 2 } });
    expect(errorsOf(a.res)).toEqual(errorsOf(b.res));
    expect(errorsOf(a.res)).toEqual(expect.arrayContaining([['bad-2', undefined, 'rejected: no name'], ['bad-4', undefined, 'rejected: unknown country "Atlantis"']]));

    // Lines: header 1, Q-1 2 to 3, Q-2 4, blank 5, Q-3 6 (an unknown country), Q-4 7 (a ragged row), Q-5 8 (a kind unknown).
    h.feeds.override.set('worker.csv', 'Member ID;Agency;Country;Kind\nQ-1;"Alpha\nAgency";KE;incubator\nQ-2;Beta Agency;Ghana;incubator\n\nQ-3;Gamma Agency;Atlantis;incubator\nQ-4;Delta Agency;TZ;incubator;extra\nQ-5;Epsilon Agency;Pérou;guild\n');
    const mapping = { type: 'organization', fields: { externalId: 'Member ID', name: 'Agency', country: 'Country', kind: 'Kind' }, defaults: { networks: ['quoted'] } };
    const listed = await h.addSource({ name: 'Member list (worker)', network: 'quoted', connector: 'csv', url: h.feeds.url('worker.csv'), mapping });
    const csv = await runWith(listed, 0);
    expect(csv.workers).toBe(1);
    expect(csv.res).toMatchObject({ status: 'partial', counts: { fetched: 5, created: 3, rejected: 2 } });
    expect(csv.res.errors.map((e) => [e.externalId, e.line]).sort()).toEqual([['Q-3', 6], ['Q-4', 7], ['Q-5', 8]]);
  });

  it('then a run read in full again finds every record unchanged and writes nothing', async () => {
    const id = await h.addSource({ name: 'EMPRETEC (worker)', network: 'empretec', connector: 'json', url: `${h.feeds.url('empretec-centres.page1.json')}?noetag` });
    const first = await runWith(id, 0);
    // Page 1 is spooled and prepared in the worker; page 2, reached by its link, is prepared here.
    expect(first).toMatchObject({ workers: 1, res: { status: 'succeeded', counts: { fetched: 24, rejected: 0 } } });
    const list = await request(h.app).get('/api/v1/organizations').query({ network: 'empretec', q: 'Fundación Empretec' });
    expect(bodyOf<{ items: object[] }>(list).items[0]).toMatchObject({ name: 'Fundación Empretec', country: 'AR', services: ['training', 'partner-search', 'follow-up-until-deal'] });
    const again = await runWith(id, 0);
    expect(again.res).toMatchObject({ status: 'succeeded', counts: { fetched: 24, unchanged: 24, created: 0, updated: 0 } });
  });

  it('then a page cut short imports the records before the cut, says why, and withdraws nothing', async () => {
    const id = await h.addSource({ name: 'Cut (worker)', network: 'empretec', connector: 'json', url: h.feeds.url('faults/truncated.json') });
    const { res, workers } = await runWith(id, 0);
    expect(workers).toBe(1);
    expect(res).toMatchObject({ status: 'partial', counts: { fetched: 8, rejected: 0, withdrawn: 0 } });
    expect(res.errors.at(-1)?.message).toMatch(/cut or invalid/);
  });
});
