/**
 * The embedded database has one user at a time: two processes on one DATA_DIR would
 * corrupt it. A lock file holding the owner's pid keeps a second opener out, with a
 * message saying who holds it; a lock left by a process that died is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { processAlive } from '../process-alive';

export class DataDirBusyError extends Error {}

/** Takes the lock of `dir`; returns the function that releases it. */
export function lockDataDir(dir: string): () => void {
  const file = path.join(dir, 'partnering.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      const release = () => {
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processAlive(holder)) {
        throw new DataDirBusyError(
          `The embedded database in ${dir} is in use by process ${holder} (a running server?). Stop it first, or set DATABASE_URL to use a PostgreSQL server.`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirBusyError(`Could not lock the embedded database in ${dir}.`);
}
