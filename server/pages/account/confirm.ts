/**
 * "Confirm it is current": the button the yearly reminder mail leads to (the entry's edit page,
 * and /account beside each entry). It runs the same command as the API's confirm route, so an
 * entry confirmed here is not reminded again for eleven months.
 */
import { Router } from 'express';
import { actorOf } from '../../auth/middleware';
import { confirmOrganization } from '../../commands/organizations';
import { confirmProgramme } from '../../commands/programmes';
import type { AppContext } from '../../context';
import { readEntry } from '../../directory/read';
import { idParam } from '../../schemas/validate';
import { html, type Html } from '../html';
import { pageFor, type Page } from '../kit';
import { redirectWithNotice, signedInUser } from './shared';

type Confirmable = 'organization' | 'programme';

/** The date the entry was last confirmed, and the button that confirms it again. */
export function confirmPart(page: Page, kind: Confirmable, entry: { id: string; name: string; confirmedAt: string }): Html {
  const { t } = page;
  return html`<form method="post" class="confirm" action="${page.href(`/account/${kind}s/${entry.id}/confirm`)}">${page.csrfField()}
<span class="meta">${t('prfConfirmedOn', { date: page.date(entry.confirmedAt) })}</span>
<button type="submit">${t('prfConfirmCurrent')}<span class="visually-hidden"> (${entry.name})</span></button></form>`;
}

const commands = { organization: confirmOrganization, programme: confirmProgramme };

export function confirmRouter(ctx: AppContext): Router {
  const router = Router();
  for (const kind of ['organization', 'programme'] as const) {
    router.post(`/account/${kind}s/:id/confirm`, async (req, res) => {
      const page = pageFor(ctx, req, res);
      signedInUser(page);
      // The command refuses (403) an entry the reader does not edit, as the API does.
      const id = idParam(req.params.id);
      await commands[kind](ctx, actorOf(req), id);
      const entry = await readEntry(ctx, kind, id, signedInUser(page));
      await redirectWithNotice(page, '/account', page.t('prfConfirmedNotice', { name: entry.name, date: page.date(entry.confirmedAt) }));
    });
  }
  return router;
}
