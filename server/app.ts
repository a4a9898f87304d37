/** Builds the Express application without listening, so tests and the server share it. */
import crypto from 'node:crypto';
import compression from 'compression';
import express, { Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { AppContext } from './context';
import { servedOverTls } from './env';
import { errorHandler, notFoundHandler } from './error-handler';
import { refuseMalformedUrl, refuseUnstorableStrings } from './edge-input';
import { idempotentApi } from './idempotency';
import { openApiDocument } from './openapi';
import { clientAssets } from './pages/client-assets';
import { pageErrorHandler, pagesRouter } from './pages/router';
import { apiRouter } from './api/router';
import { apiRoutes, healthRoutes } from './routes';
import { authentication } from './auth/middleware';

/**
 * Helmet's headers for where the site is served. HSTS, CSP `upgrade-insecure-requests` and
 * COOP only make sense over TLS: on plain HTTP (a LAN address, an intranet name) they would
 * send every script, link and form to an https:// that does not answer. Referrer-Policy
 * same-origin keeps the Origin header on the site's own form posts (no-referrer would make it
 * "null", which the page forms refuse as cross-site) and tells other sites nothing.
 */
export function securityHeaders(tls: boolean): Parameters<typeof helmet>[0] {
  return {
    contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': tls ? [] : null } },
    strictTransportSecurity: tls,
    crossOriginOpenerPolicy: tls,
    referrerPolicy: { policy: 'same-origin' },
  };
}

export function createApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.env.trustProxy);
  app.use(
    pinoHttp({
      logger: ctx.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : crypto.randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: ctx.env.nodeEnv !== 'test',
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(helmet(securityHeaders(servedOverTls(ctx.env))));
  app.use(compression());
  app.use(refuseMalformedUrl(`${ctx.env.basePath}/api/`));
  app.use(express.json({ limit: '1mb' }));
  // The site's own forms post urlencoded fields (repeated names become arrays). The API takes
  // JSON only: a form on another site cannot send JSON, so it cannot reach the API's sign-in.
  const forms = express.urlencoded({ extended: false, limit: '1mb' });
  const api = `${ctx.env.basePath}/api/`;
  app.use((req, res, next) => (req.path.startsWith(api) ? next() : forms(req, res, next)));
  app.use(refuseUnstorableStrings);

  const root = Router();
  root.use(apiRouter(ctx, healthRoutes));
  // The client's files carry a content hash in their names: browsers may keep them for a year.
  const client = clientAssets();
  if (client) root.use('/assets', express.static(client.dir, { immutable: true, maxAge: '1y', index: false }));
  else ctx.logger.warn('the browser client is not built (npm run build:client): pages are served without script');
  const auth = authentication(ctx, ctx.sessionSecret);
  const routes = apiRoutes(auth.authenticator);
  // The document is made from the very definitions the router serves.
  const document = openApiDocument(ctx.env.basePath, [...healthRoutes, ...routes]);
  root.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  root.use(auth.middleware);
  root.use('/api/v1', idempotentApi(ctx));
  root.use(apiRouter(ctx, routes));
  root.use(pagesRouter(ctx));
  app.use(ctx.env.basePath || '/', root);
  // Load balancers probe the root whatever the base path.
  if (ctx.env.basePath) app.use(apiRouter(ctx, healthRoutes));
  app.use(notFoundHandler);
  app.use(pageErrorHandler(ctx));
  app.use(errorHandler(ctx.logger));
  return app;
}
