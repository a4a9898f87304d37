/** The operators' queues: registrations awaiting approval, claims awaiting a decision, doubtful duplicates. */
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { Db } from './client';
import { claims, matchReviews, organizations, users } from './schema';

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
}

export interface PendingClaim {
  id: string;
  organizationId: string;
  organizationName: string;
  claimant: string;
  message: string | null;
  createdAt: Date;
}

/** Organizations registered by agencies and not yet approved or rejected, oldest first. */
export async function pendingOrganizations(db: Db, limit = 200): Promise<PendingOrganization[]> {
  return db
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
