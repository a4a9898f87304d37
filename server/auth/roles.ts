/** Roles a user may hold; an agency editor's organizations are listed apart. */
import type { Language } from '../i18n';

export const roles = ['admin', 'operator', 'agency-editor', 'firm'] as const;
export type Role = (typeof roles)[number];

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

export const isStaff = (u: CurrentUser | undefined) => !!u && (u.roles.includes('admin') || u.roles.includes('operator'));

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // passport's req.user is our CurrentUser.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends CurrentUser {}
  }
}
