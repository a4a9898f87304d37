/**
 * For sync tests: an app on a fresh database with an operator signed in and a loopback feed
 * server, set up around the test file; sources are linked and run through the API.
 */
import { inFlight } from '../jobs/start-run';
import { startFeedServer, type FeedServer } from './feed-server';
import { signedIn, testApp, type TestApp } from './support';

export type RunResult = { id: string; status: string; counts: Record<string, number>; errors: { externalId?: string; line?: number; message: string }[] };

export interface SyncHarness {
  readonly app: TestApp['app'];
  readonly ctx: TestApp['ctx'];
  readonly feeds: FeedServer;
  readonly operator: Awaited<ReturnType<typeof signedIn>>;
  /** A POST as the operator, with the CSRF token. */
  post(path: string, body?: object): ReturnType<Awaited<ReturnType<typeof signedIn>>['agent']['post']>;
  /** Links a source and returns its id; a refused one fails the test. */
  addSource(body: object): Promise<string>;
  /** Starts a run of the source and returns it once finished. */
  run(sourceId: string): Promise<RunResult>;
}

/** Registers the set-up and tear-down hooks of the calling test file. */
export function syncHarness(): SyncHarness {
  let t: TestApp | undefined;
  let feeds: FeedServer | undefined;
  let operator: SyncHarness['operator'] | undefined;
  beforeAll(async () => {
    t = await testApp({ FEED_ALLOW_PRIVATE: '1' });
    feeds = await startFeedServer();
    operator = await signedIn(t, ['operator']);
  });
  afterAll(async () => {
    await feeds?.close();
    await t?.close();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the sync harness is used before its beforeAll ran');
    return value;
  };
  const harness: SyncHarness = {
    get app() {
      return ready(t).app;
    },
    get ctx() {
      return ready(t).ctx;
    },
    get feeds() {
      return ready(feeds);
    },
    get operator() {
      return ready(operator);
    },
    post: (path, body) => harness.operator.agent.post(path).set('X-CSRF-Token', harness.operator.csrf).send(body),
    async addSource(body) {
      const res = await harness.post('/api/v1/sources', body);
      if (res.status !== 201) throw new Error(`source refused: ${JSON.stringify(res.body)}`);
      return res.body.id;
    },
    async run(sourceId) {
      const started = await harness.post(`/api/v1/sources/${sourceId}/runs`);
      expect(started.status).toBe(202);
      await Promise.all([...inFlight]);
      return (await harness.operator.agent.get(`/api/v1/sources/${sourceId}/runs/${started.body.id}`)).body;
    },
  };
  return harness;
}
