/**
 * Invitations to co-operate another agency's programme, on the invited organization's
 * account page: until one of its editors accepts, the programme does not list it and it has no
 * rights over it.
 */
import { Router } from 'express';
import { actorOf } from '../../auth/middleware';
import { acceptOperator } from '../../commands/accept-operator';
import type { AppContext } from '../../context';
import { programmesByIds } from '../../db/entries';
import { invitationsFor } from '../../db/invitations';
import { uuidParam } from '../../schemas/validate';
import { actionButton } from '../console/common';
import { html, type Html } from '../html';
import { pageFor, type Page } from '../kit';
import { redirectWithNotice, signedInUser } from './shared';

/** The invitations section of /account: one line and one Accept button per invitation; nothing when there are none. */
export async function invitationsPart(page: Page, organizationIds: string[]): Promise<Html | ''> {
  const invitations = await invitationsFor(page.ctx.database.db, organizationIds);
  if (!invitations.length) return '';
  const { t } = page;
  return html`<h2>${t('modInvitations')}</h2><p class="meta">${t('modInvitationsNote')}</p>
<ul class="entries">${invitations.map(
    (i) => html`<li id="invitation-${i.programmeId}-${i.organizationId}">${t('modInvitation', { organization: i.organizationName })} <a href="${page.href(`/programmes/${i.programmeId}`)}">${i.programmeName}</a>
${actionButton(page, `/account/programmes/${i.programmeId}/operators/${i.organizationId}/accept`, t('modAccept'))}</li>`,
  )}</ul>`;
}

export function invitationsRouter(ctx: AppContext): Router {
  const router = Router();
  router.post('/account/programmes/:id/operators/:organizationId/accept', async (req, res) => {
    const page = pageFor(ctx, req, res);
    signedInUser(page);
    const id = uuidParam(req.params.id, 'id');
    await acceptOperator(ctx, actorOf(req), id, uuidParam(req.params.organizationId, 'organizationId'));
    const [programme] = await programmesByIds(ctx.database.db, [id]);
    await redirectWithNotice(page, '/account', page.t('modAccepted', { name: programme?.name ?? '' }));
  });
  return router;
}
