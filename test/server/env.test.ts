import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { EnvError, readEnv } from '../../server/env';
import { testApp } from '../support';

describe('When the configuration is read', () => {
  it('then defaults follow the contract', () => {
    const env = readEnv({});
    expect(env).toMatchObject({ port: 3000, scheduler: true, feedAllowPrivate: false, basePath: '', databaseUrl: undefined, seed: undefined });
    expect(env.dataDir).toMatch(/data$/);
  });

  it('then the database timeouts and the shutdown deadline default to what the README says', () => {
    expect(readEnv({})).toMatchObject({
      databaseTimeouts: { statementMs: 10_000, queryMs: 12_000, connectMs: 5_000, jobStatementMs: 120_000 },
      shutdownDeadlineMs: 9_000,
    });
  });

  it('then a base path loses its trailing slash', () => {
    expect(readEnv({ BASE_PATH: '/network/' }).basePath).toBe('/network');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ SCHEDULER: 'maybe' }, 'SCHEDULER'],
    [{ BASE_PATH: 'no-slash' }, 'BASE_PATH'],
    [{ SEED: 'all' }, 'SEED'],
    [{ ADMIN_EMAIL: 'admin@example.org' }, 'ADMIN_PASSWORD'],
    [{ PUBLIC_URL: 'directory.example.org' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'ftp://directory.example.org' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://directory.example.org/?x=1' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://user:secret@directory.example.org' }, 'PUBLIC_URL'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'loopback, proxy.example.org' }, 'TRUST_PROXY'],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: 'ten' }, 'DATABASE_STATEMENT_TIMEOUT_MS'],
    [{ DATABASE_CONNECT_TIMEOUT_MS: '0' }, 'DATABASE_CONNECT_TIMEOUT_MS'],
    [{ DATABASE_JOB_STATEMENT_TIMEOUT_MS: '-1' }, 'DATABASE_JOB_STATEMENT_TIMEOUT_MS'],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: '20000' }, 'DATABASE_QUERY_TIMEOUT_MS'],
    [{ SHUTDOWN_DEADLINE_MS: '0' }, 'SHUTDOWN_DEADLINE_MS'],
  ])('then a bad value %j stops start-up naming %s', (source, name) => {
    expect(() => readEnv(source)).toThrow(EnvError);
    expect(() => readEnv(source)).toThrow(name);
  });
});

describe('When ADMIN_PASSWORD is too weak', () => {
  it('then start-up stops with a message naming ADMIN_PASSWORD', async () => {
    await expect(testApp({ ADMIN_EMAIL: 'admin@example.org', ADMIN_PASSWORD: 'admin password 123' })).rejects.toThrow(/ADMIN_PASSWORD: must not contain your e-mail address/);
  });
});

describe('When PUBLIC_URL is read', () => {
  it('then, unset outside production, it is this machine on PORT with BASE_PATH', () => {
    expect(readEnv({}).publicUrl).toBe('http://localhost:3000');
    expect(readEnv({ PORT: '8080', BASE_PATH: '/network/' }).publicUrl).toBe('http://localhost:8080/network');
  });

  it('then it is kept without its trailing slash, its path matching BASE_PATH', () => {
    expect(readEnv({ PUBLIC_URL: 'https://Directory.Example.org/' }).publicUrl).toBe('https://directory.example.org');
    expect(readEnv({ PUBLIC_URL: 'http://192.0.2.2:3000/network/', BASE_PATH: '/network' }).publicUrl).toBe('http://192.0.2.2:3000/network');
  });

  it('then a path other than BASE_PATH stops start-up, saying both', () => {
    expect(() => readEnv({ PUBLIC_URL: 'https://directory.example.org/network' })).toThrow('PUBLIC_URL: its path (/network) must be BASE_PATH (/)');
    expect(() => readEnv({ PUBLIC_URL: 'https://directory.example.org', BASE_PATH: '/network' })).toThrow('PUBLIC_URL: its path (/) must be BASE_PATH (/network)');
  });

  it('then production without it stops start-up with a message saying what to set', () => {
    expect(() => readEnv({ NODE_ENV: 'production' })).toThrow(/PUBLIC_URL: must be set when NODE_ENV=production/);
    expect(readEnv({ NODE_ENV: 'production', PUBLIC_URL: 'https://directory.example.org' }).publicUrl).toBe('https://directory.example.org');
  });

  it('then the server started in production without it exits with status 2 and says so, before opening any database', () => {
    const root = path.resolve(__dirname, '../..');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', DATA_DIR: '/nonexistent/never-created' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('PUBLIC_URL: must be set when NODE_ENV=production');
  });
});

describe('When TRUST_PROXY is read', () => {
  it("then it is Express's trust proxy value: loopback by default, off, a hop count, or addresses and ranges", () => {
    expect(readEnv({}).trustProxy).toEqual(['loopback']);
    expect(readEnv({ TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(readEnv({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(readEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8, 192.0.2.7, fd00::/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', '192.0.2.7', 'fd00::/8']);
  });
});
