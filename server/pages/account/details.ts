/**
 * /account/details: a signed-in user changes its name and the language of its mails; a firm also
 * its company and country, which the agencies it asks read on each request (a firm made before
 * sign-up asked for them, or by the CLI, fills them in here).
 */
import { Router } from 'express';
import type { z } from 'zod';
import type { CurrentUser } from '../../auth/roles';
import type { AppContext } from '../../context';
import { updateUser, userById } from '../../db/users';
import { languages } from '../../i18n';
import { detailsFormBody } from '../../schemas/auth';
import { formBody, formState, parseForm, select, textInput, type FormState } from '../forms';
import { html } from '../html';
import { pageFor, type Page } from '../kit';
import { countryOptions, redirectWithNotice, sendForm, signedInUser } from './shared';

/** What /account shows of the user's details, "not given" for a firm's missing ones, with the link to change them. */
export async function detailsPart(page: Page, user: CurrentUser) {
  const { t } = page;
  const row = await userById(page.ctx.database.db, user.id);
  const given = (v: string | null | undefined) => v || t('loopNotGiven');
  const firm = isFirm(user)
    ? html`<p>${t('prfCompanyOf', { company: given(row?.company), country: row?.country ? page.countryName(row.country) : t('loopNotGiven') })}</p>`
    : '';
  return html`<section class="details"><h2>${t('prfDetails')}</h2><p>${t('loopName')}${page.lang === 'fr' ? '\u00a0:' : ':'} ${given(row?.name)}</p>${firm}
<p>${t('prfLanguage')}${page.lang === 'fr' ? '\u00a0:' : ':'} ${languageNames[row?.language ?? 'en']}</p>
<p><a href="${page.href('/account/details')}">${t('prfEditDetails')}</a></p></section>`;
}

/** Whether the account asks agencies for introductions, so agencies read its company and country. */
export const isFirm = (user: CurrentUser) => user.roles.includes('firm');

/** Each language named in itself, as a reader looks for their own. */
const languageNames: Record<(typeof languages)[number], string> = { en: 'English', fr: 'Français', es: 'Español' };

function detailsMessage(page: Page, field: string, issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'custom' && issue.message === 'required for a firm') return page.t('loopRequiredForFirm');
  if (field === 'country' && issue.code !== 'too_big') return page.t('acctBadCountry');
  return undefined;
}

function detailsForm(page: Page, form: FormState, firm: boolean) {
  const { t } = page;
  const labels = { name: t('acctYourName'), company: t('loopCompanyName'), country: t('loopCountry'), language: t('prfLanguage') };
  sendForm(page, {
    title: t('prfDetails'),
    form,
    labels,
    intro: html`<p>${t(firm ? 'prfDetailsFirmIntro' : 'prfDetailsIntro')}</p>`,
    fields: html`${textInput(form, { name: 'name', label: labels.name, required: firm, autocomplete: 'name', maxlength: 200 })}
${firm ? html`${textInput(form, { name: 'company', label: labels.company, required: true, autocomplete: 'organization', maxlength: 200 })}
${select(form, { name: 'country', label: labels.country, required: true, empty: '', options: countryOptions(page) })}` : ''}
${select(form, { name: 'language', label: labels.language, required: true, options: languages.map((l): [string, string] => [l, languageNames[l]]) })}`,
    submit: t('acctSave'),
  });
}

export function detailsRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/account/details', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const user = signedInUser(page);
    const row = await userById(ctx.database.db, user.id);
    const values = { name: row?.name ?? '', company: row?.company ?? '', country: row?.country ?? '', language: row?.language ?? page.lang };
    detailsForm(page, formState(values), isFirm(user));
  });

  router.post('/account/details', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const user = signedInUser(page);
    const firm = isFirm(user);
    const parsed = parseForm(page, detailsFormBody(firm), formBody(req.body), detailsMessage);
    if ('errors' in parsed) return detailsForm(page, formState(req.body, parsed.errors), firm);
    const { name, company, country, language } = parsed.data;
    // A blank name clears it; an agency's account keeps no company or country.
    await updateUser(ctx.database.db, user.id, { name: name ?? null, language, ...(firm ? { company, country } : {}) });
    // The site keeps the reader's own language; only the mails follow the one chosen here.
    await redirectWithNotice(page, '/account', page.t('prfDetailsSaved'));
  });

  return router;
}
