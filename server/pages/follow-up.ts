/**
 * The six-month question's page (/follow-up/:id?token=…&answer=…), opened from the mail's
 * links without signing in: the token is the authority. It shows the question with the
 * mailed answer chosen and one button to record it; the recorded answer afterwards, which the
 * side may change.
 */
import { Router, type RequestHandler } from 'express';
import { answerKeys } from '../commands/ask-follow-ups';
import type { AppContext } from '../context';
import { findFollowUp, recordFollowUp, type FollowUpLookup } from '../introductions/follow-up';
import { followUpAnswers, type FollowUpAnswer } from '../db/enums';
import { html, Html } from './html';
import { statusName } from './introductions/words';
import { pageFor, type Page } from './kit';

const isAnswer = (v: unknown): v is FollowUpAnswer => typeof v === 'string' && (followUpAnswers as readonly string[]).includes(v);
const text = (v: unknown) => (typeof v === 'string' ? v : '');

// The link is private to its side: search engines keep out of it.
const head = new Html('<meta name="robots" content="noindex">');

/** A link that does not fit: unknown (cut short, made up) or another request's. */
function refused(page: Page, reason: Extract<FollowUpLookup, { ok: false }>['reason']) {
  const { t } = page;
  const body = html`<h1>${t('fuLinkBadTitle')}</h1><p>${t(reason === 'other-request' ? 'fuLinkOtherRequest' : 'fuLinkUnknown')}</p><p><a href="${page.href('/')}">${t('home')}</a></p>`;
  page.send({ status: 404, title: t('fuLinkBadTitle'), body, head, description: t('fuLinkBadTitle') });
}

function questionPage(page: Page, found: Extract<FollowUpLookup, { ok: true }>, token: string, chosen: string, options: { saved?: boolean; error?: boolean } = {}) {
  const { t } = page;
  const { introduction: i, followUp } = found;
  const name = i.targetName ?? '';
  const recorded = isAnswer(followUp.answer) ? followUp.answer : undefined;
  const pick = isAnswer(chosen) ? chosen : recorded;
  const errorId = 'f-answer-error';
  const body = html`<h1>${t('fuPageTitle')}</h1>
<p>${t(followUp.side === 'firm' ? 'fuPageFirm' : 'fuPageAgency', { name, sent: page.date(i.createdAt), closed: page.date(i.closedAt), status: statusName(page, i.status) })}</p>
${options.saved ? html`<p class="notice" role="status">${t('fuPageSaved')}</p>` : ''}
${recorded && followUp.answeredAt ? html`<p>${t('fuPageRecorded', { answer: t(answerKeys[recorded]), date: page.date(followUp.answeredAt) })}</p>` : ''}
<form method="post" action="${page.href(`/follow-up/${i.id}`)}">${page.csrfField()}<input type="hidden" name="token" value="${token}">
<fieldset class="field${options.error ? ' invalid' : ''}" id="f-answer"${options.error ? html` aria-describedby="${errorId}"` : ''}><legend>${t('fuPageQuestion')}</legend>
${options.error ? html`<span class="field-error" id="${errorId}">${t('fuPageChoose')}</span>` : ''}
${followUpAnswers.map((a) => html`<label><input type="radio" name="answer" value="${a}" required${pick === a ? html` checked` : ''}${options.error ? html` aria-invalid="true"` : ''}> ${t(answerKeys[a])}</label><br>`)}</fieldset>
<p><button type="submit">${t(recorded ? 'fuPageChange' : 'fuPageRecord')}</button></p></form>
<p>${t('fuPageWhy')}</p>`;
  page.send({ status: options.error ? 400 : 200, title: t('fuPageTitle'), body, head, description: t('fuPageQuestion') });
}

const show =
  (ctx: AppContext): RequestHandler =>
  async (req, res) => {
    const page = pageFor(ctx, req, res);
    const token = text(req.query.token);
    // Opening the link records nothing: mail scanners and link previews fetch every link of a
    // mail, and would answer for the reader. Only the page's button (a POST) records.
    const found = await findFollowUp(ctx, String(req.params.id), token);
    if (!found.ok) return refused(page, found.reason);
    questionPage(page, found, token, text(req.query.answer), { saved: req.query.saved === '1' });
  };

const record =
  (ctx: AppContext): RequestHandler =>
  async (req, res) => {
    const page = pageFor(ctx, req, res);
    const posted = (req.body ?? {}) as Record<string, unknown>;
    const token = text(posted.token);
    const id = String(req.params.id);
    const answer = posted.answer;
    if (!isAnswer(answer)) {
      const found = await findFollowUp(ctx, id, token);
      return found.ok ? questionPage(page, found, token, '', { error: true }) : refused(page, found.reason);
    }
    const saved = await recordFollowUp(ctx, id, token, answer);
    if (!saved.ok) return refused(page, saved.reason);
    page.redirect(`/follow-up/${id}?token=${encodeURIComponent(token)}&saved=1&lang=${page.lang}`);
  };

export function followUpPagesRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/follow-up/:id', show(ctx));
  router.post('/follow-up/:id', record(ctx));
  return router;
}
