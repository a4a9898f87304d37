/**
 * A mapping preview: the first records of a feed as the sync would import them, with each
 * record's errors and warnings, before the source is saved. It runs the real pipeline pieces
 * (fetch with the same address guard and limits, the connector's streaming parser, the
 * mapping and normalisation) and stops after the first records. It takes no database at all,
 * so it cannot write one.
 */
import type { AppContext } from '../server/context';
import { ForbiddenAddressError } from './address-guard';
import { fetchFeed, FetchError, openFeed, type FetchOptions } from './fetch';
import type { Mapping } from './mapping';
import { normalizeOrganization, normalizeProgramme, type OrganizationRecord, type ProgrammeRecord } from './normalize';
import { ParseError, type RawRecord, type RecordError } from './parse/connector';
import { atPath } from './parse/json';
import { peerMappings } from './pnx';
import { mappingOf, readers } from './run-source';

/** What a preview needs of the source: the same fields as creating one. */
export interface PreviewInput {
  network: string;
  connector: string;
  url: string;
  mapping?: Mapping | null;
  maxBytes?: number;
  timeLimitSeconds?: number;
}

/** A mapped record: the entry's fields as the import would store them, and where the record starts. */
export type PreviewRecord = (({ type: 'organization' } & Omit<OrganizationRecord, 'identifiers'>) | ({ type: 'programme' } & ProgrammeRecord)) & { line?: number };

export interface Preview {
  records: PreviewRecord[];
  /** Records rejected (`rejected: ...`), warnings on records that import, and faults of the feed itself (no line, no id). */
  errors: RecordError[];
  /** How many records the first page holds, when the preview read it to its end. */
  total?: number;
}

export type PreviewContext = Pick<AppContext, 'env' | 'reference'>;

export const PREVIEW_RECORDS = 10;
const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
const DEFAULT_TIME_LIMIT_S = 1800;

/** Normalises one raw record into the preview, the way the import stage would. */
function mapInto(ctx: PreviewContext, mapping: Mapping, raw: RawRecord, out: Preview): void {
  const result = mapping.type === 'programme' ? normalizeProgramme(raw, mapping, ctx.reference) : normalizeOrganization(raw, mapping, ctx.reference);
  if (!result.ok) {
    out.errors.push({ externalId: result.externalId, line: raw.line, message: `rejected: ${result.reason}` });
    return;
  }
  for (const w of result.warnings) out.errors.push({ externalId: result.record.externalId, line: raw.line, message: w });
  const line = raw.line === undefined ? {} : { line: raw.line };
  if ('country' in result.record) {
    const { identifiers: _ids, ...organization } = result.record;
    out.records.push({ type: 'organization', ...organization, ...line });
  } else out.records.push({ type: 'programme', ...result.record, ...line });
}

/** The first `limit` records of the feed, mapped, with their errors; feed faults end up in `errors` too. */
export async function previewSource(ctx: PreviewContext, input: PreviewInput, limit = PREVIEW_RECORDS, fetch: Partial<FetchOptions> = {}): Promise<Preview> {
  const out: Preview = { records: [], errors: [] };
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), (input.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_S) * 1000);
  const options: FetchOptions = { allowPrivate: ctx.env.feedAllowPrivate, maxBytes: input.maxBytes ?? DEFAULT_MAX_BYTES, signal: abort.signal, ...fetch };
  try {
    if (input.connector === 'pnx') await previewPeer(ctx, input.url, limit, options, out);
    else await previewFeed(ctx, input, limit, options, out);
  } catch (err) {
    if (!(err instanceof FetchError || err instanceof ParseError || err instanceof ForbiddenAddressError)) throw err;
    out.errors.push({ message: err.message });
  } finally {
    clearTimeout(timer);
  }
  return out;
}

async function previewFeed(ctx: PreviewContext, input: PreviewInput, limit: number, options: FetchOptions, out: Preview): Promise<void> {
  const read = readers[input.connector];
  if (!read) {
    out.errors.push({ message: `the ${input.connector} connector is not available` });
    return;
  }
  const mapping = mappingOf({ mapping: input.mapping ?? null, network: input.network });
  const opened = await openFeed(input.url, options);
  if (opened.status === 'not-modified') return;
  let seen = 0;
  // Leaving the loop early ends the reader, which lets go of the connection.
  for await (const item of read(opened.body, mapping, opened.url)) {
    if (item.kind === 'next') continue;
    if (seen === limit) return;
    seen += 1;
    if (item.kind === 'reject') out.errors.push(item.error);
    else mapInto(ctx, mapping, item.record, out);
  }
  out.total = seen;
}

/** A peer's first changes, read as the pnx connector reads them. */
async function previewPeer(ctx: PreviewContext, url: string, limit: number, options: FetchOptions, out: Preview): Promise<void> {
  const fetched = await fetchFeed(`${url.replace(/\/+$/, '')}/api/v1/changes?limit=${limit}`, options);
  if (fetched.status === 'not-modified') return;
  let items: unknown;
  try {
    items = (JSON.parse(fetched.body.toString('utf8')) as { items?: unknown }).items;
  } catch (err) {
    throw new ParseError(`the peer's changes feed could not be read: ${(err as Error).message}`);
  }
  if (!Array.isArray(items)) throw new ParseError('the peer did not answer with a changes feed (no items): is the URL the base address of a Partnering Network instance?');
  for (const item of items as { type?: unknown; deleted?: unknown; data?: unknown }[]) {
    if (item.deleted || !item.data || (item.type !== 'organization' && item.type !== 'programme')) continue;
    mapInto(ctx, peerMappings[item.type], { get: (path) => atPath(item.data, path) }, out);
  }
}
