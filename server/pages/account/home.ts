/** /account: what the signed-in user maintains and what it can do next. */
import { Router } from 'express';
import { registersOrganizations } from '../../auth/permissions';
import type { AppContext } from '../../context';
import { caseIdsOf, programmeIdsOperatedBy } from '../../db/entries';
import { presentEditedEntries, presentEntries } from '../../directory/read';
import type { OrganizationJson } from '../../presenters/organization';
import { html, type Html } from '../html';
import { pageFor, type Page } from '../kit';
import { confirmPart } from './confirm';
import { detailsPart } from './details';
import { invitationsPart } from './invitations';
import { signedInUser, webPage } from './shared';

function stateOf(page: Page, state: string, held = false): string {
  const { t } = page;
  if (held && state === 'published') return t('modStateHeld');
  if (state === 'pending') return t('acctStatePending');
  if (state === 'rejected') return t('acctStateRejected');
  if (state === 'draft') return t('acctStateDraft');
  return t('acctStatePublished');
}

function organizationItem(page: Page, o: OrganizationJson): Html {
  const { t } = page;
  return html`<li><a href="${page.href(`/organizations/${o.id}`)}">${o.name}</a> — <strong>${stateOf(page, o.state)}</strong>
<div class="meta">${page.named('kind')(o.kind)} · ${page.countryName(o.country)}</div>
<a href="${page.href(`/account/organizations/${o.id}/edit`)}">${t('acctEditNamed', { name: o.name })}</a> ·
<a href="${page.href(`/account/programmes/new?organization=${o.id}`)}">${t('acctAddProgrammeTo', { name: o.name })}</a> ·
<a href="${page.href(`/account/cases/new?organization=${o.id}`)}">${t('acctAddCaseTo', { name: o.name })}</a>
${confirmPart(page, 'organization', o)}</li>`;
}

export function homeRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/account', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t } = page;
    const user = signedInUser(page);
    const agency = registersOrganizations(user);
    const orgIds = user.organizations;
    const [orgs, invitations, programmes, cases, details] = await Promise.all([
      presentEntries(ctx, 'organization', orgIds),
      invitationsPart(page, orgIds),
      programmeIdsOperatedBy(ctx.database.db, orgIds).then((ids) => presentEditedEntries(ctx, 'programme', ids)),
      caseIdsOf(ctx.database.db, orgIds).then((ids) => presentEditedEntries(ctx, 'case', ids)),
      detailsPart(page, user),
    ]);
    const title = agency ? t('myOrganizations') : t('account');
    const agencyPart = html`<h2>${t('acctYourOrganizations')}</h2>
${orgs.length ? html`<ul class="entries">${orgs.map((o) => organizationItem(page, o))}</ul>` : html`<p>${t('acctNoOrganizations')}</p>`}
<p><a class="button" href="${page.href('/account/organizations/new')}">${t('acctRegisterOrganization')}</a></p>
<p>${t('acctClaimHow')} <a href="${page.href('/search')}">${t('allEntries')}</a></p>
${invitations}
<h2>${t('acctYourProgrammes')}</h2>
${programmes.length
  ? html`<ul class="entries">${programmes.map((p) => html`<li><a href="${page.href(`/programmes/${p.id}`)}">${p.name}</a> — ${stateOf(page, p.state, p.held)} · <a href="${page.href(`/account/programmes/${p.id}/edit`)}">${t('acctEditNamed', { name: p.name })}</a>${confirmPart(page, 'programme', p)}</li>`)}</ul>`
  : html`<p>${t('acctNoProgrammes')}</p>`}
<h2>${t('acctYourCases')}</h2>
${cases.length
  ? html`<ul class="entries">${cases.map((c) => html`<li><a href="${page.href(`/cases/${c.id}`)}">${c.title}</a> — ${stateOf(page, c.state, c.held)} · <a href="${page.href(`/account/cases/${c.id}/edit`)}">${t('acctEditNamed', { name: c.title })}</a></li>`)}</ul>`
  : html`<p>${t('acctNoCases')}</p>`}
${page.staff ? html`<p><a href="${page.href('/console')}">${t('console')}</a></p>` : ''}`;
    const firmPart = html`<p>${t('acctFirmIntro')}</p>
<ul><li><a href="${page.href('/search')}">${t('acctFirmSearch')}</a></li><li>${t('acctFirmIntroductions')}</li></ul>`;
    const body = html`<h1>${title}</h1>${page.takeNotice()}<p class="meta">${t('acctSignedInAs', { email: user.email })}</p>${agency ? agencyPart : firmPart}${details}`;
    page.send({ title, body, ld: { ...webPage(page, title), '@type': 'ProfilePage' } });
  });

  return router;
}
