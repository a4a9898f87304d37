import type { Db } from '../db/client';
import { loadedReferenceHash, storeReference } from '../db/reference';
import { programmeDirectionInputs, setProgrammeDirections } from '../db/entries';
import type { Reference } from '../reference';
import { deriveDirection } from '../reference/direction';

export type ReferenceSync = { status: 'unchanged' } | { status: 'loaded'; directionsChanged: number };

/**
 * Loads the reference data files into the database when they changed since the last
 * load, then re-derives every programme's direction (a graduating LDC, say).
 */
export async function syncReference(db: Db, ref: Reference): Promise<ReferenceSync> {
  if ((await loadedReferenceHash(db)) === ref.hash) return { status: 'unchanged' };
  await storeReference(db, ref);
  return { status: 'loaded', directionsChanged: await rederiveDirections(db, ref) };
}

/** Recomputes every programme's direction; returns how many changed. */
export async function rederiveDirections(db: Db, ref: Reference): Promise<number> {
  const rows = await programmeDirectionInputs(db);
  const changes = rows
    .map((r) => ({ id: r.id, before: r.direction, direction: deriveDirection(r, ref.statusOf) }))
    .filter((r) => r.direction !== r.before);
  await db.transaction((tx) => setProgrammeDirections(tx, changes));
  return changes.length;
}
