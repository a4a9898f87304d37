/**
 * A mapping preview: the first records of a feed as the sync would import them, with each
 * record's errors and warnings, before the source is saved. It runs the real pipeline pieces
 * (fetch with the same address guard and limits, the connector's streaming parser, the
 * mapping and normalisation) and stops after the first records. It takes no database at all,
 * so it cannot write one.
 */
import type { AppContext } from '../server/context';
import { ForbiddenAddressError } from './address-guard';
import { connectorNamed } from './connectors';
import { ParseError, type ChangesConnector, type ListingConnector, type RawRecord, type RecordError } from './connectors/connector';
import { FetchError, openFeed, type FetchOptions } from './fetch';
import { mappingOf, type Mapping } from './mapping';
import { normalizeOrganization, normalizeProgramme, type OrganizationRecord, type ProgrammeRecord } from './normalize';

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
  const connector = connectorNamed(input.connector);
  try {
    if (!connector) out.errors.push({ message: `the ${input.connector} connector is not available` });
    else if (connector.reads === 'changes') await previewChanges(ctx, connector, input.url, limit, options, out);
    else await previewListing(ctx, connector, input, limit, options, out);
  } catch (err) {
    if (!(err instanceof FetchError || err instanceof ParseError || err instanceof ForbiddenAddressError)) throw err;
    out.errors.push({ message: err.message });
  } finally {
    clearTimeout(timer);
  }
  return out;
}

/** The first records of a listing's first page. */
async function previewListing(ctx: PreviewContext, connector: ListingConnector, input: PreviewInput, limit: number, options: FetchOptions, out: Preview): Promise<void> {
  const mapping = mappingOf({ mapping: input.mapping ?? null, network: input.network });
  const opened = await openFeed(input.url, options);
  if (opened.status === 'not-modified') return;
  let seen = 0;
  // Leaving the loop early ends the reader, which lets go of the connection.
  for await (const item of connector.readPage(opened.body, mapping, opened.url)) {
    if (item.kind === 'next') continue;
    if (seen === limit) return;
    seen += 1;
    if (item.kind === 'reject') out.errors.push(item.error);
    else mapInto(ctx, mapping, item.record, out);
  }
  out.total = seen;
}

/** The first changes of a changes feed (a peer's), mapped as the connector maps them; tombstones show nothing. */
async function previewChanges(ctx: PreviewContext, connector: ChangesConnector, url: string, limit: number, options: FetchOptions, out: Preview): Promise<void> {
  for await (const page of connector.readChanges(url, null, options, limit)) {
    for (const { type, record } of page.records) mapInto(ctx, connector.mappings[type], record, out);
    // The first page is enough.
    return;
  }
}
