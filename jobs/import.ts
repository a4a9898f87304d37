/**
 * The import stage shared by every kind of entry: rejected records and warnings go to the
 * run's errors; a record this source brought before is left alone when its content hash is
 * the same (nothing written: the run only remembers it saw it), else updated; a new one is added, by creating
 * an entry or joining one another source brought. Changed and new records are each written in
 * sets, a few statements per batch; each batch is one transaction.
 */
import type { Db } from '../server/db/client';
import { addProvenance, knownRecords, seenAgain, type SourceRow } from '../server/db/sync';
import type { SeenSet } from './seen';
import type { EntityType, RecordError } from './connectors/connector';
import type { SyncContext } from './context';
import type { Prepared, RecordShape } from './prepare';
import type { Counts } from './run-state';

/** A record this source brought before whose content changed, and the entry it feeds. */
export interface Changed<R> {
  entityId: string;
  record: R;
  localFields: string[];
}

export interface Importer<R extends { externalId: string }> extends RecordShape<R> {
  entityType: EntityType;
  /** Writes changed records into their entries, leaving the locally edited fields alone. */
  updateAll(tx: Db, changed: Changed<R>[]): Promise<void>;
  /** The entries records new to this source go into, in their order: existing ones (joined) or new ones (created). */
  addAll(tx: Db, records: R[]): Promise<{ entityId: string; outcome: 'created' | 'updated' }[]>;
}

export async function importRecords<R extends { externalId: string }>(
  ctx: SyncContext,
  source: SourceRow,
  importer: Importer<R>,
  records: Prepared<R>[],
  counts: Counts,
  errors: RecordError[],
  /** Where the run remembers the records it saw, to withdraw the others at its end. */
  seen?: SeenSet,
): Promise<void> {
  // The background pool: a batch may take longer than a request is allowed to.
  await ctx.database.background.db.transaction(async (tx) => {
    const ids = records.flatMap((n) => (n.result.ok ? [n.result.record.externalId] : []));
    const known = await knownRecords(tx, source.id, ids, importer.entityType);
    const added: R[] = [];
    const addedHashes: string[] = [];
    const changed: (Changed<R> & { provenanceId: string; contentHash: string })[] = [];
    const inBatch = new Set<string>();
    for (const { line, result, hash: prepared } of records) {
      if (!result.ok) {
        counts.rejected += 1;
        errors.push({ externalId: result.externalId, line, message: `rejected: ${result.reason}` });
        continue;
      }
      const { record, warnings } = result;
      for (const w of warnings) errors.push({ externalId: record.externalId, line, message: w });
      const hash = prepared ?? importer.hash(record);
      const before = known.get(record.externalId);
      if (before) seen?.add(before.seq);
      if (before) {
        if (before.deleted || (before.contentHash === hash && !before.withdrawn)) {
          // Unchanged, or deleted here on purpose: nothing to write at all.
          counts.unchanged += 1;
          continue;
        }
        changed.push({ entityId: before.entityId, record, localFields: before.localFields, provenanceId: before.provenanceId, contentHash: hash });
        counts.updated += 1;
        continue;
      }
      if (inBatch.has(record.externalId)) {
        counts.rejected += 1;
        errors.push({ externalId: record.externalId, line, message: 'rejected: the feed lists this id twice' });
        continue;
      }
      inBatch.add(record.externalId);
      added.push(record);
      addedHashes.push(hash);
    }
    // The changed records are written together, in sets, like the new ones.
    await importer.updateAll(tx, changed);
    await seenAgain(tx, changed.map(({ provenanceId, contentHash }) => ({ provenanceId, contentHash })));
    const entries = await importer.addAll(tx, added);
    const seqs = await addProvenance(
      tx,
      added.map((record, i) => ({ sourceId: source.id, entityType: importer.entityType, entityId: entries[i]!.entityId, externalId: record.externalId, contentHash: addedHashes[i]! })),
    );
    for (const { outcome } of entries) counts[outcome] += 1;
    for (const seq of seqs) seen?.add(seq);
  });
}
