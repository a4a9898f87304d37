/** The signed-in user and the staff rule; the roles themselves are a stored vocabulary (`db/enums.ts`). */
import { roles, type Role } from '../db/enums';
import type { UserWithOrganizations } from '../db/users';
import type { Language } from '../i18n';

/** The signed-in user as handlers see it. */
export interface CurrentUser {
  id: string;
  email: string;
  roles: Role[];
  /** Organizations this user edits as an agency editor. */
  organizations: string[];
  /** The language the user's mails are written in (absent for an actor made up by the CLI); pages follow the reader's own choice. */
  language?: Language;
  /** Set when the request came with an API token rather than a session cookie. */
  tokenId?: string;
}

/** A stored user as the signed-in user; roles the code does not know are dropped. */
export function toCurrentUser(u: UserWithOrganizations, tokenId?: string): CurrentUser {
  return {
    id: u.id,
    email: u.email,
    roles: u.roles.filter((r): r is Role => (roles as readonly string[]).includes(r)),
    organizations: u.organizations,
    language: u.language,
    ...(tokenId ? { tokenId } : {}),
  };
}

export const isStaff = (u: CurrentUser | undefined) => !!u && (u.roles.includes('admin') || u.roles.includes('operator'));

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // passport's req.user is our CurrentUser.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends CurrentUser {}
  }
}
