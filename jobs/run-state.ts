/**
 * The states a sync run moves through, and the one place that moves it. A run is recorded
 * `queued` once its source's lock is held (or `skipped` when it is not), turns `running` as it
 * starts reading, and ends `succeeded`, `partial` or `failed`. A move from any other state is
 * refused, so a run closed as interrupted cannot be reopened by a late write, nor the reverse.
 */
import type { Db } from '../server/db/client';
import { insertRun, updateRunFrom, type RunRow } from '../server/db/sync';
import { runStatuses, type RunStatus, type RunTrigger } from '../server/db/enums';
import type { RecordError } from './connectors/connector';

export { runStatuses, type RunStatus };
export type EndStatus = Extract<RunStatus, 'succeeded' | 'partial' | 'failed'>;
/** States a run is in while some process works on it. */
export const unfinished: readonly RunStatus[] = ['queued', 'running'];

export interface Counts {
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  rejected: number;
}

/**
 * How a run that got to its end is judged, whatever its connector: it succeeded when it read
 * everything and rejected nothing; else it is partial when some records imported and failed
 * when none did (a batch of only rejected records fails).
 */
export function endStatus({ complete, counts }: { complete: boolean; counts: Counts }): EndStatus {
  if (complete && counts.rejected === 0) return 'succeeded';
  return counts.created + counts.updated + counts.unchanged > 0 ? 'partial' : 'failed';
}

/** The states each state may be reached from. */
const reachableFrom: Record<Exclude<RunStatus, 'queued' | 'skipped'>, readonly RunStatus[]> = {
  running: ['queued'],
  succeeded: ['running'],
  partial: ['running'],
  failed: ['queued', 'running'],
};

export type Move =
  | { to: 'running'; startedAt: Date }
  | { to: EndStatus; finishedAt: Date; counts: Counts; errors: RecordError[]; startedAt?: Date };

/**
 * When a run is recorded: now, or for a scheduled run the tick it was due at, so that every
 * instance can tell that tick's run was recorded (server/db/sync.ts scheduledRunAt).
 */
export type RecordedAt = { createdAt?: Date };

/** Records a run whose source's lock is held; it is `queued` until it starts reading. */
export const openRun = (db: Db, sourceId: string, trigger: RunTrigger, at: RecordedAt = {}): Promise<RunRow> => insertRun(db, sourceId, trigger, { status: 'queued', ...at });

/** The errors that a run's own life writes (the API shows them as they are; pages say them in the reader's language). */
export const SKIPPED_MESSAGE = 'skipped: another run of this source is in progress';
export const INTERRUPTED_MESSAGE = 'interrupted';

/** Records a run that did not start because another held the source's lock (CONTRACT.md: never `failed`). */
export const skippedRun = (db: Db, sourceId: string, trigger: RunTrigger, at: Date, recorded: RecordedAt = {}): Promise<RunRow> =>
  insertRun(db, sourceId, trigger, { status: 'skipped', startedAt: at, finishedAt: at, errors: [{ message: SKIPPED_MESSAGE }], ...recorded });

/** Moves run `runId` to a new state; false when it was not in a state that leads there (already closed). */
export async function moveRun(db: Db, runId: string, move: Move): Promise<boolean> {
  const { to, ...values } = move;
  return updateRunFrom(db, runId, reachableFrom[to], { status: to, ...values });
}

/** Writes the counts of a running run so far, so the console (and, after a crash, the record) shows how far it got. */
export async function recordProgress(db: Db, runId: string, counts: Counts): Promise<void> {
  await updateRunFrom(db, runId, ['running'], { counts: { ...counts } });
}
