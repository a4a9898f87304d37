/** The import stage for programme feeds (Atom desks, peers): create, update or leave unchanged; directions derived. */
import { insertProgramme } from '../server/db/entries';
import { addProvenance, knownRecords, seenAgain, touchSeen, updateProgrammeFromFeed } from '../server/db/sync';
import type { SourceRow } from '../server/db/sync';
import { deriveDirection } from '../server/reference/direction';
import type { Mapping } from './mapping';
import { normalizeProgramme, programmeHash } from './normalize';
import type { RawRecord, RecordError } from './parse/connector';
import type { Counts, SyncContext } from './run-source';

export async function importProgrammeBatch(ctx: SyncContext, source: SourceRow, mapping: Mapping, records: RawRecord[], counts: Counts, errors: RecordError[]): Promise<void> {
  const normalized = records.map((raw) => ({ raw, result: normalizeProgramme(raw, mapping, ctx.reference) }));
  await ctx.database.db.transaction(async (tx) => {
    const ids = normalized.flatMap((n) => (n.result.ok ? [n.result.record.externalId] : []));
    const known = await knownRecords(tx, source.id, ids, 'programme');
    const unchanged: string[] = [];
    for (const n of normalized) {
      if (!n.result.ok) {
        counts.rejected += 1;
        errors.push({ externalId: n.result.externalId, line: n.raw.line, message: `rejected: ${n.result.reason}` });
        continue;
      }
      const { record, warnings } = n.result;
      for (const w of warnings) errors.push({ externalId: record.externalId, line: n.raw.line, message: w });
      const hash = programmeHash(record);
      const { externalId, ...values } = record;
      const direction = deriveDirection({ origin: values.originCountries, target: values.targetCountries, supporters: values.funderCountries }, ctx.reference.statusOf);
      const before = known.get(externalId);
      if (before) {
        if (before.deleted || (before.contentHash === hash && !before.withdrawn)) {
          unchanged.push(before.provenanceId);
          counts.unchanged += 1;
          continue;
        }
        await updateProgrammeFromFeed(tx, before.entityId, { ...values, direction }, before.localFields);
        await seenAgain(tx, before.provenanceId, hash);
        counts.updated += 1;
        continue;
      }
      const id = await insertProgramme(tx, { ...values, direction }, []);
      await addProvenance(tx, source.id, id, externalId, hash, 'programme');
      counts.created += 1;
    }
    await touchSeen(tx, unchanged);
  });
}
