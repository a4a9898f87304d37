/**
 * Tests run against the pages as users get them, script included: build the browser client
 * once when dist/client is missing or older than client/ (a fresh clone, an edited source).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const manifest = path.join(root, 'dist/client/.vite/manifest.json');

function newestChange(dir: string): number {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((newest, e) => Math.max(newest, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs), 0);
}

export default function buildClient(): void {
  if (fs.existsSync(manifest) && fs.statSync(manifest).mtimeMs >= newestChange(path.join(root, 'client'))) return;
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const run = spawnSync(process.execPath, [vite, 'build', '--config', 'client/vite.config.mts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`building the browser client failed (exit ${run.status}): run npm run build:client to see why`);
}
