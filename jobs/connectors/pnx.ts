/**
 * The pnx connector: another instance of this directory. It reads the peer's changes feed
 * from the cursor of this source's last good run; entries import like any feed's records,
 * and a tombstone withdraws the entry from this source.
 */
import { z } from 'zod';
import { fetchFeed, type FetchOptions } from '../fetch';
import type { Mapping } from '../mapping';
import { ParseError, type ChangesConnector, type ChangesPage, type EntityType } from './connector';
import { atPath } from './json';

/** The peer's entries are in this software's own JSON shape. */
const peerMappings: Record<EntityType, Mapping> = {
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

/** A peer has at most this many pages of changes for one run; the next run reads on from the cursor. */
const MAX_PAGES = 10_000;

const changesPage = z.object({ items: z.array(z.unknown()), nextCursor: z.unknown().optional(), hasMore: z.unknown().optional() });
/** An item is read as leniently as before: one that says too little is passed over, not the whole page. */
const changeItem = z.object({ type: z.string(), id: z.unknown().optional(), deleted: z.unknown().optional(), data: z.unknown().optional() });

const isEntityType = (type: string): type is EntityType => type === 'organization' || type === 'programme';

/** One page of the peer's changes, as its body says it. */
function readChangesBody(body: Buffer, cursor: string | null): ChangesPage & { hasMore: boolean } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new ParseError(`the peer's changes feed could not be read: ${(err as Error).message}`);
  }
  const page = changesPage.safeParse(parsed);
  if (!page.success) throw new ParseError('the peer did not answer with a changes feed (no items): is the URL the base address of a Partnering Network instance?');
  const out: ChangesPage & { hasMore: boolean } = { records: [], gone: [], cursor: typeof page.data.nextCursor === 'string' ? page.data.nextCursor : cursor, hasMore: page.data.hasMore === true };
  for (const raw of page.data.items) {
    const item = changeItem.safeParse(raw);
    if (!item.success || !isEntityType(item.data.type)) continue;
    const { type, id, deleted, data } = item.data;
    if (deleted) {
      if (typeof id === 'string') out.gone.push({ type, externalId: id });
    } else if (data) out.records.push({ type, record: { get: (path) => atPath(data, path) } });
  }
  return out;
}

async function* readChanges(baseUrl: string, cursor: string | null, options: FetchOptions, pageSize: number): AsyncIterable<ChangesPage> {
  const base = baseUrl.replace(/\/+$/, '');
  for (let page = 0; page < MAX_PAGES; page++) {
    const fetched = await fetchFeed(`${base}/api/v1/changes?limit=${pageSize}${cursor ? `&since=${encodeURIComponent(cursor)}` : ''}`, options);
    if (fetched.status === 'not-modified') return;
    const { hasMore, ...changes } = readChangesBody(fetched.body, cursor);
    yield changes;
    cursor = changes.cursor;
    if (!hasMore) return;
  }
  throw new ParseError(`the peer listed more than ${MAX_PAGES} pages of changes; the next run reads on from the last cursor kept`);
}

/** A peer needs no mapping: its entries are in this software's own shape. */
export const pnx = {
  name: 'pnx',
  reads: 'changes',
  config: z.object({ network: z.string().optional(), mapping: z.unknown().optional() }),
  networkIds: false,
  mappings: peerMappings,
  readChanges,
} as const satisfies ChangesConnector<'pnx'>;
