/** Invitations to co-operate a programme: rows waiting for the invited organization's acceptance. */
import { and, asc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from './client';
import { organizations, programmeInvitations, programmeOperators, programmes } from './schema';

/** An organization's place in the programme's list of operators, kept from the form or body that named it. */
export interface NamedOperator {
  organizationId: string;
  position: number;
}

/** Makes the programme's open invitations exactly `invited`: new ones are added, the ones no longer named withdrawn. */
export async function setInvitations(db: Db, programmeId: string, invited: NamedOperator[], invitedBy: string): Promise<void> {
  const ids = invited.map((i) => i.organizationId);
  await db
    .delete(programmeInvitations)
    .where(and(eq(programmeInvitations.programmeId, programmeId), ids.length ? notInArray(programmeInvitations.organizationId, ids) : undefined));
  if (invited.length) {
    await db
      .insert(programmeInvitations)
      .values(invited.map((i) => ({ programmeId, organizationId: i.organizationId, position: i.position, invitedBy })))
      .onConflictDoNothing();
  }
}

/** The organizations invited to run a programme and not yet accepted, in the list's order. */
export async function invitedTo(db: Db, programmeId: string): Promise<string[]> {
  const rows = await db
    .select({ id: programmeInvitations.organizationId })
    .from(programmeInvitations)
    .where(eq(programmeInvitations.programmeId, programmeId))
    .orderBy(asc(programmeInvitations.position));
  return rows.map((r) => r.id);
}

export interface Invitation {
  programmeId: string;
  programmeName: string;
  organizationId: string;
  organizationName: string;
  createdAt: Date;
}

/** The open invitations of these organizations (every one when `organizationIds` is 'all'), oldest first. */
export async function invitationsFor(db: Db, organizationIds: string[] | 'all', limit = 200): Promise<Invitation[]> {
  if (organizationIds.length === 0) return [];
  return db
    .select({
      programmeId: programmeInvitations.programmeId,
      programmeName: programmes.name,
      organizationId: programmeInvitations.organizationId,
      organizationName: organizations.name,
      createdAt: programmeInvitations.createdAt,
    })
    .from(programmeInvitations)
    .innerJoin(programmes, eq(programmes.id, programmeInvitations.programmeId))
    .innerJoin(organizations, eq(organizations.id, programmeInvitations.organizationId))
    .where(and(organizationIds === 'all' ? undefined : inArray(programmeInvitations.organizationId, organizationIds), isNull(programmes.deletedAt)))
    .orderBy(asc(programmeInvitations.createdAt))
    .limit(limit);
}

/** Turns the invitation into an operator at its place in the list; false when there was no such invitation. */
export async function acceptInvitation(db: Db, programmeId: string, organizationId: string): Promise<boolean> {
  const [row] = await db
    .delete(programmeInvitations)
    .where(and(eq(programmeInvitations.programmeId, programmeId), eq(programmeInvitations.organizationId, organizationId)))
    .returning({ position: programmeInvitations.position });
  if (!row) return false;
  await db.insert(programmeOperators).values({ programmeId, organizationId, position: row.position }).onConflictDoNothing();
  return true;
}

/** Whether the organization already runs the programme (an accepted operator). */
export async function isOperator(db: Db, programmeId: string, organizationId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`1` })
    .from(programmeOperators)
    .where(and(eq(programmeOperators.programmeId, programmeId), eq(programmeOperators.organizationId, organizationId)));
  return !!row;
}
