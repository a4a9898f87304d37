/** Sign-up, sign-in, session, sign-out and password reset. */
import type { Request, Response } from 'express';
import type { PassportStatic } from 'passport';
import { z } from 'zod';
import { defineRoute, empty, json, noContent, ok, problem, reply, type Route } from '../api/route';
import { csrf } from '../auth/middleware';
import { toCurrentUser } from '../auth/roles';
import type { CurrentUser } from '../auth/roles';
import { createUser } from '../commands/create-user';
import { confirmPasswordReset, requestPasswordReset } from '../commands/password-reset';
import { updateUser, userById } from '../db/users';
import { badRequest } from '../errors';
import { requestLanguage } from '../i18n';
import { currentUserSchema, presentCurrentUser } from '../presenters/user';
import { detailsBody, loginBody, resetConfirmBody, resetRequestBody, signupBody } from '../schemas/auth';

const sessionSchema = z.object({ user: currentUserSchema.nullable(), csrfToken: z.string().nullable() }).meta({ id: 'Session' });

const login = (req: Request, user: CurrentUser) => new Promise<void>((resolve, reject) => req.login(user, (err: unknown) => (err ? reject(err) : resolve())));

/** passport's local strategy, as a promise of the signed-in user; a refused sign-in rejects with its 401 or 429. */
const authenticate = (authenticator: PassportStatic, req: Request, res: Response) =>
  new Promise<CurrentUser>((resolve, reject) => {
    authenticator.authenticate('local', (err: unknown, user: CurrentUser | false) => (err || !user ? reject(err) : resolve(user)))(req, res, reject);
  });

const endSession = (req: Request) =>
  new Promise<void>((resolve, reject) => {
    req.logout((err: unknown) => {
      if (err) return reject(err);
      if (!req.session) return resolve();
      req.session.destroy(() => resolve());
    });
  });

export const authRoutes = (authenticator: PassportStatic): Route[] => [
  defineRoute({
    method: 'post',
    path: '/api/v1/auth/login',
    auth: 'session',
    operationId: 'signIn',
    summary: 'Sign in; no CSRF token needed',
    description: 'Sets the session cookie and answers the CSRF token the session\'s writes send. Refused without a session (with an Authorization header).',
    tags: ['Accounts'],
    body: loginBody,
    responses: { 200: json('Signed in; a session cookie is set', sessionSchema), 401: problem('Unknown e-mail address or wrong password'), 429: problem('Too many failed sign-ins; see Retry-After') },
    handler: async ({ req, res }) => {
      const user = await authenticate(authenticator, req, res);
      // passport regenerates the session id here, so a planted session cookie is worthless.
      await login(req, user);
      return ok({ user: presentCurrentUser(user), csrfToken: csrf.generateToken(req, true) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/auth/signup',
    auth: 'session',
    operationId: 'signUp',
    summary: 'Create an account (firm or agency editor) and sign in',
    tags: ['Accounts'],
    body: signupBody,
    responses: { 201: json('Signed in', sessionSchema), 409: problem('The e-mail address has an account') },
    handler: async ({ ctx, req, body }) => {
      const { email, password, name, company, country } = body;
      const language = body.language ?? requestLanguage(req);
      // Callers written before the field was asked send no role: their accounts stay firms, as then.
      const id = await createUser(ctx, { email, password, name, company, country, roles: [body.role ?? 'firm'], language, actorId: null, requestId: String(req.id) });
      const user = await userById(ctx.database.db, id);
      if (!user) throw new Error('account vanished after creation');
      await login(req, toCurrentUser(user));
      return reply(201, { user: presentCurrentUser(toCurrentUser(user)), csrfToken: csrf.generateToken(req, true) });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/auth/session',
    auth: 'public',
    operationId: 'getSession',
    summary: 'The session and its CSRF token',
    tags: ['Accounts'],
    responses: { 200: json('Session; both null when not signed in', sessionSchema) },
    handler: ({ req, user }) => ok({ user: user ? presentCurrentUser(user) : null, csrfToken: req.session ? csrf.generateToken(req) : null }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/auth/me',
    auth: 'user',
    operationId: 'getMe',
    summary: 'The signed-in user (cookie or token)',
    tags: ['Accounts'],
    responses: { 200: json('User', currentUserSchema) },
    handler: ({ user }) => ok(presentCurrentUser(user)),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/auth/me',
    auth: 'user',
    operationId: 'updateMe',
    summary: "Change the signed-in user's name and mail language, and a firm's company and country",
    tags: ['Accounts'],
    body: detailsBody,
    responses: { 200: json('User', currentUserSchema) },
    handler: async ({ ctx, user, body }) => {
      const firm = user.roles.includes('firm');
      const errors = firm
        ? body.name === null
          ? [{ path: 'name', message: 'required for a firm' }]
          : []
        : (['company', 'country'] as const).filter((f) => body[f] !== undefined).map((path) => ({ path, message: "only a firm's account has one" }));
      if (errors.length) throw badRequest(errors);
      await updateUser(ctx.database.db, user.id, body);
      const row = await userById(ctx.database.db, user.id);
      if (!row) throw new Error('account vanished while being changed');
      return ok(presentCurrentUser(toCurrentUser(row)));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/auth/logout',
    auth: 'public',
    operationId: 'signOut',
    summary: 'End the session',
    description: 'A request with an API token has no session to end: revoking a token is DELETE /api/v1/tokens/{id}.',
    tags: ['Accounts'],
    responses: { 204: empty('Signed out') },
    handler: async ({ req }) => {
      if (req.session) await endSession(req);
      return noContent();
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/auth/password-reset',
    auth: 'public',
    operationId: 'requestPasswordReset',
    summary: 'Mail a one-time reset link',
    tags: ['Accounts'],
    body: resetRequestBody,
    responses: {
      202: json('Sent if the account exists', z.object({ status: z.string() })),
      409: problem('The site sends no mail (no MAIL_URL): no link is made; an operator sets the password (`npm run cli -- users set-password`)'),
    },
    handler: async ({ ctx, body }) => {
      await requestPasswordReset(ctx, body.email);
      return reply(202, { status: 'If an account has this e-mail address, a reset link is on its way.' });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/auth/password-reset/confirm',
    auth: 'public',
    operationId: 'confirmPasswordReset',
    summary: 'Set a new password with the mailed token',
    tags: ['Accounts'],
    body: resetConfirmBody,
    responses: { 204: empty('Password changed; every session, API token and other reset link of the account ended') },
    handler: async ({ ctx, req, body }) => {
      await confirmPasswordReset(ctx, body.token, body.password, String(req.id));
      return noContent();
    },
  }),
];
