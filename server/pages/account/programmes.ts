/** Adding and editing a partnering programme of the user's organizations. */
import { Router } from 'express';
import { actorOf } from '../../auth/middleware';
import { editsAnyOf, maintains } from '../../auth/permissions';
import { createProgramme, editProgramme } from '../../commands/programmes';
import type { AppContext } from '../../context';
import { organizationsByIds } from '../../db/entries';
import { invitedTo } from '../../db/invitations';
import type { ProgrammeJson } from '../../presenters/programme';
import { forbidden, type FieldError } from '../../errors';
import { programmeBody } from '../../schemas/entries';
import { isUuid } from '../../uuid';
import { firmSizes, partnershipTypes, programmeStatuses, services } from '../../reference/vocabularies';
import { checkboxes, flatten, formBody, formState, select, textArea, textInput, type FormState } from '../forms';
import { countryChoice } from '../country-choice';
import { html, type Html } from '../html';
import { pageFor, type Page } from '../kit';
import { confirmPart } from './confirm';
import {
  editableEntry,
  clearedAsNull,
  parseLocalized,
  sectionOptions,
  sendForm,
  signedInUser,
  submit,
  submitEdit,
  vocabularyOptions,
  type Options,
} from './shared';

const ARRAYS = ['operators', 'originCountries', 'targetCountries', 'funderCountries', 'partnershipTypes', 'services', 'sectors', 'firmSizes'] as const;
const NULLABLE = ['description', 'website'] as const;

/** The organizations a user may name as operators: its own, and those the entry or the link names already (`invited` ones marked so). */
export async function organizationOptions(page: Page, also: string[], invited: string[] = []): Promise<Options> {
  const user = signedInUser(page);
  const ids = [...new Set([...user.organizations, ...also, ...invited])];
  const rows = await organizationsByIds(page.ctx.database.db, ids);
  const label = (r: { id: string; name: string }) => (invited.includes(r.id) ? `${r.name} (${page.t('modInvitedMark')})` : r.name);
  return rows.filter((r) => !r.deletedAt).map((r): [string, string] => [r.id, label(r)]).sort((a, b) => a[1].localeCompare(b[1], page.lang));
}

/**
 * The programme as its form shows it: the organizations invited to co-operate stay ticked
 * among the operators, so saving the form keeps their invitations open.
 */
async function withInvited(page: Page, programme: ProgrammeJson): Promise<{ programme: ProgrammeJson; invited: string[] }> {
  const invited = await invitedTo(page.ctx.database.db, programme.id);
  return { programme: { ...programme, operators: [...programme.operators, ...invited] }, invited };
}

const statusNames = (page: Page): Options => programmeStatuses.map((s) => [s, page.t(s === 'active' ? 'acctStatusActive' : s === 'planned' ? 'acctStatusPlanned' : 'acctStatusClosed')]);
export const visibilityOptions = (page: Page): Options => [['published', page.t('acctVisibilityPublished')], ['draft', page.t('acctVisibilityDraft')]];

function programmeForm(page: Page, form: FormState, organizations: Options, title: string, submit: string, confirm: Html | '' = '') {
  const { t } = page;
  const l = {
    name: t('acctProgrammeName'),
    operators: t('operators'),
    originCountries: t('acctOriginCountries'),
    targetCountries: t('acctTargetCountries'),
    funderCountries: t('acctFunderCountries'),
    partnershipTypes: t('partnershipTypes'),
    services: t('services'),
    sectors: t('sectors'),
    firmSizes: t('firmSizes'),
    status: t('acctProgrammeStatus'),
    description: t('acctDescription'),
    website: t('website'),
    state: t('acctVisibility'),
  };
  const fields = html`${textInput(form, { name: 'name', label: l.name, required: true, maxlength: 300 })}
${checkboxes(form, { name: 'operators', label: l.operators, options: organizations })}
${countryChoice(page, form, { name: 'originCountries', label: l.originCountries, hint: t('acctManyHint') })}
${countryChoice(page, form, { name: 'targetCountries', label: l.targetCountries, hint: t('acctManyHint') })}
${countryChoice(page, form, { name: 'funderCountries', label: l.funderCountries, hint: t('acctFunderHint') })}
${checkboxes(form, { name: 'partnershipTypes', label: l.partnershipTypes, options: vocabularyOptions(page, 'partnershipType', partnershipTypes) })}
${checkboxes(form, { name: 'services', label: l.services, options: vocabularyOptions(page, 'service', services) })}
${checkboxes(form, { name: 'sectors', label: l.sectors, options: sectionOptions(page) })}
${checkboxes(form, { name: 'firmSizes', label: l.firmSizes, options: vocabularyOptions(page, 'firmSize', firmSizes) })}
${select(form, { name: 'status', label: l.status, options: statusNames(page) })}
${textArea(form, { name: 'description', label: l.description, rows: 6 })}
${textInput(form, { name: 'website', label: l.website, type: 'url', hint: t('acctUrlHint') })}
${select(form, { name: 'state', label: l.state, options: visibilityOptions(page) })}`;
  sendForm(page, { title, form, labels: l, fields, submit, intro: html`${confirm}<p class="meta">${t('acctRequiredNote')} ${t('acctDirectionNote')}</p>` });
}

const editable = (page: Page, rawId: string | string[] | undefined) => editableEntry(page, 'programme', rawId, (user, p) => editsAnyOf(user, p.operators));

/** Organizations named by `?organization=` that the user may pick as operator. */
export function linkedOrganization(page: Page): string[] {
  const id = page.req.query.organization;
  const user = signedInUser(page);
  return typeof id === 'string' && (maintains(user, id) || (page.staff && isUuid(id))) ? [id.toLowerCase()] : [];
}

/** A user who maintains no organization yet cannot add entries: 403 unless staff. */
export function mayAdd(page: Page): void {
  const user = signedInUser(page);
  if (!page.staff && user.organizations.length === 0) throw forbidden('Register or claim an organization first.');
}

export function programmesRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/account/programmes/new', async (req, res) => {
    const page = pageFor(ctx, req, res);
    mayAdd(page);
    const linked = linkedOrganization(page);
    const organizations = await organizationOptions(page, linked);
    const operators = linked.length ? linked : organizations.length === 1 ? [organizations[0]?.[0] ?? ''] : [];
    programmeForm(page, formState({ operators, status: 'active', state: 'published' }), organizations, page.t('acctAddProgramme'), page.t('acctSave'));
  });

  router.post('/account/programmes/new', async (req, res) => {
    const page = pageFor(ctx, req, res);
    mayAdd(page);
    const organizations = await organizationOptions(page, linkedOrganization(page));
    const retry = (errors: FieldError[]) => programmeForm(page, formState(req.body, errors), organizations, page.t('acctAddProgramme'), page.t('acctSave'));
    const parsed = parseLocalized(page, programmeBody, formBody(req.body, ARRAYS));
    if ('errors' in parsed) return retry(parsed.errors);
    await submit(page, { write: () => createProgramme(ctx, actorOf(page.req), parsed.data), retry, notice: page.t('acctSaved', { name: parsed.data.name }) });
  });

  router.get('/account/programmes/:id/edit', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { programme, invited } = await withInvited(page, await editable(page, req.params.id));
    const organizations = await organizationOptions(page, programme.operators, invited);
    programmeForm(page, formState(flatten(programme)), organizations, page.t('acctEditNamed', { name: programme.name }), page.t('acctSave'), confirmPart(page, 'programme', programme));
  });

  router.post('/account/programmes/:id/edit', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const { programme, invited } = await withInvited(page, await editable(page, req.params.id));
    const organizations = await organizationOptions(page, programme.operators, invited);
    const retry = (errors: FieldError[]) => programmeForm(page, formState(req.body, errors), organizations, page.t('acctEditNamed', { name: programme.name }), page.t('acctSave'));
    const parsed = parseLocalized(page, programmeBody, clearedAsNull(formBody(req.body, ARRAYS), NULLABLE));
    if ('errors' in parsed) return retry(parsed.errors);
    await submitEdit(page, parsed.data, programme, parsed.data.name, (changes) => editProgramme(ctx, actorOf(page.req), programme.id, changes), retry);
  });

  return router;
}
