/** The operators' queues: registrations awaiting approval, claims awaiting a decision, doubtful duplicates. */
import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from './client';
import { caseOrganizations, cases, claims, matchReviews, organizations, programmeOperators, programmes, users } from './schema';

export interface PendingOrganization {
  id: string;
  name: string;
  kind: string;
  country: string;
  website: string | null;
  description: string | null;
  createdAt: Date;
  /** The e-mail of the account that registered it. */
  registeredBy: string | null;
  /** What it would publish with it: the programmes it runs and the cases that name it, held until approval. */
  programmes: HeldEntry[];
  cases: HeldEntry[];
}

/** A programme or case waiting on its organization's approval; `state` is what its editor chose (draft or published). */
export interface HeldEntry {
  id: string;
  name: string;
  state: string;
}

export interface PendingClaim {
  id: string;
  organizationId: string;
  organizationName: string;
  claimant: string;
  message: string | null;
  createdAt: Date;
}

/**
 * Organizations registered by agencies and not yet approved or rejected, oldest first, each
 * with its programmes and cases, so the operator judges the whole registration.
 */
export async function pendingOrganizations(db: Db, limit = 200): Promise<PendingOrganization[]> {
  const orgs = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      country: organizations.country,
      website: organizations.website,
      description: organizations.description,
      createdAt: organizations.createdAt,
      registeredBy: users.email,
    })
    .from(organizations)
    .leftJoin(users, eq(users.id, organizations.createdBy))
    .where(and(eq(organizations.state, 'pending'), isNull(organizations.deletedAt)))
    .orderBy(asc(organizations.createdAt))
    .limit(limit);
  const ids = orgs.map((o) => o.id);
  if (ids.length === 0) return [];
  const [progs, caseRows] = await Promise.all([
    db
      .select({ organizationId: programmeOperators.organizationId, id: programmes.id, name: programmes.name, state: programmes.state })
      .from(programmeOperators)
      .innerJoin(programmes, eq(programmes.id, programmeOperators.programmeId))
      .where(and(inArray(programmeOperators.organizationId, ids), isNull(programmes.deletedAt)))
      .orderBy(asc(programmes.name)),
    db
      .select({ organizationId: caseOrganizations.organizationId, id: cases.id, name: cases.title, state: cases.state })
      .from(caseOrganizations)
      .innerJoin(cases, eq(cases.id, caseOrganizations.caseId))
      .where(and(inArray(caseOrganizations.organizationId, ids), isNull(cases.deletedAt)))
      .orderBy(asc(cases.title)),
  ]);
  const of = (rows: (HeldEntry & { organizationId: string })[], id: string): HeldEntry[] =>
    rows.filter((r) => r.organizationId === id).map(({ organizationId: _o, ...entry }) => entry);
  return orgs.map((o) => ({ ...o, programmes: of(progs, o.id), cases: of(caseRows, o.id) }));
}

/** Claims of feed entries waiting for an operator, oldest first, with the entry's name and the claimant's e-mail. */
export async function pendingClaims(db: Db, limit = 200): Promise<PendingClaim[]> {
  return db
    .select({ id: claims.id, organizationId: claims.organizationId, organizationName: organizations.name, claimant: users.email, message: claims.message, createdAt: claims.createdAt })
    .from(claims)
    .innerJoin(organizations, eq(organizations.id, claims.organizationId))
    .innerJoin(users, eq(users.id, claims.userId))
    .where(eq(claims.status, 'pending'))
    .orderBy(asc(claims.createdAt))
    .limit(limit);
}

/** How long each queue is, for the console's front page. */
export async function queueSizes(db: Db): Promise<{ organizations: number; claims: number; duplicates: number }> {
  const [[o], [c], [d]] = await Promise.all([
    db.select({ n: count() }).from(organizations).where(and(eq(organizations.state, 'pending'), isNull(organizations.deletedAt))),
    db.select({ n: count() }).from(claims).where(eq(claims.status, 'pending')),
    db.select({ n: count() }).from(matchReviews).where(eq(matchReviews.status, 'open')),
  ]);
  return { organizations: o?.n ?? 0, claims: c?.n ?? 0, duplicates: d?.n ?? 0 };
}
