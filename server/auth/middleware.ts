/**
 * Sign-in state on every request: a session cookie (express-session in our database,
 * passport) or an API token (Authorization: Bearer). Cookie-authenticated writes must
 * carry the session's CSRF token in X-CSRF-Token.
 */
import type { Request, RequestHandler } from 'express';
import type { Actor } from '../commands/actor';
import session from 'express-session';
import { csrfSync } from 'csrf-sync';
import passport from 'passport';
import { Strategy as BearerStrategy } from 'passport-http-bearer';
import { Strategy as LocalStrategy } from 'passport-local';
import { signIn } from '../commands/sign-in';
import type { AppContext } from '../context';
import { servedOverTls } from '../env';
import { userById, useToken } from '../db/users';
import { forbidden, HttpError, unauthorized } from '../errors';
import { hashSecret } from './password';
import { isAdmin } from './permissions';
import { isStaff, toCurrentUser, type CurrentUser } from './roles';
import { DatabaseSessionStore } from './session-store';

const SESSION_DAYS = 14;
/** The session cookie's name. */
export const SESSION_COOKIE = 'pn.sid';

export const csrf = csrfSync({
  // API clients send the header; the site's own forms send a hidden `_csrf` field.
  getTokenFromRequest: (req) => {
    const v = req.headers['x-csrf-token'];
    if (typeof v === 'string') return v;
    const field: unknown = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>)._csrf : undefined;
    return typeof field === 'string' ? field : undefined;
  },
  // Only requests that a browser sends with its cookie on its own need the token.
  skipCsrfProtection: (req) => !req.user || !!req.user.tokenId || req.path.endsWith('/auth/login'),
  errorConfig: { statusCode: 403, code: 'EBADCSRFTOKEN', message: 'Send the X-CSRF-Token header with the csrfToken of your session.' },
});

/** The middleware chain that sets req.user from a session cookie or a bearer token. */
export function authentication(ctx: AppContext, sessionSecret: string): { authenticator: passport.PassportStatic; middleware: RequestHandler[] } {
  const db = ctx.database.db;
  const authenticator = new passport.Passport() as passport.PassportStatic;
  authenticator.serializeUser((user, done) => done(null, user.id));
  authenticator.deserializeUser((id: string, done) => {
    userById(db, id).then(
      // A disabled or deleted account ends its sessions at once.
      (u) => done(null, u && !u.disabledAt ? toCurrentUser(u) : false),
      (err: unknown) => done(err),
    );
  });
  authenticator.use(
    new LocalStrategy({ usernameField: 'email', passReqToCallback: true }, (req, email, password, done) => {
      signIn(ctx, email, password, req.ip ?? 'unknown').then(
        // A refused sign-in is passed on as the error itself (401 or 429), so it keeps its status and headers.
        (result) => (result.ok ? done(null, result.user) : done(result.error)),
        (err: unknown) => done(err),
      );
    }),
  );
  authenticator.use(
    new BearerStrategy((token, done) => {
      (async () => {
        const row = await useToken(db, hashSecret(token));
        const u = row ? await userById(db, row.userId) : undefined;
        return u && row && !u.disabledAt ? toCurrentUser(u, row.id) : false;
      })().then(
        (u) => done(null, u),
        (err: unknown) => done(err),
      );
    }),
  );

  const sessions = session({
    name: SESSION_COOKIE,
    secret: sessionSecret,
    store: new DatabaseSessionStore(db),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: servedOverTls(ctx.env), maxAge: SESSION_DAYS * 24 * 60 * 60 * 1000, path: ctx.env.basePath || '/' },
  });

  const bearer: RequestHandler = (req, res, next) => {
    if (!/^Bearer\s/i.test(req.headers.authorization ?? '')) return next();
    authenticator.authenticate('bearer', { session: false }, (err: unknown, user: CurrentUser | false) => {
      if (err) return next(err);
      if (!user) return next(unauthorized('This API token is unknown or revoked.'));
      req.user = user;
      next();
    })(req, res, next);
  };

  // Token requests never touch the session; cookie requests go through passport's session.
  const cookieSession: RequestHandler[] = [sessions, authenticator.initialize(), authenticator.session()];
  const unlessToken =
    (mw: RequestHandler): RequestHandler =>
    (req, res, next) => (req.user?.tokenId ? next() : mw(req, res, next));
  return { authenticator, middleware: [bearer, ...cookieSession.map(unlessToken), csrf.csrfSynchronisedProtection] };
}

/** The signed-in user of a request as the actor of a write (permissions, audit log); 401 when none. */
export function actorOf(req: Request): Actor {
  if (!req.user) throw unauthorized();
  return { user: req.user, requestId: String(req.id) };
}

/** Sign-in and sign-up open a browser session, which a request with an API token does not have: refused before its body is read. */
export const requireSession: RequestHandler = (req, _res, next) =>
  next(req.session ? undefined : new HttpError(400, 'session-required', 'No session with an API token', 'Sign-in and sign-up open a session: send them without the Authorization header.'));

export const requireUser: RequestHandler = (req, _res, next) => next(req.user ? undefined : unauthorized());

export const requireStaff: RequestHandler = (req, _res, next) =>
  next(!req.user ? unauthorized() : isStaff(req.user) ? undefined : forbidden('Only operators and admins may do this.'));

export const requireAdmin: RequestHandler = (req, _res, next) =>
  next(!req.user ? unauthorized() : isAdmin(req.user) ? undefined : forbidden('Only admins may do this.'));
