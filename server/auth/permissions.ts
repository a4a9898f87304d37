/** Who may change which entry: staff anything, an agency editor what its organizations run. */
import { isStaff, type CurrentUser } from './roles';

export const editsOrganization = (u: CurrentUser, organizationId: string) => isStaff(u) || u.organizations.includes(organizationId);

/** A programme or case belongs to every organization it lists; an editor of any of them may edit it. */
export const editsAnyOf = (u: CurrentUser, organizationIds: string[]) => isStaff(u) || organizationIds.some((id) => u.organizations.includes(id));

/** Organizations an editor may name as operators: its own, unless staff. */
export const foreignOrganizations = (u: CurrentUser, organizationIds: string[]) => (isStaff(u) ? [] : organizationIds.filter((id) => !u.organizations.includes(id)));
