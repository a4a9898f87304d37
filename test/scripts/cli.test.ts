import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { newSecret, verifyPassword } from '../../server/auth/password';
import { openDatabase, type Db } from '../../server/db/client';
import { preparedDataDir } from '../db-template';
import { serverTestDatabase } from '../support';
import { readSession, writeSession } from '../../server/db/sessions';
import { consumePasswordReset, insertPasswordReset, insertToken, userByEmail, useToken } from '../../server/db/users';

/** Runs the operator CLI on an embedded database of its own, as an operator would. */
function cli(args: string[], dataDir: string) {
  const { DATABASE_URL: _server, ...env } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../scripts/cli.ts'), ...args], {
    env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('When an operator gives the CLI an id that is not one', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await preparedDataDir('pn-cli-');
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    [['sources', 'clear', '123'], /"123" is not a source id; see npm run cli -- sources list/],
    [['sources', 'run', 'abc'], /"abc" is not a source id/],
    [['duplicates', 'decide', '42', 'merge'], /"42" is not a pair id; see npm run cli -- duplicates list/],
  ])('then `%s` says so in a sentence and exits non-zero', (args, message) => {
    const out = cli(args, dataDir);
    expect(out.status).not.toBe(0);
    expect(out.stderr).toMatch(message);
    expect(out.stderr).not.toMatch(/Failed query/);
  }, 60_000);
});

describe('When an operator sets a password with `users set-password` (the way back in on a site that sends no mail)', () => {
  const email = 'locked.out@example.org';
  let target: { dataDir: string; url?: string; drop(): Promise<void> };
  /** The CLI on this test's own database: the PostgreSQL server's when DATABASE_URL is set, else an embedded one. */
  const run = (args: string[], input: string) => {
    const { DATABASE_URL: _server, ...env } = process.env;
    return spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../scripts/cli.ts'), ...args], {
      env: { ...env, DATA_DIR: target.dataDir, LOG_LEVEL: 'silent', ...(target.url ? { DATABASE_URL: target.url } : {}) },
      input,
      encoding: 'utf8',
      timeout: 60_000,
    });
  };
  const withDb = async <T>(work: (db: Db) => Promise<T>): Promise<T> => {
    const database = await openDatabase({ databaseUrl: target.url, dataDir: target.dataDir });
    try {
      return await work(database.db);
    } finally {
      await database.close();
    }
  };

  beforeAll(async () => {
    const dataDir = await preparedDataDir('pn-cli-');
    const scratch = process.env.DATABASE_URL ? await serverTestDatabase(process.env.DATABASE_URL) : undefined;
    target = { dataDir, url: scratch?.url, drop: async () => (await scratch?.drop(), fs.rmSync(dataDir, { recursive: true, force: true })) };
    const created = run(['users', 'create', '--email', email, '--role', 'agency-editor'], 'the first passphrase given\n');
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
  }, 120_000);
  afterAll(() => target.drop());

  it('then the password read from standard input becomes the account’s, and every session, API token and reset link of the account ends', async () => {
    const token = newSecret('pnt');
    const reset = newSecret('pnr');
    await withDb(async (db) => {
      const user = await userByEmail(db, email);
      if (!user) throw new Error('no account');
      await insertToken(db, user.id, 'script', token.hash);
      await insertPasswordReset(db, user.id, reset.hash, 60);
      await writeSession(db, 'a-session-id', { passport: { user: user.id } }, user.id, new Date(Date.now() + 86_400_000));
    });
    const out = run(['users', 'set-password', '--email', email], 'an operator chose this passphrase\n');
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain(`New password set for ${email}`);
    await withDb(async (db) => {
      const user = await userByEmail(db, email);
      expect(await verifyPassword('an operator chose this passphrase', user?.passwordHash ?? '')).toBe(true);
      expect(await useToken(db, token.hash)).toBeUndefined();
      expect(await consumePasswordReset(db, reset.hash)).toBeUndefined();
      expect(await readSession(db, 'a-session-id')).toBeUndefined();
    });
  }, 120_000);

  it.each([
    [['--email', email], 'short\n', /password must be at least 12 characters/],
    [['--email', 'nobody@example.org'], 'a perfectly good passphrase\n', /no account has the e-mail address nobody@example.org/],
    [['--email', email], '', /no password given on standard input/],
  ])('then `set-password %s` refuses in a sentence and exits non-zero', (args, input, message) => {
    const out = run(['users', 'set-password', ...args], input);
    expect(out.status).not.toBe(0);
    expect(out.stderr).toMatch(message);
    expect(out.stderr).not.toMatch(/Failed query|    at /);
  }, 60_000);
});

describe('When an operator links a source with `sources add` and several options are wrong', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await preparedDataDir('pn-cli-');
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('then every problem is listed at once, one a line, and nothing is linked', () => {
    const args = ['sources', 'add', '--name', 'Nowhere', '--network', 'nowhere-net', '--connector', 'json', '--url', 'file:///etc/passwd', '--schedule', 'every day'];
    const out = cli(args, dataDir);
    expect(out.status).toBe(1);
    const lines = out.stderr.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines[0]).toBe('Error: the source was not linked:');
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^schedule: /), expect.stringMatching(/^url: .*file:/), expect.stringMatching(/^mapping: give a mapping: the network "nowhere-net" has no preset/)]);
    expect(cli(['sources', 'list'], dataDir).stdout).not.toContain('Nowhere');
  }, 120_000);
});
