/**
 * Builds the app on a fresh database without listening: an in-memory PGlite, or a new
 * database on the server of DATABASE_URL (dropped afterwards), so test files never share data.
 */
import crypto from 'node:crypto';
import type { Express } from 'express';
import pg from 'pg';
import { createApp } from '../server/app';
import { boot } from '../server/boot';
import type { AppContext } from '../server/context';
import { readEnv, type Env } from '../server/env';
import { createLogger } from '../server/logger';

export interface TestApp {
  ctx: AppContext;
  app: Express;
  env: Env;
  close(): Promise<void>;
}

export const serverUrl = process.env.DATABASE_URL;

/** A connection string for a database made for one test file, and a function that drops it. */
export async function scratchDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pn_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function testApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const scratch = serverUrl ? await scratchDatabase(serverUrl) : undefined;
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
