import type { CurrentUser } from '../auth/roles';
import type { UserWithOrganizations } from '../db/users';

/** The signed-in user as the API shows them. */
export const presentCurrentUser = (u: CurrentUser) => ({ id: u.id, email: u.email, roles: u.roles, organizations: u.organizations });

/** A user as operators and admins see them in the user list. */
export const presentUser = (u: UserWithOrganizations) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  roles: u.roles,
  organizations: u.organizations,
  disabledAt: u.disabledAt?.toISOString() ?? null,
  lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
  createdAt: u.createdAt.toISOString(),
});
