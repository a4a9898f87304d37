/**
 * `npm start`'s build step: builds the browser client (Vite) and the server (tsc) only when
 * their sources changed since the last build, so a second start serves within seconds. Each
 * part's sources are hashed (paths and contents, so a checkout that only moves file times
 * does not count) and the hash is kept beside what was built; a part whose hash matches and
 * whose output is there is left alone. `npm run build` (`--force`) builds everything.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { projectPath } from '../server/paths';

/** One part of the build: what it reads, what it writes, and the command that makes it. */
export interface BuildPart {
  name: string;
  /** Files and folders (relative to the root) whose contents the output is built from. */
  inputs: string[];
  /** A file the build writes last: while it is missing, the part is built. */
  output: string;
  /** The command and its arguments, run in the root. */
  command: string[];
}

export type PartResult = 'built' | 'up-to-date';

/** A tool installed in node_modules, run with this Node. */
const bin = (name: string, ...args: string[]) => [process.execPath, path.join('node_modules', '.bin', name), ...args];

/** The project's two parts, as package.json's build:client and build scripts make them. */
export const projectParts: BuildPart[] = [
  {
    name: 'client',
    inputs: ['client', 'package-lock.json'],
    output: 'dist/client/.vite/manifest.json',
    command: bin('vite', 'build', '--config', 'client/vite.config.mts', '--logLevel', 'warn'),
  },
  {
    name: 'server',
    inputs: ['server', 'jobs', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    output: 'dist/server/main.js',
    command: bin('tsc', '-p', 'tsconfig.build.json'),
  },
];

function filesUnder(root: string, rel: string): string[] {
  const full = path.join(root, rel);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [rel];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((e) => e.name !== 'node_modules' && !e.name.startsWith('.'))
    .flatMap((e) => filesUnder(root, path.join(rel, e.name)));
}

/** A hash of the inputs' paths and contents, the same whatever order the disk lists them in. */
export function sourceHash(root: string, inputs: string[]): string {
  const hash = crypto.createHash('sha256');
  for (const file of inputs.flatMap((i) => filesUnder(root, i)).sort()) {
    hash.update(`${file.split(path.sep).join('/')}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const stampOf = (root: string, part: BuildPart) => path.join(root, 'dist', `.build-${part.name}.sha256`);

/** Builds the parts whose sources changed (every part with `force`); throws when a build command fails. */
export function buildIfChanged(root: string, parts: BuildPart[] = projectParts, options: { force?: boolean; log?: (line: string) => void } = {}): Record<string, PartResult> {
  const log = options.log ?? console.log;
  const results: Record<string, PartResult> = {};
  for (const part of parts) {
    const hash = sourceHash(root, part.inputs);
    const stamp = stampOf(root, part);
    const built = fs.existsSync(path.join(root, part.output)) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === hash;
    if (built && !options.force) {
      results[part.name] = 'up-to-date';
      log(`${part.name}: up to date`);
      continue;
    }
    log(`${part.name}: building (${part.command.slice(1).join(' ')})`);
    const [command, ...args] = part.command as [string, ...string[]];
    const run = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`${part.name}: the build failed (exit ${run.status ?? run.signal})`);
    fs.mkdirSync(path.dirname(stamp), { recursive: true });
    // The hash of the sources as they were when the build began: a file edited meanwhile rebuilds next time.
    fs.writeFileSync(stamp, `${hash}\n`);
    results[part.name] = 'built';
  }
  return results;
}

if (require.main === module) {
  try {
    buildIfChanged(projectPath(), projectParts, { force: process.argv.includes('--force') });
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
