/**
 * The search index: derived from PostgreSQL (the store of record), held in memory by each
 * app instance, and kept current from the changes feed. Lists read it instead of a full-text
 * index inside the rows, so a write costs only its row and B-tree indexes.
 *
 * - Built from the public entries on first use (the server builds it before it listens).
 * - Every list first reads the feed from where the index stands, so a write is searchable at
 *   once on the instance that made it; `follow` reads it every second besides, so the others
 *   see it within about a second.
 * - A changed entry is read again with the entries whose documents read it (an organization's
 *   programmes and cases, a programme's operators and cases).
 * - When changed entries have left more dead numbers than live ones, the index is rebuilt
 *   beside the one serving, which it then replaces.
 * - Kept on disk (`persist`), it is loaded at start instead of built, then reads the feed from
 *   where it was saved (snapshot.ts). The server saves it after a build and when it stops.
 */
import crypto from 'node:crypto';
import { publicCounts, readChanges, type ChangePosition } from '../db/changes';
import type { Database } from '../db/client';
import {
  countryPlaces,
  currentSnapshot,
  documentSource,
  documentsAfter,
  documentsOf,
  followFrom,
  recentChanges,
  relatedEntries,
  type CountryPlace,
  type EntityKind,
  type SearchDocument,
} from '../db/search-documents';
import type { Logger } from '../logger';
import { KindIndex } from './kind-index';
import { readSnapshot, writeSnapshot, type IndexSnapshot } from './snapshot';
import { Vocabulary } from './vocabulary';

const KINDS: EntityKind[] = ['organization', 'programme', 'case'];
const PAGE = 5_000;
const FEED_PAGE = 5_000;
/** Changes beyond the feed read at most per catch-up; beyond them, writes wait for the feed. */
const RECENT_MOST = 5_000;
const FOLLOW_EVERY_MS = 1_000;
const REBUILD_BACKOFF_MS = 60_000;
/** The ids in two halves, each from (exclusive) and up to (inclusive). */
const HALVES = [
  ['00000000-0000-0000-0000-000000000000', '7fffffff-ffff-ffff-ffff-ffffffffffff'],
  ['7fffffff-ffff-ffff-ffff-ffffffffffff', 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
] as const;

interface State {
  kinds: Record<EntityKind, KindIndex>;
  /** The words of every kind, for reading what a firm types. */
  vocabulary: Vocabulary;
  /** Where the index stands in the changes feed. */
  position: ChangePosition;
  /** Changes read beyond the feed (see recentChanges): the change each entry was read at, by id. */
  recent: Map<string, string>;
  /** The countries table as the build read it. */
  countries: ReadonlyMap<string, CountryPlace>;
  /** The database's snapshot before the last complete read of the changes: while it stays the same, nothing committed. */
  snapshot: string | null;
}

export interface SearchIndexOptions {
  /** How often `follow` reads the feed. */
  followEveryMs?: number;
  /** The index is rebuilt when a kind's dead numbers outnumber both its live ones and this (50,000; tests make it small). */
  rebuildOver?: number;
  /** Entries read per statement while building (tests make it small to read many pages). */
  page?: number;
  /** Runs `tick` every `ms` until the function returned is called (tests give their own clock). */
  every?: (ms: number, tick: () => void) => () => void;
}

const everyWithTimers = (ms: number, tick: () => void) => {
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
};

export class SearchIndex {
  private state: Promise<State> | null = null;
  /** The state searches read, once built. */
  private serving: State | null = null;
  /** No rebuild starts before this time (milliseconds), after one failed. */
  private rebuildAfter = 0;
  private rebuilds = 0;
  private pending: Promise<State> | null = null;
  private last: Promise<unknown> = Promise.resolve();
  private stopFollowing: (() => void) | null = null;
  private rebuilding = false;
  /** Where the index is kept between runs, if it is. */
  private file: string | null = null;
  /** Whether the index serving was loaded from its file rather than built. */
  private loaded = false;

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
    private readonly options: SearchIndexOptions = {},
  ) {}

  /**
   * The index of `kind` with every change committed before the call: builds the index on first
   * use, then reads the feed from where it stands.
   */
  async current(kind: EntityKind): Promise<{ vocabulary: Vocabulary; entries: () => KindIndex }> {
    const state = await this.catchUp();
    // The entries are taken when searched, not held across an await: a rebuilt index may have replaced (and freed) this one.
    return { vocabulary: state.vocabulary, entries: () => (this.serving ?? state).kinds[kind] };
  }

  /** Keeps the index in `file` between runs: loaded instead of built when it can be; call before the index is first used. */
  persist(file: string): void {
    this.file = file;
  }

  /**
   * Writes the index to its file (see persist) between two reads of the feed, which wait for it
   * (a few seconds at a million entries): the server saves before it listens and when it stops.
   * False when there is nothing to write.
   */
  async save(): Promise<boolean> {
    const file = this.file;
    if (!file || !this.state) return false;
    const saving = this.last.then(async () => {
      const state = await this.built();
      const started = Date.now();
      const bytes = await writeSnapshot(file, await snapshotOf(this.database, state));
      this.logger.info({ ms: Date.now() - started, bytes, file }, 'search index: snapshot saved');
    });
    this.last = saving.catch(() => undefined);
    await saving;
    return true;
  }

  /** Builds (or loads) the index if it is not built yet; says which it did. */
  async ready(): Promise<'built' | 'loaded'> {
    await this.built();
    return this.loaded ? 'loaded' : 'built';
  }

  /** Reads the feed every second until `stop`, so writes made by other instances are searchable within about a second. */
  follow(): void {
    if (this.stopFollowing) return;
    const every = this.options.every ?? everyWithTimers;
    this.stopFollowing = every(this.options.followEveryMs ?? FOLLOW_EVERY_MS, () => {
      this.catchUp().catch((error: unknown) => this.logger.warn({ err: error }, 'search index: could not read the changes feed; will try again'));
    });
  }

  stop(): void {
    this.stopFollowing?.();
    this.stopFollowing = null;
  }

  /** Stops following and frees the index's memory, once the reads under way have ended; a later use builds it again. */
  async close(): Promise<void> {
    this.stop();
    await this.last;
    const state = this.serving;
    this.serving = null;
    this.state = null;
    if (state) dispose(state);
  }

  /** Resolves when the reads of the feed under way have ended. */
  async idle(): Promise<void> {
    await this.last;
  }

  /** How many live entries of each kind the index holds, the numbers changes left dead, the rebuilds so far, and where in the feed it stands. */
  async stats(): Promise<{ entries: Record<EntityKind, number>; dead: number; rebuilds: number; position: ChangePosition }> {
    await this.built();
    const state = this.serving;
    if (!state) throw new Error('search index not built');
    const count = (read: (k: KindIndex) => number) => Object.fromEntries(KINDS.map((k) => [k, read(state.kinds[k])])) as Record<EntityKind, number>;
    return { entries: count((k) => k.size), dead: KINDS.reduce((sum, k) => sum + state.kinds[k].dead, 0), rebuilds: this.rebuilds, position: state.position };
  }

  private built(): Promise<State> {
    if (!this.state) {
      this.state = this.file ? this.loadOrBuild(this.file) : build(this.database, this.options.page ?? PAGE);
      this.state.then(
        (state) => {
          this.serving = state;
        },
        // A build that fails (the database is down) is tried again by the next caller.
        () => {
          this.state = null;
        },
      );
    }
    return this.state;
  }

  /** The index from its snapshot when it is usable, else built from the database (and saved, for the next start). */
  private async loadOrBuild(file: string): Promise<State> {
    const started = Date.now();
    try {
      const loaded = await load(this.database, file);
      if ('state' in loaded) {
        this.loaded = true;
        this.logger.info({ ms: Date.now() - started, file }, 'search index: loaded from its snapshot');
        return loaded.state;
      }
      if (loaded.why) this.logger.info({ file, reason: loaded.why }, 'search index: snapshot not used; building from the database');
    } catch (error) {
      this.logger.warn({ err: error, file }, 'search index: could not load its snapshot; building from the database');
    }
    return build(this.database, this.options.page ?? PAGE);
  }

  /**
   * Reads the feed once more after every call. Calls that arrive while a read is waiting to
   * start share it; a read already under way may have missed their writes, so they wait for the next.
   */
  catchUp(): Promise<State> {
    if (this.pending) return this.pending;
    const next = this.last.then(async () => {
      this.pending = null;
      const state = await this.built();
      await applyChanges(this.database, state);
      this.rebuildIfWorn(state);
      return state;
    });
    this.pending = next;
    this.last = next.catch(() => undefined);
    return next;
  }

  private rebuildIfWorn(state: State): void {
    const floor = this.options.rebuildOver ?? 50_000;
    const worn = KINDS.some((k) => state.kinds[k].dead > Math.max(floor, state.kinds[k].size));
    if (!worn || this.rebuilding || state !== this.serving || Date.now() < this.rebuildAfter) return;
    this.rebuilding = true;
    const started = Date.now();
    build(this.database, this.options.page ?? PAGE)
      .then((fresh) => {
        // The swap waits its turn among the reads of the feed, so none is under way on the old index when it is freed.
        const swap = this.last.then(async () => {
          try {
            await applyChanges(this.database, fresh);
          } catch (error) {
            dispose(fresh);
            throw error;
          }
          const old = this.serving;
          this.serving = fresh;
          this.state = Promise.resolve(fresh);
          // Searches run without awaiting, so none is running on the old index now.
          if (old) dispose(old);
          this.rebuilds += 1;
          this.logger.info({ ms: Date.now() - started }, 'search index: rebuilt');
        });
        this.last = swap.catch(() => undefined);
        return swap;
      })
      .catch((error: unknown) => {
        this.rebuildAfter = Date.now() + REBUILD_BACKOFF_MS;
        this.logger.warn({ err: error }, 'search index: rebuild failed; the current index keeps serving');
      })
      .finally(() => {
        this.rebuilding = false;
      });
  }
}

function dispose(state: State): void {
  for (const kind of KINDS) state.kinds[kind].dispose();
}

/** A hash of the countries as the documents' regions and LDC status were read from them. */
function countriesHash(countries: ReadonlyMap<string, CountryPlace>): string {
  return crypto
    .createHash('sha1')
    .update(JSON.stringify([...countries].sort(([a], [b]) => (a < b ? -1 : 1))))
    .digest('hex');
}

async function snapshotOf(database: Database, state: State): Promise<IndexSnapshot> {
  return {
    source: await documentSource(database),
    countries: countriesHash(state.countries),
    position: state.position,
    kinds: KINDS.map((k) => state.kinds[k].snapshot()),
    vocabulary: state.vocabulary.all(),
  };
}

/**
 * The index saved in `file`, brought up to date from the feed; or why it cannot be used: none
 * saved, another database, other countries, or entries that no longer match the database's
 * (rows deleted outright, not through the app, leave no change in the feed).
 */
async function load(database: Database, file: string): Promise<{ state: State } | { why: string | null }> {
  const snapshot = await readSnapshot(file);
  if (!snapshot) return { why: null };
  const [source, countries] = await Promise.all([documentSource(database), countryPlaces(database)]);
  if (snapshot.source !== source) return { why: 'it was saved from another database, or by a version that read entries otherwise' };
  if (snapshot.countries !== countriesHash(countries)) return { why: 'the countries table changed since it was saved' };
  const kinds: Partial<Record<EntityKind, KindIndex>> = {};
  const vocabulary = new Vocabulary();
  try {
    for (const kind of snapshot.kinds) kinds[kind.kind] = KindIndex.restore(kind);
    vocabulary.add(snapshot.vocabulary);
  } catch (error) {
    for (const kind of Object.values(kinds)) kind.dispose();
    throw error;
  }
  const { organization, programme, case: caseKind } = kinds;
  if (!organization || !programme || !caseKind) {
    for (const kind of Object.values(kinds)) kind.dispose();
    return { why: 'a kind of entry is missing from it' };
  }
  const state: State = { kinds: { organization, programme, case: caseKind }, vocabulary, position: snapshot.position, recent: new Map(), countries, snapshot: null };
  try {
    await applyChanges(database, state);
    const counts = await publicCounts(database);
    const off = KINDS.filter((k) => state.kinds[k].size !== counts[k]).map((k) => `${k}s: ${state.kinds[k].size}, the database ${counts[k]}`);
    if (off.length === 0) return { state };
    dispose(state);
    return { why: `its entries differ from the database's (${off.join('; ')})` };
  } catch (error) {
    dispose(state);
    throw error;
  }
}

async function build(database: Database, page: number): Promise<State> {
  const position = await followFrom(database);
  const countries = await countryPlaces(database);
  const kinds = { organization: new KindIndex('organization'), programme: new KindIndex('programme'), case: new KindIndex('case') };
  try {
    return await fill(database, countries, page, position, kinds);
  } catch (error) {
    // Bitmaps live in WebAssembly memory, which the garbage collector does not free.
    for (const kind of KINDS) kinds[kind].dispose();
    throw error;
  }
}

async function fill(database: Database, countries: ReadonlyMap<string, CountryPlace>, page: number, position: ChangePosition, kinds: Record<EntityKind, KindIndex>): Promise<State> {
  const vocabulary = new Vocabulary();
  for (const kind of KINDS) {
    // Two halves of the ids are read at once, and each half's next page while this one is
    // indexed: on a server, both of its cores and the index work together.
    await Promise.all(
      HALVES.map(async ([from, upTo]) => {
        let next: ReturnType<typeof documentsAfter> | null = documentsAfter(database, kind, from, upTo, page);
        while (next) {
          const { documents, last }: Awaited<ReturnType<typeof documentsAfter>> = await next;
          next = last ? documentsAfter(database, kind, last, upTo, page) : null;
          vocabulary.add(kinds[kind].put(documents.map((d) => placed(d, countries))));
        }
      }),
    );
    kinds[kind].settle();
  }
  const state: State = { kinds, vocabulary, position, recent: new Map(), countries, snapshot: null };
  await applyChanges(database, state);
  return state;
}

/** Reads every change after the state's position, and those the feed does not serve yet, and applies them. */
async function applyChanges(database: Database, state: State): Promise<void> {
  const snapshot = await currentSnapshot(database);
  if (snapshot === state.snapshot) return;
  let next = readChanges(database, state.position, FEED_PAGE);
  for (;;) {
    const changes = await next;
    const last = changes[changes.length - 1];
    if (!last) break;
    const more = changes.length === FEED_PAGE;
    // The next page of the feed is read while this one's entries are; pages still apply in the feed's order.
    if (more) {
      next = readChanges(database, { xid: last.xid, seq: last.seq }, FEED_PAGE);
      next.catch(() => undefined);
    }
    await reread(database, state, changes);
    state.position = { xid: last.xid, seq: last.seq };
    if (!more) break;
  }
  const recent = await recentChanges(database, state.position, RECENT_MOST);
  await reread(
    database,
    state,
    recent.filter((c) => state.recent.get(c.id) !== c.stamp),
  );
  state.recent = new Map(recent.map((c) => [c.id, c.stamp]));
  // Changes beyond the feed were cut short: the next read must look again.
  state.snapshot = recent.length < RECENT_MOST ? snapshot : null;
}

/** Reads the changed entries again, with the entries whose documents read them. */
async function reread(database: Database, state: State, changes: { type: EntityKind; id: string }[]): Promise<void> {
  if (changes.length === 0) return;
  const changed: Record<EntityKind, string[]> = { organization: [], programme: [], case: [] };
  for (const c of changes) changed[c.type].push(c.id);
  const related = await relatedEntries(database, changed);
  for (const kind of KINDS) {
    const ids = [...new Set([...changed[kind], ...related[kind]])];
    // In two halves read at once, as the build reads: both of the server's cores work.
    const half = Math.min(PAGE, Math.max(1, Math.ceil(ids.length / 2)));
    for (let i = 0; i < ids.length; i += 2 * half) {
      const batches = [ids.slice(i, i + half), ids.slice(i + half, i + 2 * half)].filter((b) => b.length > 0);
      const read = await Promise.all(batches.map((batch) => documentsOf(database, kind, batch)));
      batches.forEach((batch, j) => {
        const documents = read[j] ?? [];
        const stillPublic = new Set(documents.map((d) => d.id));
        state.kinds[kind].remove(batch.filter((id) => !stillPublic.has(id)));
        state.vocabulary.add(state.kinds[kind].put(documents.map((d) => placed(d, state.countries))));
      });
    }
  }
}

/** The document with the regions (at every level) and LDC status of its countries. */
function placed(document: SearchDocument, countries: ReadonlyMap<string, CountryPlace>): SearchDocument {
  const values = document.values;
  const inThem = document.values.country.flatMap((code) => countries.get(code) ?? []);
  const distinct = (read: (c: CountryPlace) => string | null) => [...new Set(inThem.flatMap((c) => read(c) ?? []))];
  values.region = distinct((c) => c.region);
  values.subregion = distinct((c) => c.subregion);
  values.intermediateRegion = distinct((c) => c.intermediateRegion);
  values.ldc = inThem.length ? [String(inThem.some((c) => c.ldc))] : [];
  return document;
}
