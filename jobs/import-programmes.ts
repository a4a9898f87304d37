/**
 * How programme records import (Atom desks, peers): directions derived, never read from the
 * feed; operators a peer lists found through this source's provenance; a programme another
 * source brought is joined when the website, or a name at least 0.6 similar, says it is the
 * same one and the two share a country. Doubtful pairs go to the review queue.
 */
import { insertProgramme, organizationsByIds } from '../server/db/entries';
import { candidateProgrammes, queueDoubtful, reviewDecisions } from '../server/db/matching';
import { knownRecords, updateFromFeed, websiteKey, type SourceRow } from '../server/db/sync';
import { updateProgramme } from '../server/db/writes';
import type { Db } from '../server/db/client';
import type { Reference } from '../server/reference';
import { deriveDirection } from '../server/reference/direction';
import type { Importer } from './import';
import type { Mapping } from './mapping';
import { candidate, decide, type Candidate, type Match } from './matcher';
import type { ProgrammeRecord } from './normalize';
import { recordShapes } from './prepare';

export function programmeImporter(mapping: Mapping, ref: Reference, source: SourceRow): Importer<ProgrammeRecord> {
  /** The entries this source brought for the organizations a record names, in its order. */
  const operatorsOf = async (tx: Db, r: ProgrammeRecord): Promise<string[]> => {
    if (r.operatorRefs.length === 0) return [];
    const known = await knownRecords(tx, source.id, r.operatorRefs, 'organization');
    return [...new Set(r.operatorRefs.flatMap((ref) => (known.get(ref) ? [known.get(ref)!.entityId] : [])))];
  };
  /** The programme's values, with its direction derived from its countries, its funders' and its operators'. */
  const valuesOf = async (tx: Db, { externalId: _e, operatorRefs: _o, ...rest }: ProgrammeRecord, operators: string[]) => {
    const operatorCountries = (await organizationsByIds(tx, operators)).map((o) => o.country);
    const supporters = [...rest.funderCountries, ...operatorCountries];
    return { ...rest, direction: deriveDirection({ origin: rest.originCountries, target: rest.targetCountries, supporters }, ref.statusOf) };
  };
  let candidates: { candidate: Candidate; countries: Set<string> }[] | undefined;

  async function matchAll(tx: Db, records: ProgrammeRecord[]): Promise<Match[]> {
    candidates ??= (await candidateProgrammes(tx, source.id)).map((r) => ({ candidate: candidate(r.id, r.name, websiteKey(r.website)), countries: new Set(r.countries) }));
    const decisions = await reviewDecisions(tx, source.id, 'programme', records.map((r) => r.externalId));
    return records.map((record) => {
      const decision = decisions.get(record.externalId);
      if (decision?.mergedInto && candidates!.some((c) => c.candidate.id === decision.mergedInto)) return { kind: 'same', entityId: decision.mergedInto, reason: 'an operator merged them' };
      const countries = [...record.originCountries, ...record.targetCountries];
      const sharing = candidates!.filter((c) => countries.some((x) => c.countries.has(x))).map((c) => c.candidate);
      return decide({ name: record.name, websiteKey: websiteKey(record.website) }, sharing, decision?.apart ?? new Set());
    });
  }

  return {
    entityType: 'programme',
    ...recordShapes.programme(mapping, ref),
    async updateAll(tx, changed) {
      // Programme feeds are small, and each programme's operators are resolved through provenance: one at a time.
      for (const { entityId: id, record, localFields } of changed) {
        const operators = await operatorsOf(tx, record);
        await updateFromFeed(tx, 'programme', id, await valuesOf(tx, record, operators), localFields);
        if (operators.length && !localFields.includes('operators')) await updateProgramme(tx, id, {}, operators);
      }
    },
    async addAll(tx, records) {
      const matches = await matchAll(tx, records);
      const out: { entityId: string; outcome: 'created' | 'updated' }[] = [];
      const joined = new Set<string>();
      for (const [i, record] of records.entries()) {
        const match = matches[i]!;
        if (match.kind === 'same' && !joined.has(match.entityId)) {
          joined.add(match.entityId);
          candidates = candidates?.filter((c) => c.candidate.id !== match.entityId);
          await updateProgramme(tx, match.entityId, { withdrawnAt: null });
          out.push({ entityId: match.entityId, outcome: 'updated' });
          continue;
        }
        const operators = await operatorsOf(tx, record);
        out.push({ entityId: await insertProgramme(tx, await valuesOf(tx, record, operators), operators), outcome: 'created' });
      }
      await queueDoubtful(tx, 'programme', source.id, records, matches, out);
      return out;
    },
  };
}
