import type { CurrentUser } from '../auth/roles';

/** Who performs a write, for permissions and the audit log. */
export interface Actor {
  user: CurrentUser;
  requestId: string;
}

export const auditActor = (a: Actor) => ({ actorId: a.user.id, tokenId: a.user.tokenId ?? null, requestId: a.requestId });
