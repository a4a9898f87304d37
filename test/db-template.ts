/**
 * Prepared databases that tests copy instead of migrating and loading the reference data each
 * time: on the embedded database a dump of PGlite's data folder (a file, kept between runs and
 * keyed by what it holds), on a PostgreSQL server a template database of this run (dropped when
 * the run ends). Jest's global setup prepares them; test files find them through the environment.
 *
 * A copy is only a head start: boot still applies newer migrations and reloads reference data
 * whose hash changed, so a stale copy is slower, never wrong.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { syncReference } from '../server/commands/sync-reference';
import { embeddedImage, openDatabase } from '../server/db/client';
import { scratchDatabase } from '../server/db/scratch';
import { loadReference } from '../server/reference';
import { sourceHash } from '../scripts/build';

/** Set by the global setup for the test processes it starts. */
const IMAGE_VAR = 'PN_TEST_DB_IMAGE';
const TEMPLATE_VAR = 'PN_TEST_DB_TEMPLATE';

const root = path.resolve(__dirname, '..');
const imagesDir = path.join(os.tmpdir(), 'pn-test-db-images');
/** What an image holds comes from these: the migrations, the reference data and the code that stores it, PGlite's version. */
const imageInputs = ['server/db/migrations', 'server/reference', 'server/db/reference.ts', 'server/commands/sync-reference.ts', 'package-lock.json'];
/** Images of other checkouts or older sources, unused this long, are removed. */
const IMAGE_UNUSED_MS = 24 * 60 * 60_000;

/** The embedded image for the sources as they are, built when missing; returns its path. */
export async function prepareImage(): Promise<string> {
  fs.mkdirSync(imagesDir, { recursive: true });
  const file = path.join(imagesDir, `${sourceHash(root, imageInputs).slice(0, 16)}.tar`);
  if (fs.existsSync(file)) {
    // Marks it in use, so another checkout's clean-up below leaves it alone.
    const now = new Date();
    fs.utimesSync(file, now, now);
    return file;
  }
  const image = await embeddedImage(async (db) => void (await syncReference(db, loadReference())));
  // Written aside then renamed: a run starting meanwhile never reads half a file.
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, Buffer.from(await image.arrayBuffer()));
  fs.renameSync(partial, file);
  removeUnusedImages(file);
  return file;
}

function removeUnusedImages(keep: string): void {
  for (const name of fs.readdirSync(imagesDir)) {
    const file = path.join(imagesDir, name);
    if (file !== keep && Date.now() - fs.statSync(file).mtimeMs > IMAGE_UNUSED_MS) fs.rmSync(file, { force: true });
  }
}

/** A template database on the server of `url`, migrated and holding the reference data: `pn_template_<random>`, so concurrent runs never share one. */
export async function prepareTemplate(url: string): Promise<{ name: string; drop(): Promise<void> }> {
  const scratch = await scratchDatabase(url, 'pn_template');
  try {
    const database = await openDatabase({ databaseUrl: scratch.url });
    try {
      await syncReference(database.db, loadReference());
    } finally {
      await database.close();
    }
  } catch (err) {
    await scratch.drop();
    throw err;
  }
  return { name: new URL(scratch.url).pathname.slice(1), drop: scratch.drop };
}

/** Prepares what the database of this run needs and tells the test processes where it is. */
export async function prepareTestDatabases(databaseUrl: string | undefined): Promise<() => Promise<void>> {
  if (databaseUrl) {
    const template = await prepareTemplate(databaseUrl);
    process.env[TEMPLATE_VAR] = template.name;
    return template.drop;
  }
  process.env[IMAGE_VAR] = await prepareImage();
  return async () => undefined;
}

let image: Blob | undefined;

/** In a test process: the embedded image the global setup prepared (read once per test file), if any. */
export function preparedImage(): Blob | undefined {
  const file = process.env[IMAGE_VAR];
  if (!file) return undefined;
  image ??= new Blob([fs.readFileSync(file)]);
  return image;
}

/** In a test process: the template database the global setup prepared on the server, if any. */
export const preparedTemplate = (): string | undefined => process.env[TEMPLATE_VAR];

/**
 * A fresh data folder for a process a test starts (a server, the CLI): on the embedded database
 * it already holds the prepared image, so that process skips initdb, the migrations and the
 * reference data; with DATABASE_URL set it is empty (the process only keeps its lock file there).
 */
export async function preparedDataDir(prefix: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const image = preparedImage();
  if (image) await (await openDatabase({ dataDir: dir, image })).close();
  return dir;
}
