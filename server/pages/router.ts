/** Server-rendered pages: firms' pages, agencies' forms and the operators' console. */
import { Router, type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import type { AppContext } from '../context';
import { toProblem } from '../error-handler';
import { HttpError } from '../errors';
import { updateUser } from '../db/users';
import { isLanguage } from '../i18n';
import { accountRouter } from './account';
import { consoleRouter } from './console';
import { crawlRouter } from './crawl';
import { firmsRouter } from './firms';
import type { MessageKey } from '../i18n/messages';
import { formTokenOfSession } from './form-token';
import { oneTimeForms } from './form-tokens';
import { html } from './html';
import { pageFor } from './kit';
import { statsPagesRouter } from './stats';
import { readinessPagesRouter } from './readiness';
import { recommendRouter } from './recommend';
import { introductionsPagesRouter } from './introductions';
import { savedSearchesPagesRouter } from './saved-searches';
import { casesPagesRouter } from './cases';
import { followUpPagesRouter } from './follow-up';

/**
 * Forms are only taken from the site's own pages. Signed-in users' forms carry the CSRF token;
 * this also covers the forms sent before signing in (sign-in, sign-up, password reset), where a
 * page elsewhere could otherwise sign a visitor into an account of its choosing. Browsers say
 * where a request comes from in Sec-Fetch-Site, but only to https:// and localhost origins; on
 * plain HTTP they send Origin alone, the site's address under our same-origin Referrer-Policy.
 * `Origin: null` comes from a sandboxed frame, a data: page or a redirect from elsewhere, so it
 * is taken as another site unless the form carries a one-time form token of the session, which
 * no page elsewhere can read (server/pages/form-tokens.ts; a used one is refused there). A request with neither header (a script, curl) is not a browser's
 * and is let through to the usual checks.
 */
export function sameOriginForms(ctx: AppContext): RequestHandler {
  const ours = new URL(ctx.env.publicUrl).origin;
  return (req, _res, next) => {
    if (req.method !== 'POST') return next();
    const site = req.headers['sec-fetch-site'];
    if (typeof site === 'string') return next(site === 'same-origin' || site === 'none' ? undefined : crossSiteForm());
    const origin = req.headers.origin;
    if (origin === undefined) return next();
    if (origin === 'null') return next(formTokenOfSession(req, ctx.sessionSecret) ? undefined : crossSiteForm());
    next(origin === ours || hostOf(origin) === req.get('host') ? undefined : crossSiteForm());
  };
}

/**
 * A signed-in reader who switches the site's language (`?lang=`) gets their mails in it from
 * then on. The account is written only when the switch names another language than its own.
 */
export function followLanguageSwitch(ctx: AppContext): RequestHandler {
  return (req, _res, next) => {
    const asked = req.query.lang;
    const user = req.user;
    if (!isLanguage(asked) || !user || user.tokenId || user.language === asked) return next();
    user.language = asked;
    updateUser(ctx.database.db, user.id, { language: asked }).then(() => next(), next);
  };
}

/** A form posted from `Origin: null` without Sec-Fetch-Site: its token may serve once only. */
const fromNullOrigin = (req: Request) => req.method === 'POST' && typeof req.headers['sec-fetch-site'] !== 'string' && req.headers.origin === 'null';

const crossSiteForm = () => new HttpError(403, 'cross-site-form', 'Forbidden', 'This form was sent from another site.');

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

export function pagesRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(sameOriginForms(ctx));
  router.use(oneTimeForms(ctx, fromNullOrigin));
  router.use(followLanguageSwitch(ctx));
  router.use(firmsRouter(ctx));
  router.use(accountRouter(ctx));
  router.use(consoleRouter(ctx));
  router.use(crawlRouter(ctx));
  router.use(statsPagesRouter(ctx));
  router.use(readinessPagesRouter(ctx));
  router.use(recommendRouter(ctx));
  router.use(introductionsPagesRouter(ctx));
  router.use(savedSearchesPagesRouter(ctx));
  router.use(casesPagesRouter(ctx));
  router.use(followUpPagesRouter(ctx));
  return router;
}

/**
 * Errors on page requests become an HTML page in the reader's language; API and JSON
 * clients keep problem+json. A server error's page says nothing of its cause (the log does).
 */
/** Refusals of the request's form (server/edge-input.ts, the body parsers), said in the reader's words. */
const inputProblemTexts: Partial<Record<string, MessageKey>> = {
  'nul-byte': 'nulCharacterText',
  'unpaired-surrogate': 'unreadableFormText',
  'malformed-percent-encoding': 'malformedAddressText',
  'unsupported-charset': 'unreadableFormText',
  'unsupported-content-encoding': 'unreadableFormText',
  'undecodable-body': 'unreadableFormText',
  'malformed-json': 'unreadableFormText',
  'too-large': 'tooLargeText',
};

export function pageErrorHandler(ctx: AppContext): ErrorRequestHandler {
  return (err, req, res, next) => {
    const wantsPage = !req.path.startsWith(`${ctx.env.basePath}/api/`) && !req.path.endsWith('/healthz') && req.accepts(['html', 'json']) === 'html';
    if (!wantsPage || res.headersSent) return next(err);
    const problem = toProblem(err, String(req.id));
    const page = pageFor(ctx, req, res);
    const { t } = page;
    res.set(problem.headers);
    if (problem.status >= 500) {
      (req.log ?? ctx.logger).error({ err }, problem.title);
      const text = t(problem.status === 503 ? 'unavailableText' : 'serverErrorText');
      page.send({ status: problem.status, title: t('errorTitle'), body: html`<h1>${t('errorTitle')}</h1><p>${text}</p><p><a href="${page.base}/">${t('home')}</a></p>`, description: text });
      return;
    }
    if (problem.status === 401) {
      // A refusal, though a redirect: a form's one-time token is given back (server/pages/form-tokens.ts).
      res.locals.refused = true;
      page.redirect(`/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    const texts: Record<number, [string, string]> = { 403: [t('forbiddenTitle'), t('forbiddenText')], 404: [t('notFoundTitle'), t('notFoundText')], 410: [t('goneTitle'), t('goneText')] };
    const inputText = inputProblemTexts[problem.id];
    // Other refusals keep their own detail (it names what to change) under a title in the reader's language.
    const special: Record<string, [string, string]> = { csrf: [t('formExpiredTitle'), t('formExpiredText')], 'cross-site-form': [t('formElsewhereTitle'), t('formElsewhereText')], 'form-in-progress': [t('formBusyTitle'), t('formBusyText')] };
    const [title, text] = special[problem.id] ?? (inputText ? [t('requestProblemTitle'), t(inputText)] : (texts[problem.status] ?? [t('requestProblemTitle'), problem.message]));
    const body = html`<h1>${title}</h1><p>${text}</p><p><a href="${page.base}/">${t('home')}</a> · <a href="${page.base}/search">${t('allEntries')}</a></p>`;
    page.send({ status: problem.status, title, body, description: text });
  };
}
