/**
 * Builds the app on a fresh database without listening: an in-memory PGlite, or a new
 * database on the server of DATABASE_URL (dropped afterwards), so test files never share data.
 * Either starts as a copy of the migrated database with the reference data that Jest's global
 * setup prepared (test/db-template.ts).
 */
import type { Express } from 'express';
import request from 'supertest';
import type { Role } from '../server/db/enums';
import type { Language } from '../server/i18n';
import { createUser } from '../server/commands/create-user';
import { createApp } from '../server/app';
import { boot } from '../server/boot';
import type { AppContext } from '../server/context';
import { readEnv, type Env } from '../server/env';
import { createLogger } from '../server/logger';
import { scratchDatabase } from '../server/db/scratch';
import { preparedImage, preparedTemplate } from './db-template';

export { scratchDatabase };

export interface TestApp {
  ctx: AppContext;
  app: Express;
  env: Env;
  close(): Promise<void>;
}

export const serverUrl = process.env.DATABASE_URL;

/** A database of its own on the server of `url`, copied from the global setup's template (migrated, reference data loaded) when there is one. */
export const serverTestDatabase = (url: string) => scratchDatabase(url, 'pn_test', preparedTemplate());

export async function testApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const scratch = serverUrl ? await serverTestDatabase(serverUrl) : undefined;
  const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SIGN_IN_DELAY_MS: '0', ...overrides, ...(scratch ? { DATABASE_URL: scratch.url } : {}) });
  let ctx: AppContext;
  try {
    ctx = await boot(env, createLogger(env.logLevel), { inMemory: true, image: preparedImage() });
  } catch (err) {
    await scratch?.drop();
    throw err;
  }
  return {
    ctx,
    app: createApp(ctx),
    env,
    async close() {
      await ctx.database.close().catch(() => undefined);
      await scratch?.drop();
    },
  };
}

let userCount = 0;
let addressCount = 0;
/** A client address of its own, so sign-in failures of one test never rate-limit another. */
export const freshAddress = () => `198.51.100.${(addressCount = (addressCount % 250) + 1)}`;
export const PASSWORD = 'correct horse battery staple';

/** Creates an account with these roles (and organizations) that reads `language` (its mails are in it), signs it in, and returns a cookie agent with its CSRF token. */
export async function signedIn(t: TestApp, roles: Role[], organizations: string[] = [], language: Language = 'en') {
  userCount += 1;
  const email = `user${userCount}-${roles.join('-') || 'none'}@example.org`;
  const id = await createUser(t.ctx, { email, password: PASSWORD, roles, organizations, language, actorId: null });
  const agent = request.agent(t.app);
  const res = await agent.post('/api/v1/auth/login').set('X-Forwarded-For', freshAddress()).send({ email, password: PASSWORD });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id, email, agent, csrf: res.body.csrfToken as string };
}

/**
 * Reads the changes feed until `ready` holds (or 100 reads went by), as a peer polling again
 * would. On a PostgreSQL server the feed serves only transactions older than every transaction
 * still open on the server, other databases' included (transaction ids are server-wide), so a
 * test file running beside this one can hold new entries back for a moment. Embedded, the first
 * read is final.
 */
export async function feedSettled<T>(read: () => Promise<T>, ready: (result: T) => boolean): Promise<T> {
  for (let reads = 1; ; reads++) {
    const result = await read();
    if (ready(result) || reads >= 100) return result;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A response's JSON body, read as the type the test expects (supertest types it as any). */
export const bodyOf = <T>(res: { body: unknown }): T => res.body as T;
