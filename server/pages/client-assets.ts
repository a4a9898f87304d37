/**
 * The browser client Vite built into dist/client: where its files are and which one the pages
 * load. Vite's manifest is read once (the first time it is asked for), so a page costs no disk
 * read; when the client was never built, pages simply go without script.
 */
import fs from 'node:fs';
import { projectPath } from '../paths';

export interface ClientAssets {
  /** The folder served under `<base>/assets/`. */
  dir: string;
  /** The entry script, relative to the base path (`assets/main-1a2b3c.js`). */
  entry: string;
}

/** The folder Vite builds into (client/vite.config.mts says the same). */
export const clientBuildDir = projectPath('dist', 'client');

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
}

function readClientAssets(): ClientAssets | undefined {
  const manifestFile = `${clientBuildDir}/.vite/manifest.json`;
  if (!fs.existsSync(manifestFile)) return undefined;
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
  return entry ? { dir: `${clientBuildDir}/assets`, entry: entry.file } : undefined;
}

let cached: { assets: ClientAssets | undefined } | undefined;

/** The built client, or undefined when `npm run build:client` has not run. */
export function clientAssets(): ClientAssets | undefined {
  cached ??= { assets: readClientAssets() };
  return cached.assets;
}
