import { sql } from 'drizzle-orm';
import { boot } from './server/boot';
import { readEnv } from './server/env';
import { createLogger } from './server/logger';
import { planTextQuery } from './server/db/text-query';
import { listEntries } from './server/db/search';
import { listQuery } from './server/routes/lists/schema';
(async () => {
  const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/pn_dbg' });
  const ctx = await boot(env, createLogger('silent'), { inMemory: true });
  for (const q of ['trade network', 'investment agency', 'inve', 'promo']) {
    let t = performance.now();
    const tsq = await planTextQuery(ctx.database, q);
    const a = performance.now() - t;
    t = performance.now();
    const f = { ...listQuery.parse({ q }), ldc: undefined };
    const r = await listEntries(ctx.database, 'organization', { ...f, country: q.includes(' ') ? ['KE'] : [] }, 20, undefined);
    console.log(q, tsq, 'plan', a.toFixed(1), 'list', (performance.now() - t).toFixed(1), r.total);
  }
  await ctx.database.close();
})();
