/** An agency claims an entry brought by a feed; once an operator verifies it, the agency maintains it. */
import type { AppContext } from '../context';
import { claimsOrganizations, maintains } from '../auth/permissions';
import { isStaff } from '../auth/roles';
import { organizationsByIds } from '../db/entries';
import { writeAudit } from '../db/outbox';
import { addUserOrganization, recipientById } from '../db/users';
import { claimById, decideClaim, insertClaim, pendingClaim } from '../db/writes';
import { conflict, forbidden, notFound } from '../errors';
import { mailTo } from '../localized-mail';
import { auditActor, type Actor } from './actor';

type Ctx = Pick<AppContext, 'database' | 'env' | 'logger'>;

export async function claimOrganization(ctx: Ctx, actor: Actor, organizationId: string, message: string | null): Promise<string> {
  if (!claimsOrganizations(actor.user)) throw forbidden('Sign up as an agency editor to claim an organization.');
  const [org] = await organizationsByIds(ctx.database.db, [organizationId]);
  if (!org || org.deletedAt || org.state !== 'published') throw notFound('organization');
  if (maintains(actor.user, organizationId)) throw conflict('You maintain this organization already.');
  if (await pendingClaim(ctx.database.db, organizationId, actor.user.id)) throw conflict('Your claim of this organization awaits an operator already.');
  return ctx.database.db.transaction(async (tx) => {
    const claim = await insertClaim(tx, organizationId, actor.user.id, message);
    await writeAudit(tx, { ...auditActor(actor), action: 'claim', entityType: 'organization', entityId: organizationId, after: { claim: claim.id, message } });
    return claim.id;
  });
}

export async function decideOnClaim(ctx: Ctx, actor: Actor, claimId: string, decision: 'verified' | 'rejected', reason: string | null): Promise<void> {
  if (!isStaff(actor.user)) throw forbidden('Only operators and admins verify claims.');
  const claim = await claimById(ctx.database.db, claimId);
  if (!claim) throw notFound('claim');
  if (claim.status !== 'pending') throw conflict(`This claim was ${claim.status} already.`);
  await ctx.database.db.transaction(async (tx) => {
    await decideClaim(tx, claimId, decision, actor.user.id, reason);
    if (decision === 'verified') await addUserOrganization(tx, claim.userId, claim.organizationId);
    await writeAudit(tx, { ...auditActor(actor), action: `claim-${decision}`, entityType: 'organization', entityId: claim.organizationId, after: { claim: claimId, reason } });
  });
  const [claimant, [org]] = await Promise.all([recipientById(ctx.database.db, claim.userId), organizationsByIds(ctx.database.db, [claim.organizationId])]);
  if (claimant && org) {
    const name = org.name;
    await mailTo(ctx, claimant, 'claim-decided', ({ t, page }) =>
      decision === 'verified'
        ? { subject: t('mailClaimVerifiedSubject', { name }), text: [t('mailClaimVerifiedText', { name }), t('mailEditEntry', { link: page(`/account/organizations/${org.id}/edit`) })].join('\n\n') }
        : { subject: t('mailClaimRejectedSubject', { name }), text: [t('mailClaimRejectedText', { name }), ...(reason ? [t('mailReason', { reason })] : []), t('mailSeeEntry', { link: page(`/organizations/${org.id}`) })].join('\n\n') },
    );
  }
}
