/**
 * Introduction requests as pages, without JavaScript: the firm's form (`/introductions/new?organization=`
 * or `?programme=`), the list (the firm's own, the agency's inbox, or staff's view with flagged
 * requests first) and a request's page with its history and the forms its sides may use.
 * The forms post to these pages and call the same commands as the API.
 */
import { Router, type Request, type Response } from 'express';
import { actorOf } from '../auth/middleware';
import { introductionScope, maintainsAnyOf } from '../auth/permissions';
import { signedInUser } from './account/shared';
import type { z } from 'zod';
import type { AppContext } from '../context';
import type { MessageKey } from '../i18n/messages';
import { moveIntroduction, readIntroduction, recordOutcome, sendIntroduction } from '../commands/introductions';
import { listIntroductions, organizationTarget, programmeTarget } from '../db/introductions';
import { answeringOrganizations } from '../db/introduction-people';
import { userById } from '../db/users';
import { HttpError, badRequest, notFound } from '../errors';
import { partnershipTypes } from '../reference/vocabularies';
import { introductionBody, outcomeBody, statusBody } from '../schemas/introductions';
import { idParam } from '../schemas/validate';
import { isUuid } from '../uuid';
import { errorSummary, formBody, formState, parseForm, select, textArea, type FormState } from './forms';
import { countryChoice } from './country-choice';
import { html, type Html } from './html';
import { pageFor, type Page } from './kit';
import { byLabel } from './firms/parts';
import { detailBody, type DetailForms } from './introductions/detail';
import { askerLine, askingList } from './introductions/asking';
import { statusName } from './introductions/words';

const single = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The target named by the query or the posted form: exactly one organization or programme. */
async function targetOf(ctx: AppContext, fields: { organizationId?: string; programmeId?: string }) {
  const { organizationId, programmeId } = fields;
  const id = organizationId ?? programmeId;
  if (!id || !isUuid(id) || (organizationId && programmeId)) throw badRequest([{ path: organizationId ? 'organization' : 'programme', message: 'must be a UUID' }]);
  const target = organizationId ? await organizationTarget(ctx.database.db, id) : await programmeTarget(ctx.database.db, id);
  if (!target || target.deletedAt) throw notFound(organizationId ? 'organization' : 'programme');
  return target;
}

/** What the form says before anything is sent: who answers, and what of the firm they will see. */
async function sharedNotice(page: Page, recipients: string[], userId: string): Promise<Html> {
  const { t } = page;
  const [answering, me] = await Promise.all([answeringOrganizations(page.ctx.database.db, recipients), userById(page.ctx.database.db, userId)]);
  const sentence = answering.length ? t('loopSharedAgency', { name: answering.map((o) => o.name).join(', ') }) : t('loopSharedSecretariat');
  return html`<p>${sentence}</p>${askingList(page, { name: me?.name ?? null, company: me?.company ?? null, country: me?.country ?? null, email: me?.email ?? null })}`;
}

function newForm(page: Page, name: string, shared: Html, form: FormState, problem?: string): Html {
  const { t } = page;
  const types = byLabel(page, partnershipTypes.map((p): [string, string] => [p, page.named('partnershipType')(p)]));
  const hidden = (field: 'organizationId' | 'programmeId') => {
    const v = form.values[field];
    return typeof v === 'string' ? html`<input type="hidden" name="${field}" value="${v}">` : '';
  };
  return html`<h1>${t('introNewTitle', { name })}</h1><p>${t('introNewIntro')}</p>
${problem ? html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary"><p>${problem}</p></div>` : ''}
<form method="post" action="${page.href('/introductions/new')}">${page.csrfField()}${hidden('organizationId')}${hidden('programmeId')}
${errorSummary(page, form, { message: t('introMessage'), partnershipType: t('introPartnershipType'), partnerCountries: t('introPartnerCountries') })}
${textArea(form, { name: 'message', label: t('introMessage'), hint: t('introMessageHint'), required: true, rows: 6 })}
${select(form, { name: 'partnershipType', label: t('introPartnershipType'), empty: t('introAny'), options: types })}
${countryChoice(page, form, { name: 'partnerCountries', label: t('introPartnerCountries'), hint: t('introPartnerCountriesHint') })}
<section class="shared" aria-label="${t('loopAskingTitle')}">${shared}</section>
<p><button type="submit">${t('introSend')}</button></p></form>`;
}

/** An agency that asks its own organization: no form, the reason, and the way to the requests firms send it. */
function ownOrganizationPage(page: Page) {
  const { t } = page;
  const title = t('loopOwnTitle');
  page.send({ status: 403, title, body: html`<h1>${title}</h1><p>${t('loopOwnOrganization')}</p><p><a href="${page.href('/introductions')}">${t('loopOwnInbox')}</a></p>` });
}

async function detailPage(page: Page, id: string, forms: DetailForms = {}, status?: number) {
  const d = await readIntroduction(page.ctx, page.user, id);
  const answering = await answeringOrganizations(page.ctx.database.db, d.introduction.recipients);
  const title = page.t('introTitle', { name: d.introduction.targetName ?? '' });
  page.send({ title, body: detailBody(page, d, forms, answering), status });
}

/** A refusal the reader can act on (409, 410) becomes a line on the form; anything else goes on to the error page. */
const refusal = (err: unknown): err is HttpError => err instanceof HttpError && (err.status === 409 || err.status === 410 || err.status === 404);

export function introductionsPagesRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/introductions/new', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const user = signedInUser(page);
    const fields = { organizationId: single(req.query.organization), programmeId: single(req.query.programme) };
    const target = await targetOf(ctx, fields);
    if (maintainsAnyOf(user, target.recipients)) return ownOrganizationPage(page);
    page.send({ title: page.t('introNewTitle', { name: target.name }), body: newForm(page, target.name, await sharedNotice(page, target.recipients, user.id), formState(fields)) });
  });

  router.post('/introductions/new', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const actor = actorOf(page.req);
    const posted = req.body as Record<string, unknown>;
    const target = await targetOf(ctx, { organizationId: single(posted.organizationId), programmeId: single(posted.programmeId) });
    const again = async (form: FormState, problem?: string, status = 400) =>
      page.send({ status, title: page.t('introNewTitle', { name: target.name }), body: newForm(page, target.name, await sharedNotice(page, target.recipients, actor.user.id), form, problem) });
    const parsed = parseForm(page, introductionBody, formBody(posted, ['partnerCountries']));
    if ('errors' in parsed) return again(formState(posted, parsed.errors));
    try {
      const id = await sendIntroduction(ctx, actor, parsed.data);
      // The firm learns at once who will answer: the agency by name, or the network's secretariat.
      const answering = await answeringOrganizations(ctx.database.db, target.recipients);
      const who = answering.length ? page.t('loopAnswerAgency', { name: answering.map((o) => o.name).join(', ') }) : page.t('loopAnswerSecretariat');
      await page.keepNotice(`${page.t('introSent')} ${who}`);
      page.redirect(`/introductions/${id}`);
    } catch (err) {
      if (err instanceof HttpError && err.id === 'own-organization') return ownOrganizationPage(page);
      if (!refusal(err)) throw err;
      await again(formState(posted), page.t(err.id === 'duplicate-request' ? 'introDuplicate' : 'introUnavailable'), err.status);
    }
  });

  router.get('/introductions', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const user = signedInUser(page);
    const flagged = req.query.flagged === 'true' ? true : undefined;
    const scope = introductionScope(user);
    const rows = await listIntroductions(ctx.database.db, scope, { flagged, limit: 200 });
    const { t } = page;
    const title = t(scope.kind === 'all' ? 'introListAll' : scope.kind === 'inbox' ? 'introListInbox' : 'introListMine');
    const filter = page.staff
      ? html`<p>${flagged ? html`<a href="${page.href('/introductions')}">${t('introShowAll')}</a>` : html`<a href="${page.href('/introductions?flagged=true')}">${t('introFlaggedOnly')}</a>`}</p>`
      : '';
    const table = rows.length
      ? html`<table><thead><tr><th scope="col">${t('introTo')}</th><th scope="col">${t('loopFrom')}</th><th scope="col">${t('introSentOn')}</th><th scope="col">${t('introStatus')}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td><a href="${page.href(`/introductions/${r.id}`)}">${t('introOpen', { name: r.targetName ?? '' })}</a>${r.maintained ? '' : html` · ${t('loopSecretariatName')}`}</td><td>${askerLine(r)}</td><td>${page.date(r.createdAt, 'short')}</td><td>${statusName(page, r.status)}${r.flaggedAt ? html` · <strong>${t('introFlagged')}</strong>` : ''}</td></tr>`)}</tbody></table>`
      : html`<p>${t('introListEmpty')}</p>`;
    page.send({ title, body: html`<h1>${title}</h1>${page.takeNotice()}${filter}${table}` });
  });

  router.get('/introductions/:id', async (req, res) => {
    const page = pageFor(ctx, req, res);
    signedInUser(page);
    await detailPage(page, idParam(req.params.id));
  });

  /** A request page's form: checked like the API, acted on, then back to the page with a notice (or the form's errors). */
  const detailForm = <S extends z.ZodType>(form: keyof DetailForms, schema: S, act: (page: Page, id: string, body: z.infer<S>) => Promise<unknown>, words: { refused: MessageKey; done: MessageKey }) =>
    async (req: Request, res: Response) => {
      const page = pageFor(ctx, req, res);
      signedInUser(page);
      const id = idParam(req.params.id);
      const posted = req.body as Record<string, unknown>;
      const parsed = parseForm(page, schema, formBody(posted));
      if ('errors' in parsed) return detailPage(page, id, { [form]: formState(posted, parsed.errors) }, 400);
      try {
        await act(page, id, parsed.data);
      } catch (err) {
        if (!(err instanceof HttpError && err.status === 409)) throw err;
        return detailPage(page, id, { [form]: formState(posted, [{ path: form, message: page.t(words.refused) }]) }, 409);
      }
      await page.keepNotice(page.t(words.done));
      page.redirect(`/introductions/${id}`);
    };

  router.post(
    '/introductions/:id/status',
    detailForm('status', statusBody, (page, id, body) => moveIntroduction(ctx, actorOf(page.req), id, body), { refused: 'introMoveRefused', done: 'introMoved' }),
  );
  router.post('/introductions/:id/outcome', detailForm('outcome', outcomeBody, (page, id, body) => recordOutcome(ctx, actorOf(page.req), id, body), { refused: 'introOutcomeAlready', done: 'introOutcomeSaved' }));
  return router;
}
