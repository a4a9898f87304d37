import { boot } from './server/boot';
import { readEnv } from './server/env';
import { createLogger } from './server/logger';
import { generateOrganizations } from './scripts/bench/synthetic';
(async () => {
  const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/pn_dbg' });
  const ctx = await boot(env, createLogger('silent'), { inMemory: true });
  await generateOrganizations(ctx.database, 800000, () => {});
  await ctx.database.close();
})();
