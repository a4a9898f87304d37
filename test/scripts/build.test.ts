/**
 * When `npm start` builds, then a part whose sources did not change is not built again (a
 * second start serves at once), and a changed source, or a missing output, builds its part.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfChanged, projectParts, type BuildPart } from '../../scripts/build';

let root: string;
const builds = (name: string) => (fs.existsSync(path.join(root, `${name}.log`)) ? fs.readFileSync(path.join(root, `${name}.log`), 'utf8').length : 0);

/** A part whose "build" appends one character to <name>.log and writes its output. */
const part = (name: string, inputs: string[]): BuildPart => ({
  name,
  inputs,
  output: `dist/${name}/done`,
  command: [process.execPath, '-e', `const fs=require('fs');fs.appendFileSync('${name}.log','x');fs.mkdirSync('dist/${name}',{recursive:true});fs.writeFileSync('dist/${name}/done','')`],
});
const parts = () => [part('client', ['client']), part('server', ['server', 'tsconfig.json'])];
const quiet = { log: () => undefined };

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-build-'));
  fs.mkdirSync(path.join(root, 'client/src'), { recursive: true });
  fs.mkdirSync(path.join(root, 'server/pages'), { recursive: true });
  fs.writeFileSync(path.join(root, 'client/src/main.ts'), 'console.log(1);\n');
  fs.writeFileSync(path.join(root, 'server/main.ts'), 'export {};\n');
  fs.writeFileSync(path.join(root, 'server/pages/home.ts'), 'export const a = 1;\n');
  fs.writeFileSync(path.join(root, 'tsconfig.json'), '{}\n');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('When the project is built twice without a change', () => {
  it('then the second build runs nothing', () => {
    expect(buildIfChanged(root, parts(), quiet)).toEqual({ client: 'built', server: 'built' });
    expect(buildIfChanged(root, parts(), quiet)).toEqual({ client: 'up-to-date', server: 'up-to-date' });
    expect([builds('client'), builds('server')]).toEqual([1, 1]);
  });

  it('then a file whose time moved but whose content did not (a checkout) builds nothing', () => {
    buildIfChanged(root, parts(), quiet);
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(root, 'server/main.ts'), later, later);
    expect(buildIfChanged(root, parts(), quiet).server).toBe('up-to-date');
  });
});

describe('When a source changes between builds', () => {
  it('then only its part is built again', () => {
    buildIfChanged(root, parts(), quiet);
    fs.appendFileSync(path.join(root, 'server/pages/home.ts'), 'export const b = 2;\n');
    expect(buildIfChanged(root, parts(), quiet)).toEqual({ client: 'up-to-date', server: 'built' });
    expect([builds('client'), builds('server')]).toEqual([1, 2]);
  });

  it('then a new file, a removed file or a changed configuration builds its part again', () => {
    buildIfChanged(root, parts(), quiet);
    fs.writeFileSync(path.join(root, 'client/src/map.ts'), 'export {};\n');
    expect(buildIfChanged(root, parts(), quiet).client).toBe('built');
    fs.rmSync(path.join(root, 'client/src/map.ts'));
    expect(buildIfChanged(root, parts(), quiet).client).toBe('built');
    fs.writeFileSync(path.join(root, 'tsconfig.json'), '{"compilerOptions":{}}\n');
    expect(buildIfChanged(root, parts(), quiet).server).toBe('built');
  });

  it('then an output deleted since (dist/ cleaned) is built again', () => {
    buildIfChanged(root, parts(), quiet);
    fs.rmSync(path.join(root, 'dist/client'), { recursive: true });
    expect(buildIfChanged(root, parts(), quiet).client).toBe('built');
  });
});

describe('When a build fails', () => {
  it('then the error says which part, and the next start tries again', () => {
    const broken = { ...part('server', ['server']), command: [process.execPath, '-e', 'process.exit(3)'] };
    expect(() => buildIfChanged(root, [broken], quiet)).toThrow('server: the build failed (exit 3)');
    expect(buildIfChanged(root, [part('server', ['server'])], quiet).server).toBe('built');
  });
});

describe("When the project's own parts are read", () => {
  it('then the client and the server each hash their sources and the lock file, and name an output under dist/', () => {
    const byName = Object.fromEntries(projectParts.map((p) => [p.name, p]));
    expect(byName.client?.inputs).toEqual(expect.arrayContaining(['client', 'package-lock.json']));
    expect(byName.server?.inputs).toEqual(expect.arrayContaining(['server', 'jobs', 'scripts', 'tsconfig.build.json', 'package-lock.json']));
    expect(byName.server?.output).toBe('dist/server/main.js');
  });
});
