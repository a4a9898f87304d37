/** Sign up, sign in and out, and reset a forgotten password: the same commands as the API's auth routes. */
import { Router, type Request } from 'express';
import type { z } from 'zod';
import { isStaff, toCurrentUser, type CurrentUser } from '../../auth/roles';
import { createUser } from '../../commands/create-user';
import { confirmPasswordReset, requestPasswordReset, resetByMailUnavailable } from '../../commands/password-reset';
import { signIn } from '../../commands/sign-in';
import type { AppContext } from '../../context';
import { userById } from '../../db/users';
import { HttpError } from '../../errors';
import { loginBody, resetConfirmBody, resetRequestBody, signupFormBody } from '../../schemas/auth';
import { formBody, formState, parseForm, radios, select, textInput, type FormState } from '../forms';
import { html } from '../html';
import { pageFor, type Page } from '../kit';
import { commandFieldErrors, countryOptions, passwordErrors, parseLocalized, redirectWithNotice, sendForm, webPage } from './shared';

/** passport's session login; it regenerates the session id, so a planted cookie is worthless. */
const login = (req: Request, user: CurrentUser) =>
  new Promise<void>((resolve, reject) => req.login(user, (err: unknown) => (err ? reject(err) : resolve())));

/** `next` when it is an address on this site (under BASE_PATH), never elsewhere. */
export function safeNext(next: unknown, base: string): string | undefined {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || /[\\\s]/.test(next)) return undefined;
  return !base || next === base || next.startsWith(`${base}/`) || next.startsWith(`${base}?`) ? next : undefined;
}

/** Whether `next` (a safe address under `base`) is an introduction form: the reader was asking an agency. */
const asksIntroduction = (next: string | undefined, base: string) => !!next && next.slice(base.length).startsWith('/introductions/new');

/** A sign-in or sign-up link that keeps where the reader was going. */
const keepingNext = (page: Page, path: string, next: string | undefined) => `${page.href(path)}${next ? `?next=${encodeURIComponent(next)}` : ''}`;

/** The sign-up form's own words: the firm/agency choice and a firm's details. */
function signUpMessage(page: Page, field: string, issue: z.core.$ZodIssue): string | undefined {
  if (field === 'role') return page.t('loopChooseRole');
  if (issue.code === 'custom' && issue.message === 'required for a firm') return page.t('loopRequiredForFirm');
  if (field === 'country' && issue.code !== 'too_big') return page.t('acctBadCountry');
  return undefined;
}

function signUpForm(page: Page, form: FormState, next: string | undefined, status?: number) {
  const { t } = page;
  const labels = { role: t('acctRole'), name: t('acctYourName'), email: t('acctEmail'), password: t('acctPassword'), company: t('loopCompanyName'), country: t('loopCountry') };
  sendForm(page, {
    title: t('signUp'),
    form,
    labels,
    status,
    description: t('seoSignUp'),
    intro: html`<p>${t('acctSignUpIntro')}</p>${asksIntroduction(next, page.base) ? html`<p>${t('loopSignUpWhy')}</p>` : ''}`,
    // No choice is made for the reader: a firm that signs up as an agency would never be asked who it is.
    fields: html`${radios(form, { name: 'role', label: labels.role, required: true, options: [['firm', t('acctRoleFirm')], ['agency-editor', t('acctRoleAgency')]] })}
${textInput(form, { name: 'name', label: labels.name, autocomplete: 'name', maxlength: 200, hint: t('loopNameHint') })}
${textInput(form, { name: 'email', label: labels.email, type: 'email', required: true, autocomplete: 'email', maxlength: 254 })}
${textInput(form, { name: 'password', label: labels.password, type: 'password', required: true, autocomplete: 'new-password', hint: t('acctPasswordHint') })}
<fieldset class="firm-details"><legend>${t('loopFirmLegend')}</legend><p class="hint">${t('loopFirmHint')}</p>
${textInput(form, { name: 'company', label: labels.company, autocomplete: 'organization', maxlength: 200 })}
${select(form, { name: 'country', label: labels.country, empty: '', options: countryOptions(page) })}</fieldset>`,
    submit: t('signUp'),
    after: html`<p>${t('acctHaveAccount')} <a href="${keepingNext(page, '/sign-in', next)}">${t('signIn')}</a></p>`,
  });
}

function signInForm(page: Page, form: FormState, next: string | undefined, status?: number, problem?: string) {
  const { t } = page;
  const labels = { email: t('acctEmail'), password: t('acctPassword') };
  // A visitor sent here from "Ask for an introduction" learns why before anything else.
  const why = asksIntroduction(next, page.base) ? html`<p>${t('loopSignInWhy')}</p>` : '';
  sendForm(page, {
    title: t('signIn'),
    form,
    labels,
    status,
    description: t('seoSignIn'),
    intro: html`${why}${problem ? html`<div class="error-summary" role="alert" id="error-summary"><p>${problem}</p></div>` : page.takeNotice()}`,
    fields: html`${textInput(form, { name: 'email', label: labels.email, type: 'email', required: true, autocomplete: 'username', maxlength: 254 })}
${textInput(form, { name: 'password', label: labels.password, type: 'password', required: true, autocomplete: 'current-password' })}`,
    submit: t('signIn'),
    after: html`<p><a href="${page.href('/forgot-password')}">${t('acctForgot')}</a></p><p>${t('acctNoAccount')} <a href="${keepingNext(page, '/sign-up', next)}">${t('signUp')}</a></p>`,
  });
}

export function signInRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/sign-up', (req, res) => {
    const page = pageFor(ctx, req, res);
    signUpForm(page, formState(), safeNext(req.query.next, page.base));
  });

  router.post('/sign-up', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const next = safeNext(req.query.next, page.base);
    const parsed = parseForm(page, signupFormBody, formBody(req.body), signUpMessage);
    // Every problem at once: a weak password is told along with the other fields' problems, not after them.
    const weak = passwordErrors(page, req.body?.password, req.body?.email);
    if ('errors' in parsed || weak.length) return signUpForm(page, formState(req.body, [...('errors' in parsed ? parsed.errors : []), ...weak]), next);
    const { email, password, name, role, company, country } = parsed.data;
    let id: string;
    try {
      // The account's mails are written in the language its owner signed up in. An agency's account
      // carries no firm details, even if the reader filled them in before choosing.
      const firm = role === 'firm' ? { company, country } : {};
      id = await createUser(ctx, { email, password, name, roles: [role], ...firm, language: page.lang, actorId: null, requestId: String(req.id) });
    } catch (err) {
      const taken = err instanceof HttpError && err.status === 409;
      return signUpForm(page, formState(req.body, taken ? [{ path: 'email', message: page.t('acctEmailTaken') }] : commandFieldErrors(page, err)), next, taken ? 409 : 400);
    }
    const user = await userById(ctx.database.db, id);
    if (!user) throw new Error('account vanished after creation');
    await login(req, toCurrentUser(user));
    // Back to where the reader was going (the introduction form it asked for), or to its account.
    if (next) return res.redirect(303, next);
    await redirectWithNotice(page, '/account', page.t(role === 'agency-editor' ? 'acctWelcomeAgency' : 'acctWelcomeFirm'));
  });

  router.get('/sign-in', (req, res) => {
    const page = pageFor(ctx, req, res);
    signInForm(page, formState(), safeNext(req.query.next, page.base));
  });

  router.post('/sign-in', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { t } = page;
    const kept = { email: typeof req.body?.email === 'string' ? req.body.email : '' };
    const parsed = parseLocalized(page, loginBody, formBody(req.body));
    const next = safeNext(req.query.next, page.base);
    if ('errors' in parsed) return signInForm(page, formState(kept, parsed.errors), next);
    const result = await signIn(ctx, parsed.data.email, parsed.data.password, req.ip ?? 'unknown');
    if (!result.ok) {
      const { error } = result;
      res.set(error.headers);
      const minutes = Math.ceil(Number(error.headers['Retry-After'] ?? 60) / 60);
      const problem = error.status === 429 ? t('acctTooManySignIns', { count: minutes }) : t('acctWrongPassword');
      return signInForm(page, formState(kept), next, error.status, problem);
    }
    await login(req, result.user);
    if (next) res.redirect(303, next);
    // Operators and admins come to work the console; everyone else to what they maintain.
    else page.redirect(isStaff(result.user) ? '/console' : '/account');
  });

  router.post('/sign-out', (req, res, next) => {
    const page = pageFor(ctx, req, res);
    req.logout((err: unknown) => {
      if (err) return next(err);
      if (!req.session) return page.redirect('/');
      req.session.destroy(() => page.redirect('/'));
    });
  });

  router.get('/forgot-password', (req, res) => {
    const page = pageFor(ctx, req, res);
    if (!ctx.env.mailUrl) return resetByOperator(page, 200);
    forgotForm(page, formState());
  });

  router.post('/forgot-password', async (req, res) => {
    const page = pageFor(ctx, req, res);
    if (!ctx.env.mailUrl) return resetByOperator(page, resetByMailUnavailable().status);
    const parsed = parseLocalized(page, resetRequestBody, formBody(req.body));
    if ('errors' in parsed) return forgotForm(page, formState(req.body, parsed.errors));
    await requestPasswordReset(ctx, parsed.data.email);
    const title = page.t('acctResetSentTitle');
    page.send({ title, body: html`<h1>${title}</h1><p class="notice" role="status">${page.t('acctResetSent')}</p>`, ld: webPage(page, title) });
  });

  router.get('/reset-password', (req, res) => resetForm(pageFor(ctx, req, res), formState({ token: typeof req.query.token === 'string' ? req.query.token : '' })));

  router.post('/reset-password', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const kept = { token: typeof req.body?.token === 'string' ? req.body.token : '' };
    const parsed = parseLocalized(page, resetConfirmBody, formBody(req.body));
    if ('errors' in parsed) return resetForm(page, formState(kept, parsed.errors));
    try {
      await confirmPasswordReset(ctx, parsed.data.token, parsed.data.password, String(req.id));
    } catch (err) {
      return resetForm(page, formState(kept, commandFieldErrors(page, err)));
    }
    await redirectWithNotice(page, '/sign-in', page.t('acctResetDone'));
  });

  return router;
}

/** Without mail there is no link to send: the reader learns who can set a new password. */
function resetByOperator(page: Page, status: number) {
  const title = page.t('acctForgotTitle');
  const text = page.t('acctResetByOperator');
  page.send({ title, status, body: html`<h1>${title}</h1><p class="notice" role="status">${text}</p>`, ld: webPage(page, title), description: text });
}

function forgotForm(page: Page, form: FormState) {
  const { t } = page;
  const labels = { email: t('acctEmail') };
  sendForm(page, {
    title: t('acctForgotTitle'),
    form,
    labels,
    description: t('acctForgotIntro'),
    intro: html`<p>${t('acctForgotIntro')}</p>`,
    fields: textInput(form, { name: 'email', label: labels.email, type: 'email', required: true, autocomplete: 'email', maxlength: 254 }),
    submit: t('acctSendLink'),
  });
}

function resetForm(page: Page, form: FormState) {
  const { t } = page;
  const labels = { password: t('acctNewPassword') };
  // The token is no field the reader can correct: its error comes with the way to a new link.
  const tokenError = form.errors.get('token');
  const fields: FormState = { values: form.values, errors: new Map([...form.errors].filter(([name]) => name !== 'token')) };
  sendForm(page, {
    title: t('acctResetTitle'),
    form: fields,
    labels,
    status: form.errors.size ? 400 : undefined,
    intro: tokenError ? html`<div class="error-summary" role="alert" id="error-summary"><p>${tokenError} <a href="${page.href('/forgot-password')}">${t('acctAskNewLink')}</a></p></div>` : undefined,
    fields: html`<input type="hidden" name="token" id="f-token" value="${form.values.token ?? ''}">
${textInput(fields, { name: 'password', label: labels.password, type: 'password', required: true, autocomplete: 'new-password', hint: t('acctPasswordHint') })}`,
    submit: t('acctResetSubmit'),
  });
}
