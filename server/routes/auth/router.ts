/** Sign-up, sign-in, session, sign-out and password reset. */
import { Router, type Request, type RequestHandler } from 'express';
import type { PassportStatic } from 'passport';
import type { AppContext } from '../../context';
import type { CurrentUser } from '../../auth/roles';
import { csrf, requireUser } from '../../auth/middleware';
import { createUser } from '../../commands/create-user';
import { confirmPasswordReset, requestPasswordReset } from '../../commands/password-reset';
import { updateUser, userById } from '../../db/users';
import { toCurrentUser } from '../../auth/roles';
import { presentCurrentUser } from '../../presenters/user';
import { badRequest, HttpError } from '../../errors';
import { requestLanguage } from '../../i18n';
import { parse } from '../../schemas/validate';
import { detailsBody, loginBody, resetConfirmBody, resetRequestBody, signupBody } from '../../schemas/auth';

const login = (req: Request, user: CurrentUser) =>
  new Promise<void>((resolve, reject) => req.login(user, (err: unknown) => (err ? reject(err) : resolve())));

/** Sign-in and sign-up open a browser session, which a request with an API token does not have. */
const sessionOnly: RequestHandler = (req, _res, next) =>
  next(req.session ? undefined : new HttpError(400, 'session-required', 'No session with an API token', 'Sign-in and sign-up open a session: send them without the Authorization header.'));

export function authRouter(ctx: AppContext, authenticator: PassportStatic): Router {
  const router = Router();

  router.post('/login', sessionOnly, (req, res, next) => {
    parse(loginBody, req.body);
    authenticator.authenticate('local', (err: unknown, user: CurrentUser | false) => {
      if (err || !user) return next(err);
      // passport regenerates the session id here, so a planted session cookie is worthless.
      login(req, user)
        .then(() => res.json({ user: presentCurrentUser(user), csrfToken: csrf.generateToken(req, true) }))
        .catch(next);
    })(req, res, next);
  });

  router.post('/signup', sessionOnly, async (req, res) => {
    const body = parse(signupBody, req.body);
    const { email, password, name, company, country } = body;
    const language = body.language ?? requestLanguage(req);
    // Callers written before the field was asked send no role: their accounts stay firms, as then.
    const id = await createUser(ctx, { email, password, name, company, country, roles: [body.role ?? 'firm'], language, actorId: null, requestId: String(req.id) });
    const user = await userById(ctx.database.db, id);
    if (!user) throw new Error('account vanished after creation');
    await login(req, toCurrentUser(user));
    res.status(201).json({ user: presentCurrentUser(toCurrentUser(user)), csrfToken: csrf.generateToken(req, true) });
  });

  router.get('/session', (req, res) => {
    res.json({ user: req.user ? presentCurrentUser(req.user) : null, csrfToken: req.session ? csrf.generateToken(req) : null });
  });

  router.get('/me', requireUser, (req, res) => {
    res.json(presentCurrentUser(req.user as CurrentUser));
  });

  /** The signed-in user's own details, as the /account/details page changes them. */
  router.patch('/me', requireUser, async (req, res) => {
    const user = req.user as CurrentUser;
    const body = parse(detailsBody, req.body);
    const firm = user.roles.includes('firm');
    const errors = firm
      ? body.name === null ? [{ path: 'name', message: 'required for a firm' }] : []
      : (['company', 'country'] as const).filter((f) => body[f] !== undefined).map((path) => ({ path, message: "only a firm's account has one" }));
    if (errors.length) throw badRequest(errors);
    await updateUser(ctx.database.db, user.id, body);
    const row = await userById(ctx.database.db, user.id);
    if (!row) throw new Error('account vanished while being changed');
    res.json(presentCurrentUser(toCurrentUser(row)));
  });

  router.post('/logout', (req, res, next) => {
    // A token request has no session to end (passport's logout would throw): revoking a token is DELETE /api/v1/tokens/{id}.
    if (!req.session) return void res.status(204).end();
    req.logout((err: unknown) => {
      if (err) return next(err);
      req.session?.destroy(() => res.status(204).end());
      if (!req.session) res.status(204).end();
    });
  });

  router.post('/password-reset', async (req, res) => {
    const { email } = parse(resetRequestBody, req.body);
    await requestPasswordReset(ctx, email);
    res.status(202).json({ status: 'If an account has this e-mail address, a reset link is on its way.' });
  });

  router.post('/password-reset/confirm', async (req, res) => {
    const { token, password } = parse(resetConfirmBody, req.body);
    await confirmPasswordReset(ctx, token, password, String(req.id));
    res.status(204).end();
  });

  return router;
}
