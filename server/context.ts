import type { EventEmitter } from 'node:events';
import type { Cursors } from './cursor';
import type { ListCache } from './directory/cache';
import type { Database } from './db/client';
import type { Env } from './env';
import type { Logger } from './logger';
import type { Reference } from './reference';
import type { SearchIndex } from './search-index';
import type { ShutdownHooks } from './shutdown';

/** What request handlers and jobs are given: each module takes only the parts it uses. */
export interface AppContext {
  env: Env;
  database: Database;
  logger: Logger;
  cursors: Cursors;
  reference: Reference;
  listCache: ListCache;
  /** Search and facets, derived from the database and kept current from its changes feed. */
  searchIndex: SearchIndex;
  /** Signs session cookies; shared by every instance on one database. */
  sessionSecret: string;
  /** In-process signals: `sources-changed` when a source is added, changed or removed. */
  events: EventEmitter;
  /** Register work to stop before the process exits (`ctx.shutdown.onShutdown(name, fn)`). */
  shutdown: ShutdownHooks;
}
