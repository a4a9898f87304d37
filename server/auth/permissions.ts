/** Who may change which entry: staff anything, an agency editor what its organizations run. */
import type { Scope } from '../db/introductions';
import { isStaff, type CurrentUser } from './roles';

export const editsOrganization = (u: CurrentUser, organizationId: string) => isStaff(u) || u.organizations.includes(organizationId);

/** A programme or case belongs to every organization it lists; an editor of any of them may edit it. */
export const editsAnyOf = (u: CurrentUser, organizationIds: string[]) => isStaff(u) || organizationIds.some((id) => u.organizations.includes(id));

/** Organizations an editor may name as operators: its own, unless staff. */
export const foreignOrganizations = (u: CurrentUser, organizationIds: string[]) => (isStaff(u) ? [] : organizationIds.filter((id) => !u.organizations.includes(id)));

/** The introductions a user may list: staff every one, an agency editor its inbox (and its own requests), anyone else what it sent. */
export const introductionScope = (user: CurrentUser): Scope =>
  isStaff(user) ? { kind: 'all' } : user.organizations.length ? { kind: 'inbox', firmId: user.id, organizations: user.organizations } : { kind: 'firm', firmId: user.id };
