/**
 * When a directory upgrades, then what it held before stays safe: the sign-in failures still
 * inside their window keep counting (0014), and reset mails already in the outbox no longer
 * show live tokens to operators (0015).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { projectPath } from '../../../server/paths';
import { scratchDatabase } from '../../support';

const migrations = projectPath('server', 'db', 'migrations');

/** A copy of the migrations folder that stops before `tag`, as the directory was before it. */
function migrationsBefore(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-migrations-'));
  fs.cpSync(migrations, dir, { recursive: true });
  const journalPath = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  if (at < 0) throw new Error(`no migration ${tag}`);
  fs.writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return dir;
}

/** A database at the state before `tag`, with `migrate()` to bring it to the newest. */
async function databaseBefore(tag: string) {
  const older = migrationsBefore(tag);
  const cleanup = () => fs.rmSync(older, { recursive: true, force: true });
  const server = process.env.DATABASE_URL;
  if (server) {
    const scratch = await scratchDatabase(server, 'pn_test');
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const db = drizzlePg(client);
    await migratePg(db, { migrationsFolder: older });
    return {
      rows: async <T>(q: ReturnType<typeof sql>) => (await db.execute(q)).rows as T[],
      migrate: () => migratePg(db, { migrationsFolder: migrations }),
      close: async () => (await client.end(), await scratch.drop(), cleanup()),
    };
  }
  const client = await PGlite.create({ extensions: { pg_trgm, unaccent } });
  const db = drizzlePglite(client);
  await migratePglite(db, { migrationsFolder: older });
  return {
    rows: async <T>(q: ReturnType<typeof sql>) => (await db.execute(q)).rows as T[],
    migrate: () => migratePglite(db, { migrationsFolder: migrations }),
    close: async () => (await client.close(), cleanup()),
  };
}

describe('When a directory with recorded sign-in failures applies migration 0014', () => {
  it('then every failure is carried into sign_in_attempts with its key and time, and the old table is gone', async () => {
    const database = await databaseBefore('0014_sign_in_attempts');
    try {
      await database.rows(sql`insert into sign_in_failures (key, at) values
        ('email:victim@example.org', now() - interval '5 minutes'),
        ('ip:203.0.113.7', now() - interval '5 minutes'),
        ('email:victim@example.org', now() - interval '1 minute')`);
      const before = await database.rows<{ key: string; at: string }>(sql`select key, at::text from sign_in_failures order by id`);
      await database.migrate();
      expect(await database.rows(sql`select key, at::text from sign_in_attempts order by id`)).toEqual(before);
      expect(await database.rows(sql`select to_regclass('sign_in_failures') as t`)).toEqual([{ t: null }]);
    } finally {
      await database.close();
    }
  }, 120_000);
});

describe('When a directory whose outbox holds reset mails with live tokens applies migration 0015', () => {
  it('then every token in the outbox is shown as [hidden], and the rest of each mail is kept', async () => {
    const database = await databaseBefore('0015_mask_outbox_secrets');
    try {
      const reset = 'Open this link within 60 minutes:\n\nhttp://localhost:3000/reset-password?token=pnr_AbC-12_xyz\n\nIf you did not ask for this, ignore this message.';
      await database.rows(sql`insert into mail_outbox ("to", subject, text, kind) values
        ('admin@example.org', 'Reset your Partnering Network password', ${reset}, 'password-reset'),
        ('editor@example.org', 'Please confirm', 'Confirm http://localhost:3000/organizations/1', 'confirm-reminder')`);
      await database.migrate();
      expect(await database.rows(sql`select text from mail_outbox order by "to"`)).toEqual([
        { text: reset.replace('pnr_AbC-12_xyz', '[hidden]') },
        { text: 'Confirm http://localhost:3000/organizations/1' },
      ]);
    } finally {
      await database.close();
    }
  }, 120_000);
});
