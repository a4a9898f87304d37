/**
 * Before the tests: build the browser client when its sources changed since the last build (a
 * fresh clone, an edited source), as `npm start` does, since tests run against the pages as
 * users get them, script included; and prepare the database every test app copies.
 */
import path from 'node:path';
import { buildIfChanged, projectParts } from '../scripts/build';
import { prepareTestDatabases } from './db-template';

export default async function globalSetup(): Promise<void> {
  buildIfChanged(path.resolve(__dirname, '..'), projectParts.filter((p) => p.name === 'client'), { log: () => undefined });
  const release = await prepareTestDatabases(process.env.DATABASE_URL);
  // Jest keeps globalThis between the global setup and teardown (both run in its main process).
  (globalThis as { releaseTestDatabases?: () => Promise<void> }).releaseTestDatabases = release;
}
