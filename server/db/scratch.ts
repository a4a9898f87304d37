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

/** Creates a database named `<prefix>_<random>` on the server of `url`; `drop` removes it. */
export async function scratchDatabase(url: string, prefix = 'pn_scratch'): Promise<ScratchDatabase> {
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`;
  await run(url, `create database ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return { url: scratch.toString(), drop: () => run(url, `drop database if exists ${name} with (force)`) };
}
