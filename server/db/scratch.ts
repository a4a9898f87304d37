/** Throw-away databases on a PostgreSQL server, for tests and benchmarks that must not share data. */
import crypto from 'node:crypto';
import pg from 'pg';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function run(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Creates a database named `<prefix>_<random>` on the server of `url`, empty or as a copy of
 * the database `template` (which nobody may be connected to); `drop` removes it.
 */
export async function scratchDatabase(url: string, prefix = 'pn_scratch', template?: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
  await run(url, template ? `create database ${name} template ${pg.escapeIdentifier(template)}` : `create database ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return { url: scratch.toString(), drop: () => run(url, `drop database if exists ${name} with (force)`) };
}
