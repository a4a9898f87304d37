/**
 * How organization records import: a record new to the source joins the entry another source
 * (or an agency) brought when an identifier, the website or the name says it is the same body
 * in the same country; a doubtful pair goes to the review queue. One importer serves a whole
 * run, so each country's candidates are read once.
 */
import { insertFeedOrganizations } from '../server/db/entries';
import { addIdentifiers, candidateOrganizations, entitiesByIdentifiers, identifierKey, queueDoubtful, reviewDecisions, type Identifier } from '../server/db/matching';
import { joinNetworks, updateAllFromFeed, websiteKey, type SourceRow } from '../server/db/sync';
import type { Db } from '../server/db/client';
import type { Reference } from '../server/reference';
import type { Importer } from './import';
import type { Mapping } from './mapping';
import { candidate, decide, type Candidate, type Match } from './matcher';
import type { OrganizationRecord } from './normalize';
import { recordShapes } from './prepare';

const values = ({ externalId: _e, identifiers: _i, ...rest }: OrganizationRecord) => rest;

/** Ids we made from a hash of name and country say nothing outside this directory. */
const madeHere = (externalId: string) => /^h-[0-9a-f]{32}$/.test(externalId);

/**
 * How an importer reads a record's id: as the network's identifier of the body (kept for
 * matching, under the network's name) or as an id that means something only in its feed.
 */
export interface RecordIds {
  networkIds: boolean;
}

export function organizationImporter(mapping: Mapping, ref: Reference, source: SourceRow, ids: RecordIds): Importer<OrganizationRecord> {
  /** The identifiers a record carries: the source network's id for it, and those the feed gave. */
  const identifiersOf = (r: OrganizationRecord): Identifier[] =>
    madeHere(r.externalId) || !ids.networkIds ? r.identifiers : [{ scheme: source.network.toLowerCase(), value: r.externalId }, ...r.identifiers];

  /** Per country, the entries of other sources a record may be the same as. */
  const candidates = new Map<string, Map<string, Candidate>>();
  const candidatesIn = async (tx: Db, country: string) => {
    let found = candidates.get(country);
    if (!found) {
      const rows = await candidateOrganizations(tx, source.id, country);
      found = new Map(rows.map((r) => [r.id, candidate(r.id, r.name, websiteKey(r.website))]));
      candidates.set(country, found);
    }
    return found;
  };

  async function matchAll(tx: Db, records: OrganizationRecord[]): Promise<Match[]> {
    const ids = records.map(identifiersOf);
    const byIdentifier = await entitiesByIdentifiers(tx, 'organization', source.id, ids.flat());
    const decisions = await reviewDecisions(tx, source.id, 'organization', records.map((r) => r.externalId));
    const out: Match[] = [];
    for (const [i, record] of records.entries()) {
      const decision = decisions.get(record.externalId);
      const pool = await candidatesIn(tx, record.country);
      if (decision?.mergedInto && pool.has(decision.mergedInto)) {
        out.push({ kind: 'same', entityId: decision.mergedInto, reason: 'an operator merged them' });
        continue;
      }
      const apart = decision?.apart ?? new Set<string>();
      const sameId = ids[i]!.map((id) => byIdentifier.get(identifierKey(id))).find((e) => e && e.country === record.country && !apart.has(e.entityId));
      out.push(sameId ? { kind: 'same', entityId: sameId.entityId, reason: 'same identifier' } : decide({ name: record.name, websiteKey: websiteKey(record.website) }, pool.values(), apart));
    }
    return out;
  }

  return {
    entityType: 'organization',
    ...recordShapes.organization(mapping, ref),
    async updateAll(tx, changed) {
      await updateAllFromFeed(tx, 'organization', changed.map(({ entityId, record, localFields }) => ({ id: entityId, values: values(record), localFields })));
      await addIdentifiers(tx, 'organization', changed.flatMap(({ entityId, record }) => identifiersOf(record).map((i) => ({ ...i, entityId, sourceId: source.id }))));
    },
    async addAll(tx, records) {
      const matches = await matchAll(tx, records);
      const out: { entityId: string; outcome: 'created' | 'updated' }[] = new Array(records.length);
      const joined = new Set<string>();
      const toCreate: number[] = [];
      for (const [i, match] of matches.entries()) {
        // Two records of one source are two bodies: an entry joins at most one of them.
        if (match.kind === 'same' && !joined.has(match.entityId)) {
          joined.add(match.entityId);
          await joinNetworks(tx, match.entityId, records[i]!.networks);
          candidates.get(records[i]!.country)?.delete(match.entityId);
          out[i] = { entityId: match.entityId, outcome: 'updated' };
        } else toCreate.push(i);
      }
      const created = await insertFeedOrganizations(tx, toCreate.map((i) => values(records[i]!)));
      toCreate.forEach((recordIndex, k) => (out[recordIndex] = { entityId: created[k]!, outcome: 'created' }));
      await queueDoubtful(tx, 'organization', source.id, records, matches, out);
      await addIdentifiers(tx, 'organization', records.flatMap((r, i) => identifiersOf(r).map((id) => ({ ...id, entityId: out[i]!.entityId, sourceId: source.id }))));
      return out;
    },
  };
}
