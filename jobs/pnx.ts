/**
 * The pnx connector: another instance of this directory. It reads the peer's changes feed
 * from the cursor of this source's last good run; entries import like any feed's records,
 * and a tombstone withdraws the entry from this source.
 */
import type { SourceRow } from '../server/db/sync';
import { withdrawRecord } from '../server/db/sync';
import { fetchFeed, FetchError, type FetchOptions } from './fetch';
import { importRecords } from './import';
import { organizationImporter } from './import-organizations';
import { programmeImporter } from './import-programmes';
import type { Mapping } from './mapping';
import { atPath } from './parse/json';
import type { RawRecord, RecordError } from './parse/connector';
import type { Counts, SyncContext } from './run-source';

/** The peer's entries are in this software's own JSON shape. */
export const peerMappings: Record<'organization' | 'programme', Mapping> = {
  organization: {
    type: 'organization',
    fields: {
      externalId: 'id', name: 'name', acronym: 'acronym', kind: 'kind', country: 'country', website: 'website', email: 'email', phone: 'phone',
      city: 'address.city', description: 'description', services: 'services', sectors: 'sectors', languages: 'languages', networks: 'networks', identifiers: 'identifiers',
    },
    defaults: {},
  },
  programme: {
    type: 'programme',
    fields: {
      externalId: 'id', name: 'name', description: 'description', website: 'website', originCountries: 'originCountries', targetCountries: 'targetCountries',
      funderCountries: 'funderCountries', operators: 'operators', partnershipTypes: 'partnershipTypes', services: 'services', sectors: 'sectors', firmSizes: 'firmSizes', status: 'status',
    },
    defaults: {},
  },
};

interface ChangeItem {
  type: string;
  id: string;
  deleted: boolean;
  data?: unknown;
}

/** Reads every page of the peer's changes; returns the cursor to keep, or undefined when the run stopped early. */
export async function syncPeer(
  ctx: SyncContext,
  source: SourceRow,
  counts: Counts,
  errors: RecordError[],
  fetchOptions: FetchOptions,
): Promise<{ cursor: string | null; complete: boolean }> {
  let cursor = source.cursor;
  const base = source.url.replace(/\/+$/, '');
  const organizationsOf = organizationImporter(peerMappings.organization, ctx.reference, source);
  const programmesOf = programmeImporter(peerMappings.programme, ctx.reference, source);
  for (let page = 0; page < 10_000; page++) {
    const url = `${base}/api/v1/changes?limit=500${cursor ? `&since=${encodeURIComponent(cursor)}` : ''}`;
    let body: { items?: unknown; nextCursor?: unknown; hasMore?: unknown };
    try {
      const fetched = await fetchFeed(url, fetchOptions);
      if (fetched.status === 'not-modified') return { cursor, complete: true };
      body = JSON.parse(fetched.body.toString('utf8')) as typeof body;
    } catch (err) {
      errors.push({ message: err instanceof FetchError ? err.message : `the peer's changes feed could not be read: ${(err as Error).message}` });
      return { cursor: null, complete: false };
    }
    if (!Array.isArray(body.items)) {
      errors.push({ message: 'the peer did not answer with a changes feed (no items): is the URL the base address of a Partnering Network instance?' });
      return { cursor: null, complete: false };
    }
    const items = body.items as ChangeItem[];
    const live = (type: string) => items.filter((i) => i.type === type && !i.deleted && i.data).map((i): RawRecord => ({ get: (path) => atPath(i.data, path) }));
    const orgs = live('organization');
    const progs = live('programme');
    counts.fetched += orgs.length + progs.length;
    if (orgs.length) await importRecords(ctx, source, organizationsOf, orgs, counts, errors);
    if (progs.length) await importRecords(ctx, source, programmesOf, progs, counts, errors);
    for (const gone of items.filter((i) => i.deleted && (i.type === 'organization' || i.type === 'programme'))) {
      if (await withdrawRecord(ctx.database.background.db, source.id, gone.type as 'organization' | 'programme', gone.id)) counts.withdrawn += 1;
    }
    if (typeof body.nextCursor === 'string') cursor = body.nextCursor;
    if (body.hasMore !== true) return { cursor, complete: true };
  }
  return { cursor, complete: false };
}
