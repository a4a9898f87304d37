/** The moderation queue (registrations, claims) and the duplicates review queue, decided through the API's commands. */
import { Router } from 'express';
import { actorOf } from '../../auth/middleware';
import type { AppContext } from '../../context';
import { decideOnClaim } from '../../commands/claims';
import { decideDuplicate, listDuplicates } from '../../commands/duplicates';
import { moderateOrganization } from '../../commands/organizations';
import { pendingClaims, pendingOrganizations, type HeldEntry, type PendingOrganization } from '../../db/queues';
import { claimById } from '../../db/writes';
import { organizationsByIds } from '../../db/entries';
import { userById } from '../../db/users';
import { duplicateDecision } from '../../schemas/duplicates';
import { idParam, parse, uuidParam } from '../../schemas/validate';
import { acceptOperator } from '../../commands/accept-operator';
import { invitationsFor, type Invitation } from '../../db/invitations';
import { html, type Html } from '../html';
import { pageFor, type Page } from '../kit';
import { textBlock } from '../rich-text';
import { actionButton, sendConsole, unlessDecided } from './common';

/** A reason box with its label, tied to its error when the operator left it empty. */
function reasonField(page: Page, id: string, error?: string): Html {
  const field = `reason-${id}`;
  return html`<div class="field${error ? ' invalid' : ''}"><label for="${field}">${page.t('conReason')}</label><span class="hint" id="${field}-hint">${page.t('conReasonHint')}</span>
${error ? html`<span class="field-error" id="${field}-error">${error}</span>` : ''}
<textarea id="${field}" name="reason" rows="2" aria-describedby="${field}-hint${error ? ` ${field}-error` : ''}"${error ? html` aria-invalid="true"` : ''}></textarea></div>`;
}

/** The programmes and cases a registration would publish, each linked to its page (its editors and operators see it there). */
function heldEntries(page: Page, o: PendingOrganization): Html {
  const { t } = page;
  const item = (path: string, e: HeldEntry) =>
    html`<li><a href="${page.href(`/${path}/${e.id}`)}">${e.name}</a>${e.state === 'published' ? '' : html` <span class="meta">(${t('modDraft')})</span>`}</li>`;
  if (!o.programmes.length && !o.cases.length) return html`<p class="meta">${t('modNothingHeld')}</p>`;
  return html`<section aria-label="${o.name}"><p class="meta">${t('modHeldNote')}</p>
${o.programmes.length ? html`<h4>${t('modHeldProgrammes')}</h4><ul>${o.programmes.map((p) => item('programmes', p))}</ul>` : ''}
${o.cases.length ? html`<h4>${t('modHeldCases')}</h4><ul>${o.cases.map((c) => item('cases', c))}</ul>` : ''}</section>`;
}

/**
 * Open invitations to co-operate a programme: an organization nobody edits (a feed's entry)
 * can only join through an operator, who accepts for it here after checking with it.
 */
function invitationList(page: Page, invitations: Invitation[]): Html {
  const { t } = page;
  const items = invitations.map(
    (i) => html`<li id="invitation-${i.programmeId}-${i.organizationId}">${t('modInvitation', { organization: i.organizationName })} <a href="${page.href(`/programmes/${i.programmeId}`)}">${i.programmeName}</a>
<span class="meta">${page.date(i.createdAt, 'short')}</span> ${actionButton(page, `/console/moderation/invitations/${i.programmeId}/${i.organizationId}/accept`, t('modAcceptFor', { organization: i.organizationName }))}</li>`,
  );
  return html`<h2>${t('modInvitations')}</h2><p class="meta">${t('modConsoleInvitationsNote')}</p>${items.length ? html`<ul>${items}</ul>` : html`<p>${t('modNoInvitations')}</p>`}`;
}

/** The moderation page; `missingReason` marks the registration whose rejection came without a reason. */
async function moderationPage(ctx: AppContext, page: Page, missingReason?: string): Promise<void> {
  const { t } = page;
  const db = ctx.database.db;
  const [organizations, claims, invitations] = await Promise.all([pendingOrganizations(db), pendingClaims(db), invitationsFor(db, 'all')]);
  const orgs = organizations.length
    ? organizations.map(
        (o) => html`<article id="org-${o.id}"><h3>${o.name}</h3>
<dl><dt>${t('kind')}</dt><dd>${page.named('kind')(o.kind)}</dd><dt>${t('country')}</dt><dd>${page.countryName(o.country)}</dd>
${o.website ? html`<dt>${t('website')}</dt><dd>${o.website}</dd>` : ''}<dt>${t('conRegisteredBy')}</dt><dd>${o.registeredBy ?? ''} · ${page.date(o.createdAt, 'short')}</dd></dl>
${textBlock(o.description)}
${heldEntries(page, o)}
<div class="actions">${actionButton(page, `/console/moderation/organizations/${o.id}/approve`, t('conApprove'))}</div>
<form method="post" action="${page.href(`/console/moderation/organizations/${o.id}/reject`)}">${page.csrfField()}${reasonField(page, o.id, missingReason === o.id ? t('conReasonRequired') : undefined)}
<button type="submit" class="secondary">${t('conReject')}</button></form></article>`,
      )
    : html`<p>${t('conNoPendingOrganizations')}</p>`;
  const claimList = claims.length
    ? claims.map(
        (c) => html`<article id="claim-${c.id}"><h3>${t('conClaimOf', { name: c.organizationName, email: c.claimant })}</h3>
${c.message ? html`<blockquote>${c.message}</blockquote>` : ''}<p class="meta">${page.date(c.createdAt, 'short')}</p>
<div class="actions">${actionButton(page, `/console/moderation/claims/${c.id}/verify`, t('conVerify'))}</div>
<form method="post" action="${page.href(`/console/moderation/claims/${c.id}/reject`)}">${page.csrfField()}${reasonField(page, c.id)}
<button type="submit" class="secondary">${t('conReject')}</button></form></article>`,
      )
    : html`<p>${t('conNoClaims')}</p>`;
  const body = html`<h1>${t('conModeration')}</h1>
${missingReason ? html`<div class="error-summary" role="alert"><h2>${t('formProblems')}</h2><p><a href="#reason-${missingReason}">${t('conReasonRequired')}</a></p></div>` : ''}
<h2>${t('conPendingOrganizations')}</h2>${orgs}<h2>${t('conPendingClaims')}</h2>${claimList}
${invitationList(page, invitations)}`;
  sendConsole(page, { title: t('conModeration'), body, status: missingReason ? 400 : 200 });
}

const reasonOf = (body: unknown) => {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>).reason : undefined;
  return typeof v === 'string' && v.trim() ? v.trim().slice(0, 2000) : null;
};

export function queuePages(ctx: AppContext): Router {
  const router = Router();
  const db = ctx.database.db;

  router.get('/console/moderation', async (req, res) => {
    await moderationPage(ctx, pageFor(ctx, req, res));
  });

  router.post('/console/moderation/invitations/:id/:organizationId/accept', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const id = idParam(req.params.id);
    const organizationId = uuidParam(req.params.organizationId, 'organizationId');
    await acceptOperator(ctx, actorOf(req), id, organizationId);
    const [o] = await organizationsByIds(db, [organizationId]);
    await page.keepNotice(page.t('modAcceptedFor', { organization: o?.name ?? organizationId }));
    page.redirect('/console/moderation');
  });

  router.post('/console/moderation/organizations/:id/approve', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const id = idParam(req.params.id);
    await unlessDecided(page, async () => {
      await moderateOrganization(ctx, actorOf(req), id, { decision: 'approve' });
      const [o] = await organizationsByIds(db, [id]);
      await page.keepNotice(page.t('conApproved', { name: o?.name ?? id }));
    });
    page.redirect('/console/moderation');
  });

  router.post('/console/moderation/organizations/:id/reject', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const id = idParam(req.params.id);
    const reason = reasonOf(req.body);
    if (!reason) return moderationPage(ctx, page, id);
    await unlessDecided(page, async () => {
      await moderateOrganization(ctx, actorOf(req), id, { decision: 'reject', reason });
      const [o] = await organizationsByIds(db, [id]);
      await page.keepNotice(page.t('conRejected', { name: o?.name ?? id }));
    });
    page.redirect('/console/moderation');
  });

  for (const [step, decision] of [['verify', 'verified'], ['reject', 'rejected']] as const) {
    router.post(`/console/moderation/claims/:id/${step}`, async (req, res) => {
      const page = pageFor(ctx, req, res);
      const id = idParam(req.params.id);
      await unlessDecided(page, async () => {
        await decideOnClaim(ctx, actorOf(req), id, decision, decision === 'rejected' ? reasonOf(req.body) : null);
        const claim = await claimById(db, id);
        const [[o], user] = await Promise.all([organizationsByIds(db, claim ? [claim.organizationId] : []), claim ? userById(db, claim.userId) : undefined]);
        const name = o?.name ?? '';
        await page.keepNotice(decision === 'verified' ? page.t('conClaimVerified', { email: user?.email ?? '', name }) : page.t('conClaimRejected', { name }));
      });
      page.redirect('/console/moderation');
    });
  }

  router.get('/console/duplicates', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t } = page;
    const pairs = await listDuplicates(ctx, 'open', 100);
    type Side = (typeof pairs)[number]['entry'];
    const side = (label: string, s: Side, type: string) =>
      html`<div><h3>${label}</h3>${
        s
          ? html`<p><a href="${page.href(`/${type === 'programme' ? 'programmes' : 'organizations'}/${s.id}`)}">${s.name}</a></p>
<dl>${s.country ? html`<dt>${t('country')}</dt><dd>${page.countryName(s.country)}</dd>` : ''}${s.website ? html`<dt>${t('website')}</dt><dd>${s.website}</dd>` : ''}
${s.networks.length ? html`<dt>${t('networks')}</dt><dd>${s.networks.map(page.named('network')).join(', ')}</dd>` : ''}</dl>`
          : ''
      }</div>`;
    const list = pairs.length
      ? pairs.map(
          (p, i) => html`<section id="pair-${p.id}" aria-labelledby="pair-${p.id}-title"><h2 id="pair-${p.id}-title">${t('conPair', { n: i + 1 })}</h2>
<p>${t('labelled', { label: t('conScore'), value: page.tr.number(p.score) })} · ${t('labelled', { label: t('conWhy'), value: p.reason })} · ${t('conPairFrom', { id: p.externalId })}</p>
<div class="pair">${side(t('conPairEntry'), p.entry, p.type)}${side(t('conPairCandidate'), p.candidate, p.type)}</div>
<div class="actions">${actionButton(page, `/console/duplicates/${p.id}`, t('conMerge'), { fields: { decision: 'merge' } })} ${actionButton(page, `/console/duplicates/${p.id}`, t('conKeepApart'), { secondary: true, fields: { decision: 'keep-apart' } })}</div></section>`,
        )
      : html`<p>${t('conNoDuplicates')}</p>`;
    sendConsole(page, { title: t('conDuplicates'), body: html`<h1>${t('conDuplicates')}</h1>${list}` });
  });

  router.post('/console/duplicates/:id', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const id = idParam(req.params.id);
    const { decision } = parse(duplicateDecision, { decision: (req.body as Record<string, unknown>).decision });
    await unlessDecided(page, async () => {
      await decideDuplicate(ctx, actorOf(req), id, decision);
      await page.keepNotice(decision === 'merge' ? page.t('conMerged') : page.t('conKeptApart'));
    });
    page.redirect('/console/duplicates');
  });

  return router;
}
