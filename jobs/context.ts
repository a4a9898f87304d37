import type { AppContext } from '../server/context';

/** What the sync pipeline uses of the application: the database, settings, log and reference data. */
export type SyncContext = Pick<AppContext, 'database' | 'env' | 'logger' | 'reference'>;
