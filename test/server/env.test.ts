import { EnvError, readEnv } from '../../server/env';
import { testApp } from '../support';

describe('When the configuration is read', () => {
  it('then defaults follow the contract', () => {
    const env = readEnv({});
    expect(env).toMatchObject({ port: 3000, scheduler: true, feedAllowPrivate: false, basePath: '', databaseUrl: undefined, seed: undefined });
    expect(env.dataDir).toMatch(/data$/);
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
