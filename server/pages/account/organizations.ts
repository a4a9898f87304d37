/** Registering and editing an organization, and claiming one that came from a feed. */
import { Router } from 'express';
import { actorOf } from '../../auth/middleware';
import { claimsOrganizations, editsOrganization, maintains, registersOrganizations } from '../../auth/permissions';
import { claimOrganization } from '../../commands/claims';
import { editOrganization, registerOrganization } from '../../commands/organizations';
import type { AppContext } from '../../context';
import { readEntry } from '../../directory/read';
import { forbidden } from '../../errors';
import { claimBody, organizationBody } from '../../schemas/entries';
import { idParam } from '../../schemas/validate';
import { organizationKinds, services } from '../../reference/vocabularies';
import { checkboxes, flatten, formBody, formState, select, textArea, textInput, type FormState } from '../forms';
import { html, type Html } from '../html';
import { pageFor, type Page } from '../kit';
import { confirmPart } from './confirm';
import {
  editableEntry,
  clearedAsNull,
  countryOptions,
  languageOptions,
  parseLocalized,
  redirectWithNotice,
  sectionOptions,
  sendForm,
  signedInUser,
  submit,
  submitEdit,
  vocabularyOptions,
} from './shared';

const ARRAYS = ['services', 'sectors', 'languages', 'networks'] as const;
const NULLABLE = ['acronym', 'website', 'email', 'phone', 'address', 'description'] as const;

function labelsOf(page: Page) {
  const { t } = page;
  return {
    name: t('acctOrgName'),
    acronym: t('acctAcronym'),
    kind: t('kind'),
    country: t('country'),
    website: t('website'),
    email: t('acctOrgEmail'),
    phone: t('acctPhone'),
    'address.street': t('acctStreet'),
    'address.city': t('acctCity'),
    'address.postalCode': t('acctPostalCode'),
    'address.region': t('acctRegion'),
    description: t('acctDescription'),
    services: t('services'),
    sectors: t('sectors'),
    languages: t('languages'),
    networks: t('networks'),
  };
}

function organizationForm(page: Page, form: FormState, title: string, submit: string, status?: number, confirm: Html | '' = '') {
  const { t } = page;
  const l = labelsOf(page);
  const held = [form.values.languages ?? []].flat();
  const networks = form.values.networks;
  const fields = html`${textInput(form, { name: 'name', label: l.name, required: true, maxlength: 300, autocomplete: 'organization' })}
${textInput(form, { name: 'acronym', label: l.acronym, maxlength: 50 })}
${select(form, { name: 'kind', label: l.kind, required: true, empty: t('acctChooseEmpty'), options: vocabularyOptions(page, 'kind', organizationKinds) })}
${select(form, { name: 'country', label: l.country, required: true, empty: t('acctChooseEmpty'), options: countryOptions(page) })}
${textInput(form, { name: 'website', label: l.website, type: 'url', hint: t('acctUrlHint'), autocomplete: 'url' })}
${textInput(form, { name: 'email', label: l.email, type: 'email', autocomplete: 'email' })}
${textInput(form, { name: 'phone', label: l.phone, type: 'tel', autocomplete: 'tel', maxlength: 50 })}
<fieldset><legend>${t('acctAddress')}</legend>
${textInput(form, { name: 'address.street', label: l['address.street'], autocomplete: 'street-address', maxlength: 300 })}
${textInput(form, { name: 'address.city', label: l['address.city'], autocomplete: 'address-level2', maxlength: 100 })}
${textInput(form, { name: 'address.postalCode', label: l['address.postalCode'], autocomplete: 'postal-code', maxlength: 20 })}
${textInput(form, { name: 'address.region', label: l['address.region'], autocomplete: 'address-level1', maxlength: 100 })}
</fieldset>
${textArea(form, { name: 'description', label: l.description, rows: 6 })}
${checkboxes(form, { name: 'services', label: l.services, options: vocabularyOptions(page, 'service', services) })}
${checkboxes(form, { name: 'sectors', label: l.sectors, options: sectionOptions(page) })}
${checkboxes(form, { name: 'languages', label: l.languages, options: languageOptions(page, held) })}
${textInput({ ...form, values: { ...form.values, networks: Array.isArray(networks) ? networks.join(', ') : networks } }, { name: 'networks', label: l.networks, hint: t('acctNetworksHint') })}`;
  sendForm(page, { title, form, labels: l, fields, submit, status, intro: html`${confirm}<p class="meta">${t('acctRequiredNote')}</p>` });
}

/** An organization an editor may change: 403 for others, the sign-in redirect when signed out. */
const editable = (page: Page, rawId: string | string[] | undefined) => editableEntry(page, 'organization', rawId, (user, org) => editsOrganization(user, org.id));

export function organizationsRouter(ctx: AppContext): Router {
  const router = Router();

  const mayRegister = (page: Page) => {
    const user = signedInUser(page);
    if (!registersOrganizations(user)) throw forbidden('Only agency editors, operators and admins register organizations.');
  };

  router.get('/account/organizations/new', (req, res) => {
    const page = pageFor(ctx, req, res);
    mayRegister(page);
    organizationForm(page, formState(), page.t('acctRegisterOrganization'), page.t('acctRegisterSubmit'));
  });

  router.post('/account/organizations/new', async (req, res) => {
    const page = pageFor(ctx, req, res);
    mayRegister(page);
    const retry = (errors: Parameters<typeof formState>[1]) => organizationForm(page, formState(req.body, errors), page.t('acctRegisterOrganization'), page.t('acctRegisterSubmit'));
    const parsed = parseLocalized(page, organizationBody, formBody(req.body, ARRAYS));
    if ('errors' in parsed) return retry(parsed.errors);
    const notice = page.t(page.staff ? 'acctRegisteredStaff' : 'acctRegisteredPending', { name: parsed.data.name });
    await submit(page, { write: () => registerOrganization(ctx, actorOf(page.req), parsed.data), retry, notice });
  });

  router.get('/account/organizations/:id/edit', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const org = await editable(page, req.params.id);
    // The yearly reminder links here: an entry that has not changed is confirmed without editing.
    organizationForm(page, formState(flatten(org)), page.t('acctEditNamed', { name: org.name }), page.t('acctSave'), undefined, confirmPart(page, 'organization', org));
  });

  router.post('/account/organizations/:id/edit', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const org = await editable(page, req.params.id);
    const retry = (errors: Parameters<typeof formState>[1]) => organizationForm(page, formState(req.body, errors), page.t('acctEditNamed', { name: org.name }), page.t('acctSave'));
    const parsed = parseLocalized(page, organizationBody, clearedAsNull(formBody(req.body, ARRAYS), NULLABLE));
    if ('errors' in parsed) return retry(parsed.errors);
    await submitEdit(page, parsed.data, org, parsed.data.name, (changes) => editOrganization(ctx, actorOf(page.req), org.id, changes), retry);
  });

  /** An agency editor asks to maintain an entry a feed brought in; an operator verifies the claim. */
  const claimPage = async (page: Page, form: FormState, problem?: string, status?: number) => {
    const { t } = page;
    const user = signedInUser(page);
    const org = await readEntry(ctx, 'organization', idParam(page.req.params.id), user);
    if (!claimsOrganizations(user)) throw forbidden('Sign up as an agency editor to claim an organization.');
    const title = t('acctClaimTitle', { name: org.name });
    const already = maintains(user, org.id);
    sendForm(page, {
      title,
      form,
      labels: { message: t('acctClaimMessage') },
      status: status ?? (already ? 409 : undefined),
      intro: html`${problem || already ? html`<p class="notice" role="alert">${problem ?? t('acctClaimAlready')}</p>` : ''}<p>${t('acctClaimIntro')}</p>
<p><a href="${page.href(`/organizations/${org.id}`)}">${org.name}</a> · ${page.countryName(org.country)}</p>`,
      fields: textArea(form, { name: 'message', label: t('acctClaimMessage'), hint: t('acctClaimMessageHint'), rows: 4 }),
      submit: t('acctClaimSubmit'),
    });
    return org;
  };

  router.get('/organizations/:id/claim', async (req, res) => {
    await claimPage(pageFor(ctx, req, res), formState());
  });

  router.post('/organizations/:id/claim', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const user = signedInUser(page);
    const id = idParam(req.params.id);
    if (!claimsOrganizations(user)) throw forbidden('Sign up as an agency editor to claim an organization.');
    const parsed = parseLocalized(page, claimBody, formBody(req.body));
    if ('errors' in parsed) return void (await claimPage(page, formState(req.body, parsed.errors)));
    if (maintains(user, id)) return void (await claimPage(page, formState(req.body)));
    try {
      await claimOrganization(ctx, actorOf(page.req), id, parsed.data.message ?? null);
    } catch (err) {
      if (err instanceof Error && 'status' in err && err.status === 409) return void (await claimPage(page, formState(req.body), page.t('acctClaimPending'), 409));
      throw err;
    }
    await redirectWithNotice(page, '/account', page.t('acctClaimSent'));
  });

  return router;
}
