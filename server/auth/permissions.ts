/** Who may do what: staff anything, an agency editor what its organizations run. */
import type { Scope } from '../db/introductions';
import type { Role } from '../db/enums';
import { isStaff, type CurrentUser } from './roles';

/** Whether the user is one of this organization's agency editors (staff are not, by being staff). */
export const maintains = (u: CurrentUser, organizationId: string) => u.organizations.includes(organizationId);

/** Whether the user is an agency editor of any of these organizations: a request to them would be to itself. */
export const maintainsAnyOf = (u: CurrentUser, organizationIds: readonly string[]) => organizationIds.some((id) => maintains(u, id));

export const editsOrganization = (u: CurrentUser, organizationId: string) => isStaff(u) || maintains(u, organizationId);

/** A programme or case belongs to every organization it lists; an editor of any of them may edit it. */
export const editsAnyOf = (u: CurrentUser, organizationIds: string[]) => isStaff(u) || maintainsAnyOf(u, organizationIds);

/** Organizations an editor may name as operators: its own, unless staff. */
export const foreignOrganizations = (u: CurrentUser, organizationIds: string[]) => (isStaff(u) ? [] : organizationIds.filter((id) => !maintains(u, id)));

/** Agency editors register organizations (held for approval); staff too (published at once). */
export const registersOrganizations = (u: CurrentUser) => isStaff(u) || u.roles.includes('agency-editor');

/** Only an agency editor claims an existing organization as its own. */
export const claimsOrganizations = (u: CurrentUser) => u.roles.includes('agency-editor');

/** Admin-only actions: the admin API, and giving or taking the admin and operator roles. */
export const isAdmin = (u: CurrentUser) => u.roles.includes('admin');

/** Staff create users; only an admin creates an operator or an admin. */
export const createsUserWith = (u: CurrentUser, roles: readonly Role[]) => isAdmin(u) || !roles.some((r) => r === 'admin' || r === 'operator');

/** The introductions a user may list: staff every one, an agency editor its inbox (and its own requests), anyone else what it sent. */
export const introductionScope = (user: CurrentUser): Scope =>
  isStaff(user) ? { kind: 'all' } : user.organizations.length ? { kind: 'inbox', firmId: user.id, organizations: user.organizations } : { kind: 'firm', firmId: user.id };

/** A user reads its own readiness checks; operators and admins anyone's. */
export const readsAssessment = (u: CurrentUser, ownerId: string) => u.id === ownerId || isStaff(u);

/** A user revokes its own API tokens; an admin anyone's. */
export const revokesToken = (u: CurrentUser, ownerId: string) => u.id === ownerId || u.roles.includes('admin');
