/**
 * One-time form tokens: every POST form built with `page.csrfField()` carries `_form`, a random
 * nonce signed with the session's CSRF token (so it is bound to the visitor's session, and no
 * page elsewhere can make one). The first submit consumes it atomically (a row in
 * idempotency_keys, so it holds across instances and concurrent posts); a second submit of the
 * same token stores nothing and takes the reader where the first went, with a notice. A submit
 * that was refused (4xx, 5xx) gives the token back: nothing was stored, and the form shown
 * again with its errors carries a fresh token anyway.
 */
import crypto from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { SESSION_COOKIE } from '../auth/middleware';
import { toCurrentUser } from '../auth/roles';
import type { AppContext } from '../context';
import { rawCookies } from '../cookies';
import { answerKey, releaseKey } from '../db/idempotency';
import { userById } from '../db/users';
import { HttpError } from '../errors';
import { beforeEnd, claimKey, type WaitOptions } from '../idempotency';
import { postedToken } from './form-token';
import { pageFor } from './kit';

/** What a used token keeps for the second submit. */
interface Used {
  /** Where the first submit took the reader (BASE_PATH included). */
  location: string;
  /** The user the first submit signed in (sign-in, sign-up), given again to the same browser. */
  signedIn?: string;
  /** Hash of the session cookie the first submit came with: "the same browser". */
  browser?: string;
}

const browserOf = (req: Request) => {
  const cookie = rawCookies(req.headers.cookie).find(([name]) => name === SESSION_COOKIE)?.[1];
  return cookie ? crypto.createHash('sha256').update(cookie).digest('base64url') : undefined;
};

const login = (req: Request, user: Express.User) => new Promise<void>((resolve, reject) => req.login(user, (err: unknown) => (err ? reject(err) : resolve())));

/** A `Location` of this site only, as the first answer gave it. */
const local = (location: string) => (location.startsWith('/') && !location.startsWith('//') ? location : undefined);

export const formStillRunning = () => new HttpError(409, 'form-in-progress', 'Conflict', 'This form is still being sent; open the page again in a moment.');

/**
 * Consumes the token of each posted page form (after `sameOriginForms`). `nullOrigin` says the
 * request came from `Origin: null`: its token was accepted once, so a used one is refused.
 */
export function oneTimeForms(ctx: AppContext, nullOrigin: (req: Request) => boolean, options: WaitOptions = {}): RequestHandler {
  return (req, res, next) => {
    const token = req.method === 'POST' ? postedToken(req) : undefined;
    // A post without a token (a script, an old page) goes on to the usual checks, as before tokens.
    if (!token) return next();
    const nonce = token.slice(0, 22);
    const before = req.user?.id;
    const browser = browserOf(req);
    const claim = { scope: 'form', key: nonce, userId: req.user?.id ?? null, route: `POST ${req.path}`, bodyHash: '' };
    claimKey(ctx, claim, options)
      .then(async (c) => {
        if (c.kind === 'busy') return next(formStillRunning());
        if (c.kind === 'answered') {
          if (nullOrigin(req)) return next(new HttpError(403, 'cross-site-form', 'Forbidden', 'This form was sent from another site.'));
          const used = c.row.response as Used;
          const user = used.signedIn && used.browser && used.browser === browser && req.user?.id !== used.signedIn ? await userById(ctx.database.db, used.signedIn) : undefined;
          if (user && !user.disabledAt) await login(req, toCurrentUser(user));
          const page = pageFor(ctx, req, res);
          await page.keepNotice(page.t('formAlreadySent'), undefined, true);
          res.set('Idempotent-Replayed', 'true').redirect(303, local(used.location) ?? page.href('/'));
          return;
        }
        beforeEnd(res, async (status) => {
          try {
            if (status >= 400 || res.locals.refused === true) return await releaseKey(ctx.database.db, claim.scope, nonce);
            const location = status >= 300 && status < 400 ? String(res.getHeader('location') ?? '') : req.originalUrl;
            const signedIn = req.user?.id && req.user.id !== before ? req.user.id : undefined;
            const used: Used = { location, ...(signedIn ? { signedIn, browser } : {}) };
            await answerKey(ctx.database.db, claim.scope, nonce, status, used);
          } catch (err) {
            (req.log ?? ctx.logger).error({ err }, 'could not record a used form token');
          }
        });
        next();
      })
      .catch(next);
  };
}
