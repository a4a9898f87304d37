/** Adding and editing a best-practice case of the user's organizations. */
import { Router } from 'express';
import { actorOf } from '../../auth/middleware';
import { editsAnyOf } from '../../auth/permissions';
import { createCase, editCase } from '../../commands/cases';
import type { AppContext } from '../../context';
import { programmeIdsOperatedBy, programmesByIds } from '../../db/entries';
import type { FieldError } from '../../errors';
import { caseBody } from '../../schemas/entries';
import { partnershipTypes } from '../../reference/vocabularies';
import { checkboxes, flatten, formBody, formState, select, textArea, textInput, type FormState } from '../forms';
import { countryChoice } from '../country-choice';
import { html } from '../html';
import { pageFor, type Page } from '../kit';
import { linkedOrganization, mayAdd, organizationOptions, visibilityOptions } from './programmes';
import {
  editableEntry,
  clearedAsNull,
  parseLocalized,
  sectionOptions,
  sendForm,
  submit,
  submitEdit,
  vocabularyOptions,
  type Options,
} from './shared';

const ARRAYS = ['organizations', 'countries', 'sectors'] as const;
const NULLABLE = ['summary', 'partnershipType', 'programme', 'year', 'outcome', 'lessons'] as const;

/** The form's fields as the API's body: the year is a number there. */
function caseInput(posted: unknown, nullable: readonly string[] = []): Record<string, unknown> {
  const body = clearedAsNull(formBody(posted, ARRAYS), nullable);
  if (typeof body.year === 'string' && /^\d{1,4}$/.test(body.year)) body.year = Number(body.year);
  return body;
}

/** The programmes of the organizations a user may name, plus the one the case names already. */
async function programmeOptions(page: Page, organizations: Options, current: string | null): Promise<Options> {
  const db = page.ctx.database.db;
  const ids = [...new Set([...(await programmeIdsOperatedBy(db, organizations.map(([id]) => id))), ...(current ? [current] : [])])];
  return (await programmesByIds(db, ids)).filter((p) => !p.deletedAt).map((p): [string, string] => [p.id, p.name]);
}

function caseForm(page: Page, form: FormState, organizations: Options, programmes: Options, title: string) {
  const { t } = page;
  const l = {
    title: t('acctCaseTitle'),
    organizations: t('acctCaseOrganizations'),
    programme: t('acctCaseProgramme'),
    summary: t('acctCaseSummary'),
    countries: t('countries'),
    partnershipType: t('acctPartnershipType'),
    sectors: t('sectors'),
    year: t('acctYear'),
    outcome: t('outcome'),
    lessons: t('lessons'),
    state: t('acctVisibility'),
  };
  const fields = html`${textInput(form, { name: 'title', label: l.title, required: true, maxlength: 300 })}
${checkboxes(form, { name: 'organizations', label: l.organizations, options: organizations })}
${select(form, { name: 'programme', label: l.programme, empty: t('acctNone'), options: programmes })}
${textArea(form, { name: 'summary', label: l.summary, rows: 5 })}
${countryChoice(page, form, { name: 'countries', label: l.countries, hint: t('acctManyHint') })}
${select(form, { name: 'partnershipType', label: l.partnershipType, empty: t('acctNone'), options: vocabularyOptions(page, 'partnershipType', partnershipTypes) })}
${checkboxes(form, { name: 'sectors', label: l.sectors, options: sectionOptions(page) })}
${textInput(form, { name: 'year', label: l.year, type: 'text', hint: t('acctYearHint'), maxlength: 4 })}
${textArea(form, { name: 'outcome', label: l.outcome, rows: 4 })}
${textArea(form, { name: 'lessons', label: l.lessons, rows: 4 })}
${select(form, { name: 'state', label: l.state, options: visibilityOptions(page) })}`;
  sendForm(page, { title, form, labels: l, fields, submit: t('acctSave'), intro: html`<p class="meta">${t('acctRequiredNote')}</p>` });
}

const editable = (page: Page, rawId: string | string[] | undefined) => editableEntry(page, 'case', rawId, (user, c) => editsAnyOf(user, c.organizations));

export function casesRouter(ctx: AppContext): Router {
  const router = Router();

  const choices = async (page: Page, also: string[], programme: string | null) => {
    const organizations = await organizationOptions(page, also);
    return { organizations, programmes: await programmeOptions(page, organizations, programme) };
  };

  router.get('/account/cases/new', async (req, res) => {
    const page = pageFor(ctx, req, res);
    mayAdd(page);
    const linked = linkedOrganization(page);
    const { organizations, programmes } = await choices(page, linked, null);
    const chosen = linked.length ? linked : organizations.length === 1 ? [organizations[0]?.[0] ?? ''] : [];
    caseForm(page, formState({ organizations: chosen, state: 'published' }), organizations, programmes, page.t('acctAddCase'));
  });

  router.post('/account/cases/new', async (req, res) => {
    const page = pageFor(ctx, req, res);
    mayAdd(page);
    const { organizations, programmes } = await choices(page, linkedOrganization(page), null);
    const retry = (errors: FieldError[]) => caseForm(page, formState(req.body, errors), organizations, programmes, page.t('acctAddCase'));
    const parsed = parseLocalized(page, caseBody, caseInput(req.body));
    if ('errors' in parsed) return retry(parsed.errors);
    await submit(page, { write: () => createCase(ctx, actorOf(page.req), parsed.data), retry, notice: page.t('acctSaved', { name: parsed.data.title }) });
  });

  router.get('/account/cases/:id/edit', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const c = await editable(page, req.params.id);
    const { organizations, programmes } = await choices(page, c.organizations, c.programme);
    caseForm(page, formState(flatten(c)), organizations, programmes, page.t('acctEditNamed', { name: c.title }));
  });

  router.post('/account/cases/:id/edit', async (req, res) => {
    const page = pageFor(ctx, req, res);
    const c = await editable(page, req.params.id);
    const { organizations, programmes } = await choices(page, c.organizations, c.programme);
    const retry = (errors: FieldError[]) => caseForm(page, formState(req.body, errors), organizations, programmes, page.t('acctEditNamed', { name: c.title }));
    const parsed = parseLocalized(page, caseBody, caseInput(req.body, NULLABLE));
    if ('errors' in parsed) return retry(parsed.errors);
    // The form has no partners' fields: the case keeps the partners it has.
    const { partners: _partners, ...fields } = parsed.data;
    await submitEdit(page, fields, c, fields.title, (changes) => editCase(ctx, actorOf(page.req), c.id, changes), retry);
  });

  return router;
}
