/**
 * The source form: its fields are the API body's (`mapping` as JSON text), so the form is
 * validated by the API's own schema and saved by the API's own commands; and the mapping
 * preview shown under it.
 */
import type { z } from 'zod';
import { sourceProblems } from '../../commands/sources';
import type { AppContext } from '../../context';
import type { SourceRow } from '../../db/sync';
import type { FieldError } from '../../errors';
import type { MessageKey } from '../../i18n/messages';
import { sourceBody } from '../../schemas/sources';
import { presets, organizationTargets, programmeTargets } from '../../../jobs/mapping';
import { connectorNames } from '../../../jobs/connectors';
import type { Preview } from '../../../jobs/preview';
import { checkboxes, errorSummary, formBody, formState, parseForm, select, textArea, textInput, type FormState, type FormValue } from '../forms';
import { html, type Html } from '../html';
import type { Page } from '../kit';

export type SourceInput = z.infer<typeof sourceBody>;

const notifyChoices = ['on-error', 'every-run', 'never'] as const;
const editable = ['name', 'network', 'connector', 'url', 'mapping', 'schedule', 'timezone', 'enabled', 'notify'] as const;

const example = JSON.stringify(
  {
    type: 'organization',
    records: 'data.items',
    next: 'links.next',
    fields: { externalId: 'id', name: 'title', country: 'address.country', website: 'url', services: 'offers' },
    defaults: { kind: 'investment-promotion-agency', networks: ['waipa'] },
  },
  null,
  2,
);

/** The form's values for a new source, or for a stored one. */
export function sourceValues(source?: SourceRow): Record<string, FormValue> {
  if (!source) return { connector: 'json', timezone: 'UTC', enabled: 'true', notify: 'on-error' };
  return {
    name: source.name,
    network: source.network,
    connector: source.connector,
    url: source.url,
    mapping: source.mapping ? JSON.stringify(source.mapping, null, 2) : '',
    schedule: source.schedule ?? '',
    timezone: source.timezone,
    enabled: source.enabled ? 'true' : [],
    notify: source.notify,
  };
}

/** The schema's and the commands' messages, in the reader's language where the console has words for them. */
function localize(page: Page, errors: FieldError[]): FieldError[] {
  const byField: Partial<Record<string, MessageKey>> = { name: 'conErrName', network: 'conErrNetwork', schedule: 'conErrSchedule', timezone: 'conErrTimezone' };
  return errors.map(({ path, message }) => {
    const key = byField[path];
    if (key) return { path, message: page.t(key) };
    // The connectors' names come from their one list (jobs/connectors), joined with the reader's "or".
    if (path === 'connector') return { path, message: page.t('conErrConnector', { names: new Intl.ListFormat(page.lang, { type: 'disjunction' }).format(connectorNames) }) };
    // The mapping is one field of the form: an error inside it names where, then what.
    if (path.startsWith('mapping.')) return { path: 'mapping', message: `${path.slice('mapping.'.length)}: ${message}` };
    return { path, message };
  });
}

export type ReadForm = { ok: true; values: Record<string, FormValue>; input: SourceInput } | { ok: false; form: FormState };

/** Reads the posted form into the API's body and checks it as the API does (schema, connector, address, mapping). */
export function readSourceForm(page: Page, ctx: Pick<AppContext, 'env'>, posted: unknown): ReadForm {
  const values = formState((posted ?? {}) as Record<string, unknown>).values;
  const body = formBody(posted);
  const errors: FieldError[] = [];
  body.enabled = body.enabled === 'true';
  body.schedule ??= null;
  if (typeof body.mapping === 'string') {
    try {
      body.mapping = JSON.parse(body.mapping) as unknown;
    } catch (err) {
      errors.push({ path: 'mapping', message: page.t('conErrJson', { detail: (err as Error).message }) });
      delete body.mapping;
    }
  }
  // A mapping's own checks name what is missing in it: an operator needs those words, not a general one.
  const parsed = parseForm(page, sourceBody, body, (_page, _field, issue) => (issue.code === 'custom' ? issue.message : undefined));
  if ('errors' in parsed) errors.push(...parsed.errors);
  // Every problem at once: the checks of connector, address and mapping run on whichever of those the schema accepted.
  const faulty = new Set(errors.map((e) => e.path.split('.')[0]));
  const given = (name: string) => (!faulty.has(name) && typeof body[name] === 'string' ? (body[name] as string) : undefined);
  const mappingReadable = !faulty.has('mapping');
  const problems = sourceProblems(ctx, { connector: given('connector'), url: given('url'), network: mappingReadable ? given('network') : undefined, mapping: mappingReadable ? body.mapping : undefined });
  // Only the address check's own finding is "cannot be read"; an empty field is said as on every form.
  errors.push(...problems.map((e) => (e.path === 'url' ? { path: e.path, message: page.t('conErrUrl', { detail: e.message }) } : e)));
  if (errors.length || 'errors' in parsed) return { ok: false, form: formState(values, localize(page, errors)) };
  return { ok: true, values, input: parsed.data };
}

/** JSON with object keys sorted: the database stores a mapping's keys in an order of its own. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

/** The fields the operator changed on a stored source: saving an unchanged mapping must not make the next run read the feed in full. */
export function changedFields(source: SourceRow, input: SourceInput): Partial<SourceInput> {
  const out: Record<string, unknown> = {};
  for (const key of editable) {
    const next = input[key] ?? null;
    if (canonical(next) !== canonical(source[key] ?? null)) out[key] = next;
  }
  return out as Partial<SourceInput>;
}

/** The source form, posting to `action`; Preview and Save are its two buttons. */
export function sourceForm(page: Page, form: FormState, action: string): Html {
  const { t } = page;
  const labels = { name: t('conName'), network: t('conNetwork'), connector: t('conConnector'), url: t('conUrl'), mapping: t('conMapping'), schedule: t('conSchedule'), timezone: t('conTimezone'), enabled: t('conEnabled'), notify: t('conNotify') };
  return html`<form method="post" action="${page.href(action)}" novalidate>${page.csrfField()}
${errorSummary(page, form, labels)}
${textInput(form, { name: 'name', label: labels.name, required: true, maxlength: 200 })}
${textInput(form, { name: 'network', label: labels.network, hint: t('conNetworkHint'), required: true })}
${select(form, { name: 'connector', label: labels.connector, required: true, options: connectorNames.map((c) => [c, c]) })}
${textInput(form, { name: 'url', label: labels.url, hint: t('conUrlHint'), type: 'url', required: true })}
${textArea(form, { name: 'mapping', label: labels.mapping, hint: t('conMappingHint', { presets: Object.keys(presets).join(', ') }), rows: 12 })}
<details><summary>${t('conMappingExample')}</summary><pre>${example}</pre></details>
${textInput(form, { name: 'schedule', label: labels.schedule, hint: t('conScheduleHint') })}
${textInput(form, { name: 'timezone', label: labels.timezone, hint: t('conTimezoneHint'), required: true })}
${checkboxes(form, { name: 'enabled', label: labels.enabled, options: [['true', t('conEnabledOption')]] })}
${select(form, { name: 'notify', label: labels.notify, options: notifyChoices.map((n) => [n, t(`conNotify_${n.replace('-', '_')}` as MessageKey)]) })}
<p><button type="submit" name="_action" value="preview" class="secondary">${t('conPreview')}</button> <button type="submit" name="_action" value="save">${t('conSave')}</button></p>
</form>`;
}

/** A mapped value as table text: lists joined, an address's parts joined, long text cut. */
function cell(value: unknown): string {
  const text = Array.isArray(value) ? value.join(', ') : value && typeof value === 'object' ? Object.values(value).join(', ') : value === null || value === undefined ? '' : String(value);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

const errorRows = (errors: Preview['errors']) => errors.map((e) => html`<tr><td>${e.line ?? ''}</td><td>${e.externalId ?? ''}</td><td>${e.message}</td></tr>`);

/** The per-record errors of a preview or a run, as a table; `caption` names it. */
export function errorTable(page: Page, errors: Preview['errors'], caption: string): Html {
  const { t } = page;
  return html`<table><caption>${caption}</caption><thead><tr><th scope="col">${t('conLine')}</th><th scope="col">${t('conRecordId')}</th><th scope="col">${t('conMessage')}</th></tr></thead>
<tbody>${errorRows(errors)}</tbody></table>`;
}

/** The preview under the form: the mapped records, then feed faults and per-record errors. Nothing of it was saved. */
export function previewSection(page: Page, preview: Preview): Html {
  const { t } = page;
  const order: readonly string[] = preview.records[0]?.type === 'programme' ? programmeTargets : organizationTargets;
  const shown = order.filter((key) => preview.records.some((r) => cell((r as Record<string, unknown>)[key]) !== ''));
  const faults = preview.errors.filter((e) => e.line === undefined && e.externalId === undefined);
  const recordErrors = preview.errors.filter((e) => e.line !== undefined || e.externalId !== undefined);
  const records = preview.records.length
    ? html`<div class="scroll" role="region" aria-label="${t('conPreviewTitle')}" tabindex="0"><table id="preview-records"><caption>${t('conPreviewShown', { count: preview.records.length })}</caption>
<thead><tr><th scope="col">${t('conLine')}</th>${shown.map((key) => html`<th scope="col"><code>${key}</code></th>`)}</tr></thead>
<tbody>${preview.records.map((r) => html`<tr><td>${r.line ?? ''}</td>${shown.map((key) => html`<td>${cell((r as Record<string, unknown>)[key])}</td>`)}</tr>`)}</tbody></table></div>`
    : html`<p>${t('conPreviewNoRecords')}</p>`;
  return html`<section id="preview" aria-labelledby="preview-title"><h2 id="preview-title" tabindex="-1">${t('conPreviewTitle')}</h2>
<p class="notice" role="status">${t('conPreviewNothingSaved')}${preview.total !== undefined ? html` ${t('conPreviewTotal', { count: preview.total })}` : ''}</p>
${faults.length ? html`<div class="error-summary" id="preview-faults"><h3>${t('conFeedErrors')}</h3><ul>${faults.map((e) => html`<li>${e.message}</li>`)}</ul></div>` : ''}
${records}
${recordErrors.length ? html`<div id="preview-errors">${errorTable(page, recordErrors, t('conRecordErrors'))}</div>` : ''}
</section>`;
}
