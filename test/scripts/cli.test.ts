import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

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
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-cli-'));
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
