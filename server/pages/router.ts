/** Server-rendered pages: firms' pages, agencies' forms and the operators' console. */
import { Router, type ErrorRequestHandler } from 'express';
import type { AppContext } from '../context';
import { toProblem } from '../error-handler';
import { accountRouter } from './account';
import { consoleRouter } from './console';
import { crawlRouter } from './crawl';
import { firmsRouter } from './firms';
import { html } from './html';
import { pageFor } from './kit';

export function pagesRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(firmsRouter(ctx));
  router.use(accountRouter(ctx));
  router.use(consoleRouter(ctx));
  router.use(crawlRouter(ctx));
  return router;
}

/**
 * Errors on page requests become an HTML page in the reader's language; API and JSON
 * clients keep problem+json. A server error's page says nothing of its cause (the log does).
 */
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
      page.send({ status: problem.status, title: t('errorTitle'), body: html`<h1>${t('errorTitle')}</h1><p>${t('serverErrorText')}</p><p><a href="${page.base}/">${t('home')}</a></p>` });
      return;
    }
    if (problem.status === 401) {
      page.redirect(`/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    const texts: Record<number, [string, string]> = { 403: [t('forbiddenTitle'), t('forbiddenText')], 404: [t('notFoundTitle'), t('notFoundText')], 410: [t('goneTitle'), t('goneText')] };
    // Other refusals keep their own detail (it names what to change) under a title in the reader's language.
    const [title, text] = problem.id === 'csrf' ? [t('formExpiredTitle'), t('formExpiredText')] : (texts[problem.status] ?? [t('requestProblemTitle'), problem.message]);
    const body = html`<h1>${title}</h1><p>${text}</p><p><a href="${page.base}/">${t('home')}</a> · <a href="${page.base}/search">${t('allEntries')}</a></p>`;
    page.send({ status: problem.status, title, body });
  };
}
