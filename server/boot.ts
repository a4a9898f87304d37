/** Opens the database and brings it to a usable state: migrations, reference data, secrets, first-start demo set. */
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import { syncReference } from './commands/sync-reference';
import { ensureAdmin } from './commands/ensure-admin';
import { seedDemo } from './commands/seed-demo';
import type { AppContext } from './context';
import { createCursors } from './cursor';
import { createListCache } from './directory/cache';
import { SearchIndex } from './search-index';
import { openDatabase } from './db/client';
import { ensureSetting, getSetting } from './db/reference';
import type { Env } from './env';
import type { Logger } from './logger';
import { loadReference } from './reference';
import { ShutdownHooks } from './shutdown';

export interface BootOptions {
  /** The embedded database lives in memory, never in DATA_DIR, and gets no demo set (tests, benchmarks). */
  inMemory?: boolean;
  /** Tests: the embedded database starts as this prepared copy (see `embeddedImage`). */
  image?: Blob;
}

export async function boot(env: Env, logger: Logger, options: BootOptions = {}): Promise<AppContext> {
  const database = await openDatabase({
    databaseUrl: env.databaseUrl,
    dataDir: options.inMemory ? undefined : env.dataDir,
    image: options.image,
    timeouts: env.databaseTimeouts,
    onPoolError: (err) => logger.warn({ err }, 'database connection lost; it will be re-established on next use'),
  });
  try {
    const reference = loadReference();
    const refSync = await syncReference(database.db, reference);
    if (refSync.status === 'loaded') logger.info({ directionsChanged: refSync.directionsChanged }, 'reference data loaded');

    const secret = await ensureSetting(database.db, 'cursor_secret', crypto.randomBytes(32).toString('base64url'));
    const sessionSecret = await ensureSetting(database.db, 'session_secret', crypto.randomBytes(32).toString('base64url'));
    if ((await ensureAdmin({ database, env })) === 'created') logger.info({ email: env.adminEmail }, 'admin account created from ADMIN_EMAIL');

    // The first start of an empty embedded database loads the demo set, unless SEED=none.
    if (database.kind === 'embedded' && !options.inMemory && (await getSetting(database.db, 'initialized')) === undefined) {
      if (env.seed !== 'none') {
        const seeded = await seedDemo(database.db, reference);
        logger.info(seeded, 'demo set');
      }
      await ensureSetting(database.db, 'initialized', new Date().toISOString());
    }
    return { env, database, logger, cursors: createCursors(secret), reference, listCache: createListCache(database, env.listCacheSize), searchIndex: new SearchIndex(database, logger), sessionSecret, events: new EventEmitter(), shutdown: new ShutdownHooks() };
  } catch (err) {
    // Whatever stopped the start, the database (and the embedded folder's lock) must be let go.
    await database.close().catch(() => undefined);
    throw err;
  }
}
