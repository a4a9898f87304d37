import { z } from 'zod';
import type { CurrentUser } from '../auth/roles';
import { roles } from '../db/enums';
import type { UserWithOrganizations } from '../db/users';

/** The signed-in user as the API shows them. */
export const currentUserSchema = z.object({ id: z.uuid(), email: z.string(), roles: z.array(z.enum(roles)), organizations: z.array(z.uuid()) }).meta({ id: 'SessionUser' });

export const presentCurrentUser = (u: CurrentUser): z.infer<typeof currentUserSchema> => ({ id: u.id, email: u.email, roles: u.roles, organizations: u.organizations });

/** A user as operators and admins see them in the user list. */
export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string().nullable(),
    roles: z.array(z.string()),
    organizations: z.array(z.uuid()),
    disabledAt: z.iso.datetime().nullable(),
    lastSignInAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });

export const presentUser = (u: UserWithOrganizations): z.infer<typeof userSchema> => ({
  id: u.id,
  email: u.email,
  name: u.name,
  roles: u.roles,
  organizations: u.organizations,
  disabledAt: u.disabledAt?.toISOString() ?? null,
  lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
  createdAt: u.createdAt.toISOString(),
});
