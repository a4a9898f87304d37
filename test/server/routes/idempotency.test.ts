/**
 * `Idempotency-Key` on the API's POSTs: a repeat by the same user with the same key answers
 * what the first answered and creates nothing, even when both are sent at once.
 */
import express from 'express';
import { eq, sql } from 'drizzle-orm';
import request from 'supertest';
import { createUser } from '../../../server/commands/create-user';
import { pruneKeys } from '../../../server/db/idempotency';
import { idempotencyKeys, organizations, users } from '../../../server/db/schema';
import { errorHandler } from '../../../server/error-handler';
import { idempotentApi } from '../../../server/idempotency';
import { PASSWORD, signedIn, testApp, type TestApp } from '../../support';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const org = (name: string) => ({ name, kind: 'investment-promotion-agency', country: 'Bénin', website: 'https://abepec.example', services: ['partner-search'] });
const countNamed = async (name: string) => (await t.ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(organizations).where(eq(organizations.name, name)))[0]?.n;
const operator = () => signedIn(t, ['operator']);

describe('When a client repeats a POST with the same Idempotency-Key', () => {
  it('then the repeat answers the same status and body, says it is a replay, and one entry exists', async () => {
    const op = await operator();
    const send = () => op.agent.post('/api/v1/organizations').set('X-CSRF-Token', op.csrf).set('Idempotency-Key', 'order-1').send(org('Repeated Agency'));
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await countNamed('Repeated Agency')).toBe(1);
  });

  it('then two sent at once create one entry and both answer it', async () => {
    const op = await operator();
    const send = () => op.agent.post('/api/v1/organizations').set('X-CSRF-Token', op.csrf).set('Idempotency-Key', 'twin').send(org('Twin Agency'));
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(await countNamed('Twin Agency')).toBe(1);
  });

  it('then another body or another route with that key is refused with 422 naming Idempotency-Key', async () => {
    const op = await operator();
    await op.agent.post('/api/v1/organizations').set('X-CSRF-Token', op.csrf).set('Idempotency-Key', 'k-422').send(org('First Body')).expect(201);
    const otherBody = await op.agent.post('/api/v1/organizations').set('X-CSRF-Token', op.csrf).set('Idempotency-Key', 'k-422').send(org('Second Body'));
    expect(otherBody.status).toBe(422);
    expect(otherBody.type).toBe('application/problem+json');
    expect(otherBody.body.errors.map((e: { path: string }) => e.path)).toEqual(['Idempotency-Key']);
    expect(await countNamed('Second Body')).toBe(0);
    const otherRoute = await op.agent.post('/api/v1/saved-searches').set('X-CSRF-Token', op.csrf).set('Idempotency-Key', 'k-422').send(org('First Body'));
    expect(otherRoute.status).toBe(422);
  });

  it('then another user with the same key is independent of the first', async () => {
    const [one, two] = [await operator(), await operator()];
    const a = await one.agent.post('/api/v1/organizations').set('X-CSRF-Token', one.csrf).set('Idempotency-Key', 'shared').send(org('Shared Key Agency'));
    const b = await two.agent.post('/api/v1/organizations').set('X-CSRF-Token', two.csrf).set('Idempotency-Key', 'shared').send(org('Shared Key Agency'));
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(a.body.id).not.toBe(b.body.id);
    expect(await countNamed('Shared Key Agency')).toBe(2);
  });

  it.each([['an empty key', ''], ['a key of 256 characters', 'k'.repeat(256)]])('then %s is refused with 400 naming Idempotency-Key, and nothing is made', async (_what, key) => {
    const op = await operator();
    const res = await op.agent.post('/api/v1/organizations').set('X-CSRF-Token', op.csrf).set('Idempotency-Key', key).send(org('Bad Key Agency'));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['Idempotency-Key']);
    expect(await countNamed('Bad Key Agency')).toBe(0);
  });

  it('then a key of 255 characters is taken', async () => {
    const op = await operator();
    const res = await op.agent.post('/api/v1/organizations').set('X-CSRF-Token', op.csrf).set('Idempotency-Key', 'k'.repeat(255)).send(org('Long Key Agency'));
    expect(res.status).toBe(201);
  });
});

describe('When a sign-up (no user yet) is repeated with the same key', () => {
  it('then the same body answers the first sign-up again and one account exists; another body is a request of its own', async () => {
    const body = { email: 'twice@example.org', password: PASSWORD, role: 'firm', name: 'Twice', company: 'Twice Trading', country: 'KE' };
    const [a, b] = await Promise.all([1, 2].map(() => request(t.app).post('/api/v1/auth/signup').set('Idempotency-Key', 'signup-1').send(body)));
    expect([a?.status, b?.status]).toEqual([201, 201]);
    expect(b?.body).toEqual(a?.body);
    const accounts = await t.ctx.database.db.select({ id: users.id }).from(users).where(eq(users.email, 'twice@example.org'));
    expect(accounts).toHaveLength(1);
    // Scoped to the body: someone else's sign-up with the same key is not answered with this account.
    const other = await request(t.app).post('/api/v1/auth/signup').set('Idempotency-Key', 'signup-1').send({ ...body, email: 'other@example.org' });
    expect(other.status).toBe(201);
    expect(other.body.user.email).toBe('other@example.org');
  });
});

/** The middleware alone in front of a handler the test controls. */
async function harness(waitMs: number, handler: express.RequestHandler) {
  const id = await createUser(t.ctx, { email: `harness-${Math.random()}@example.org`, password: PASSWORD, roles: ['operator'], actorId: null });
  const app = express();
  app.use(express.json());
  app.use((req, _res, next) => {
    req.user = { id, email: 'h@example.org', roles: ['operator'], organizations: [] };
    next();
  });
  app.use('/api/v1', idempotentApi(t.ctx, { waitMs, pollMs: 5 }));
  app.post('/api/v1/things', handler);
  app.use(errorHandler(t.ctx.logger));
  return app;
}

describe('When the first request with a key fails or is still running', () => {
  it('then an answer of 5xx is not kept: the repeat runs the handler again', async () => {
    let calls = 0;
    const app = await harness(1000, (_req, res) => {
      calls += 1;
      res.status(calls === 1 ? 503 : 201).json({ calls });
    });
    expect((await request(app).post('/api/v1/things').set('Idempotency-Key', 'retry').send({ a: 1 })).status).toBe(503);
    const second = await request(app).post('/api/v1/things').set('Idempotency-Key', 'retry').send({ a: 1 });
    expect(second.status).toBe(201);
    expect(second.body).toEqual({ calls: 2 });
  });

  it('then a repeat that waited past its bound gets 409, and the handler ran once', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (release = resolve));
    let started: () => void = () => undefined;
    const entered = new Promise<void>((resolve) => (started = resolve));
    const app = await harness(0, (_req, res) => {
      calls += 1;
      started();
      void running.then(() => res.status(201).json({ ok: true }));
    });
    const first = request(app).post('/api/v1/things').set('Idempotency-Key', 'slow').send({ a: 1 }).then((r) => r);
    await entered;
    const second = await request(app).post('/api/v1/things').set('Idempotency-Key', 'slow').send({ a: 1 });
    expect(second.status).toBe(409);
    expect(second.body.errors.map((e: { path: string }) => e.path)).toEqual(['Idempotency-Key']);
    release();
    expect((await first).status).toBe(201);
    expect(calls).toBe(1);
  });
});

describe('When a kept answer is older than 24 hours', () => {
  it('then the hourly prune forgets it, and the key may be used again', async () => {
    const op = await operator();
    const send = (name: string) => op.agent.post('/api/v1/organizations').set('X-CSRF-Token', op.csrf).set('Idempotency-Key', 'old').send(org(name));
    await send('Old Key Agency').expect(201);
    await t.ctx.database.db.update(idempotencyKeys).set({ createdAt: sql`now() - interval '25 hours'` }).where(eq(idempotencyKeys.key, 'old'));
    expect(await pruneKeys(t.ctx.database.db)).toBeGreaterThanOrEqual(1);
    expect((await send('Fresh Key Agency')).status).toBe(201);
    expect(await countNamed('Fresh Key Agency')).toBe(1);
  });
});

describe('When a client reads the OpenAPI document', () => {
  it('then every POST takes the Idempotency-Key header and names the 422 it may give', async () => {
    const doc = (await request(t.app).get('/api/openapi.json')).body as { paths: Record<string, { post?: { parameters?: Array<{ $ref?: string }>; responses: Record<string, unknown> } }>; components: { parameters: Record<string, { name: string; in: string }> } };
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header' });
    const posts = Object.entries(doc.paths).filter(([, item]) => item.post);
    expect(posts.length).toBeGreaterThan(10);
    for (const [, item] of posts) {
      expect(item.post?.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
      expect(item.post?.responses['422']).toBeDefined();
    }
  });
});

describe('When the first answer starts a session or carries a secret', () => {
  it('then a repeated API token request makes no second token and never shows the secret again', async () => {
    const op = await operator();
    const send = () => op.agent.post('/api/v1/tokens').set('X-CSRF-Token', op.csrf).set('Idempotency-Key', 'token-1').send({ name: 'ci' });
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body.id).toBe(first.body.id);
    expect(JSON.stringify(again.body)).not.toContain(first.body.token);
    const kept = await t.ctx.database.db.select({ response: idempotencyKeys.response }).from(idempotencyKeys).where(eq(idempotencyKeys.key, 'token-1'));
    const keptBody = Buffer.from((kept[0]?.response as { body: string }).body, 'base64').toString('utf8');
    expect(keptBody).not.toContain(first.body.token);
    const list = await op.agent.get('/api/v1/tokens');
    expect(list.body.items.filter((i: { name: string | null }) => i.name === 'ci')).toHaveLength(1);
  });

  it('then a repeated sign-in signs in again and sets its own session cookie', async () => {
    const email = 'repeat-login@example.org';
    await createUser(t.ctx, { email, password: PASSWORD, roles: ['agency-editor'], actorId: null });
    const login = () => request(t.app).post('/api/v1/auth/login').set('Idempotency-Key', 'login-1').send({ email, password: PASSWORD });
    const first = await login();
    const again = await login();
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.headers['set-cookie']?.[0]).toMatch(/^pn\.sid=/);
  });
});
