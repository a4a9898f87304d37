/**
 * Builds the app on a fresh database without listening: an in-memory PGlite, or a new
 * database on the server of DATABASE_URL (dropped afterwards), so test files never share data.
 */
import type { Express } from 'express';
import { createApp } from '../server/app';
import { boot } from '../server/boot';
import type { AppContext } from '../server/context';
import { readEnv, type Env } from '../server/env';
import { createLogger } from '../server/logger';
import { scratchDatabase } from '../server/db/scratch';

export { scratchDatabase };

export interface TestApp {
  ctx: AppContext;
  app: Express;
  env: Env;
  close(): Promise<void>;
}

export const serverUrl = process.env.DATABASE_URL;

export async function testApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const scratch = serverUrl ? await scratchDatabase(serverUrl, 'pn_test') : undefined;
  const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...overrides, ...(scratch ? { DATABASE_URL: scratch.url } : {}) });
  const ctx = await boot(env, createLogger(env.logLevel), { inMemory: true });
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
