/**
 * Who answers an introduction request, by name: the organizations it went to that an agency
 * maintains; when none is (a feed or demo entry), the operators broker it as the network's
 * secretariat (their mails: introductions/sides.ts).
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { introductions, organizations, userOrganizations, users } from './schema';

/** True when a live editor maintains one of the request's organizations (a disabled account answers nothing). */
export const maintainedSql = sql<boolean>`exists (select 1 from ${userOrganizations} uo join ${users} u on u.id = uo.user_id
  where uo.organization_id = any(${introductions.recipients}::uuid[]) and u.disabled_at is null)`;

/** The organizations among `organizationIds` that an agency maintains (a live editor), in the given order. */
export async function answeringOrganizations(db: Db, organizationIds: string[]): Promise<{ id: string; name: string }[]> {
  if (!organizationIds.length) return [];
  const rows = await db
    .selectDistinct({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .innerJoin(userOrganizations, eq(userOrganizations.organizationId, organizations.id))
    .innerJoin(users, eq(users.id, userOrganizations.userId))
    .where(and(inArray(organizations.id, organizationIds), isNull(users.disabledAt)));
  return organizationIds.flatMap((id) => rows.filter((r) => r.id === id));
}
