import { eq, sql } from 'drizzle-orm';
import request from 'supertest';
import { jobs, runExclusive } from '../../../jobs/scheduler';
import { signInAttempts } from '../../../server/db/schema';
import * as password from '../../../server/auth/password';
import { createUser } from '../../../server/commands/create-user';
import { signIn } from '../../../server/commands/sign-in';
import { freshAddress, PASSWORD, testApp, type TestApp } from '../../support';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

let n = 0;
const newAccount = async () => {
  const email = `parallel${(n += 1)}@example.org`;
  await createUser(t.ctx, { email, password: PASSWORD, roles: ['firm'], actorId: null });
  return email;
};

describe('When 40 wrong sign-ins for one e-mail arrive at once, each from its own address', () => {
  let email: string;
  let checked: number;
  let statuses: number[];
  beforeAll(async () => {
    email = await newAccount();
    const checks = jest.spyOn(password, 'verifyPassword');
    const attempts = Array.from({ length: 40 }, (_, i) => signIn(t.ctx, email, `wrong guess number ${i}`, `203.0.113.${i + 1}`));
    statuses = (await Promise.all(attempts)).map((r) => (r.ok ? 200 : r.error.status));
    checked = checks.mock.calls.length;
    checks.mockRestore();
  });

  it('then at most 10 passwords are checked and the rest are refused with 429 before any check', () => {
    expect(checked).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 401)).toHaveLength(checked);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - checked);
  });

  it('then the right password sent after them does not sign in: 429 with Retry-After', async () => {
    const res = await request(t.app).post('/api/v1/auth/login').set('X-Forwarded-For', freshAddress()).send({ email, password: PASSWORD });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('When 40 wrong sign-ins for one e-mail are posted to the API at once', () => {
  it('then at most 10 are answered 401 after a password check, the rest 429, and none signs in', async () => {
    const email = await newAccount();
    const checks = jest.spyOn(password, 'verifyPassword');
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => request(t.app).post('/api/v1/auth/login').set('X-Forwarded-For', `192.0.2.${i + 1}`).send({ email, password: `api guess ${i}` })),
    );
    const checked = checks.mock.calls.length;
    checks.mockRestore();
    const statuses = responses.map((r) => r.status);
    expect(checked).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 401)).toHaveLength(checked);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - checked);
    expect(responses.every((r) => r.type === 'application/problem+json')).toBe(true);
  });
});

describe('When the right password is among 40 sign-ins sent at once, after 10 wrong ones were already counted', () => {
  it('then no request signs in and no password is checked', async () => {
    const email = await newAccount();
    for (let i = 0; i < 10; i += 1) expect((await signIn(t.ctx, email, `wrong guess ${i}`, freshAddress())).ok).toBe(false);
    const checks = jest.spyOn(password, 'verifyPassword');
    const attempts = Array.from({ length: 40 }, (_, i) => signIn(t.ctx, email, i === 20 ? PASSWORD : `another guess ${i}`, freshAddress()));
    const results = await Promise.all(attempts);
    const checked = checks.mock.calls.length;
    checks.mockRestore();
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    expect(results.map((r) => (r.ok ? 200 : r.error.status))).toEqual(Array(40).fill(429));
    expect(checked).toBe(0);
  });
});

describe('When a right password comes after a few failures', () => {
  it('then it signs in and the e-mail starts afresh: ten more failures are checked before the limit', async () => {
    const email = await newAccount();
    for (let i = 0; i < 5; i += 1) await signIn(t.ctx, email, `wrong guess ${i}`, freshAddress());
    expect((await signIn(t.ctx, email, PASSWORD, freshAddress())).ok).toBe(true);
    const statuses = [];
    for (let i = 0; i < 11; i += 1) {
      const r = await signIn(t.ctx, email, `wrong again ${i}`, freshAddress());
      statuses.push(r.ok ? 200 : r.error.status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
  });
});

describe('When sign-ins keep failing', () => {
  it('then each failure is answered after twice the pause of the one before, up to 4 s', async () => {
    const pauses: number[] = [];
    const pause = async (ms: number) => void pauses.push(ms);
    const ctx = { ...t.ctx, env: { ...t.ctx.env, signInDelayMs: 200 } };
    const address = freshAddress();
    for (let i = 0; i < 6; i += 1) expect((await signIn(ctx, 'never-signed-up@example.org', `not the password ${i}`, address, pause)).ok).toBe(false);
    expect(pauses).toEqual([200, 400, 800, 1_600, 3_200, 4_000]);
  });

  it('then a right password is answered without a pause', async () => {
    const email = await newAccount();
    const pauses: number[] = [];
    const result = await signIn({ ...t.ctx, env: { ...t.ctx.env, signInDelayMs: 200 } }, email, PASSWORD, freshAddress(), async (ms) => void pauses.push(ms));
    expect(result.ok).toBe(true);
    expect(pauses).toEqual([]);
  });
});

describe('When the hourly prune runs', () => {
  it('then attempts older than the window are forgotten and the ones still counting stay', async () => {
    const db = t.ctx.database.db;
    const key = 'email:pruned@example.org';
    await db.insert(signInAttempts).values([
      { key, at: sql`now() - interval '16 minutes'` },
      { key, at: sql`now() - interval '3 hours'` },
      { key, at: sql`now() - interval '14 minutes'` },
    ]);
    const job = jobs().find((j) => j.name === 'prune-sessions');
    if (!job) throw new Error('no prune-sessions job');
    await runExclusive(t.ctx, job);
    expect(await db.select().from(signInAttempts).where(eq(signInAttempts.key, key))).toHaveLength(1);
  });
});
