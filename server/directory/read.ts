/** The read side of the directory: lists with facets and single entries, as public JSON. */
import type { AppContext } from '../context';
import { editsAnyOf, editsOrganization, maintainsAnyOf } from '../auth/permissions';
import type { CurrentUser } from '../auth/roles';
import { casesByIds, organizationsByIds, programmesByIds, provenanceOf, type EntityType } from '../db/entries';
import { invitedTo } from '../db/invitations';
import { identifiersOf } from '../db/matching';
import { openToAnyone, type VisibleRow } from '../db/visibility';
import { listEntries } from '../search-index/list';
import type { FacetValue, ListFilters, SortKey, Understood } from '../search-index/types';
import { badRequest, gone, notFound } from '../errors';
import { presentCase, type CaseJson } from '../presenters/case';
import { presentOrganization, type OrganizationJson } from '../presenters/organization';
import { presentProgramme, type ProgrammeJson } from '../presenters/programme';
import type { ListQuery } from '../schemas/lists';

export interface Page<T> {
  items: T[];
  total: number;
  facets: Record<string, FacetValue[]>;
  nextCursor: string | null;
  /** How the search read the words it was given; null without words. */
  understood: Understood | null;
}

type Json = { organization: OrganizationJson; programme: ProgrammeJson; case: CaseJson };
/** The JSON of one entry of `kind`, as its presenter makes it. */
export type EntryJson<K extends EntityType> = Json[K];

function byIdsInOrder<T extends { id: string }>(rows: T[], ids: string[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is T => r !== undefined);
}

type Row = VisibleRow & { id: string };

/** Loads the entries of `ids` in that order, with a function that turns each into public JSON. */
async function load<K extends EntityType>(ctx: AppContext, kind: K, ids: string[]): Promise<{ rows: Row[]; present: (r: Row) => Json[K] }> {
  const db = ctx.database.db;
  if (kind === 'case') {
    const rows = byIdsInOrder(await casesByIds(db, ids), ids);
    return { rows, present: (r) => presentCase(r as (typeof rows)[number]) as Json[K] };
  }
  const provenance = await provenanceOf(db, kind, ids);
  const of = (id: string) => provenance.filter((p) => p.entityId === id);
  if (kind === 'organization') {
    const rows = byIdsInOrder(await organizationsByIds(db, ids), ids);
    const identifiers = await identifiersOf(db, 'organization', ids);
    return { rows, present: (r) => presentOrganization(r as (typeof rows)[number], of(r.id), identifiers.filter((i) => i.entityId === r.id)) as Json[K] };
  }
  const rows = byIdsInOrder(await programmesByIds(db, ids), ids);
  return { rows, present: (r) => presentProgramme(r as (typeof rows)[number], of(r.id)) as Json[K] };
}

/** Full public JSON of the given entries, in the order of `ids`. */
export async function presentEntries<K extends EntityType>(ctx: AppContext, kind: K, ids: string[]): Promise<Json[K][]> {
  const { rows, present } = await load(ctx, kind, ids);
  return rows.map(present);
}

/** Entries for their editors: with `held` true when published by them but kept private until an organization's approval. */
export async function presentEditedEntries<K extends 'programme' | 'case'>(ctx: AppContext, kind: K, ids: string[]): Promise<(Json[K] & { held: boolean })[]> {
  const { rows, present } = await load(ctx, kind, ids);
  return rows.map((r) => ({ ...present(r), held: r.held === true }));
}

/** The entries of `ids` that anyone may see (published, not deleted, not held back by moderation), in that order. */
export async function presentPublicEntries<K extends EntityType>(ctx: AppContext, kind: K, ids: string[]): Promise<Json[K][]> {
  const { rows, present } = await load(ctx, kind, ids);
  return rows.filter(openToAnyone).map(present);
}

export async function listDirectory<K extends EntityType>(ctx: AppContext, kind: K, query: ListQuery): Promise<Page<Json[K]>> {
  const { cursor, limit, lang: _lang, ldc, facets, ...rest } = query;
  const filters: ListFilters = { ...rest, ldc: ldc === undefined ? undefined : ldc === 'true' };
  const identity = { entity: kind, ...filters };
  let after: SortKey | undefined;
  if (cursor !== undefined) {
    after = ctx.cursors.open(cursor, identity);
    if (!after) throw badRequest([{ path: 'cursor', message: 'this cursor was changed or belongs to another query; start again without it' }]);
  }
  const counted = facets !== 'none';
  return ctx.listCache.get(JSON.stringify({ identity, limit, after, counted }), async () => {
    const result = await listEntries(ctx, kind, filters, limit, after, { facets: counted });
    return {
      items: await presentEntries(ctx, kind, result.ids),
      total: result.total,
      facets: result.facets,
      nextCursor: result.next ? ctx.cursors.seal(result.next, identity) : null,
      understood: result.understood,
    };
  });
}

/**
 * One entry: 404 when unknown, 410 when deleted; an unpublished entry (draft, pending,
 * rejected), or one held while its organization awaits approval, only to the people who may edit it.
 */
export async function readEntry<K extends EntityType>(ctx: AppContext, kind: K, id: string, user?: CurrentUser): Promise<Json[K]> {
  const { rows, present } = await load(ctx, kind, [id]);
  const row = rows[0];
  if (!row) throw notFound(kind);
  if (row.deletedAt) throw gone(kind);
  const json = present(row);
  if (!openToAnyone(row) && !(user && (mayEdit(user, kind, json) || (kind === 'programme' && (await invitedToRead(ctx, user, id)))))) throw notFound(kind);
  return json;
}

/** An organization invited to co-operate a programme may read it, to judge the invitation, though not edit it. */
async function invitedToRead(ctx: AppContext, user: CurrentUser, programmeId: string): Promise<boolean> {
  if (!user.organizations.length) return false;
  return maintainsAnyOf(user, await invitedTo(ctx.database.db, programmeId));
}

function mayEdit(user: CurrentUser, kind: EntityType, json: { id: string; operators?: string[]; organizations?: string[] }): boolean {
  if (kind === 'organization') return editsOrganization(user, json.id);
  return editsAnyOf(user, json.operators ?? json.organizations ?? []);
}
