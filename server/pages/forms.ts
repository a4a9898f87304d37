/**
 * Server-rendered forms that keep what the user typed and tie each error to its field
 * (WCAG 3.3.1/3.3.3): an error summary at the top linking to the fields, then per field a
 * <label>, an optional hint, the error in the field's aria-describedby, and aria-invalid.
 *
 *   const form = formState(req.body, errors);
 *   html`<form method="post">${page.csrfField()}${errorSummary(page, form)}
 *     ${textInput(form, { name: 'name', label: t('name'), required: true })}</form>`
 *
 * Field names are the API body's dot paths (`address.city`), so a zod error's path names
 * its field and `formBody` turns the posted fields back into the API's nested body.
 */
import type { z } from 'zod';
import type { FieldError } from '../errors';
import type { MessageKey } from '../i18n/messages';
import { html, type Html } from './html';
import type { Page } from './kit';

export type FormValue = string | string[] | undefined;

export interface FormState {
  values: Record<string, FormValue>;
  errors: Map<string, string>;
}

/** A form's state from flat values (as posted, or read from an entry) and field errors. */
export function formState(values: Record<string, unknown> = {}, errors: FieldError[] = []): FormState {
  const flat: Record<string, FormValue> = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string') flat[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') flat[key] = String(value);
    else if (Array.isArray(value)) flat[key] = value.map(String);
  }
  const byField = new Map<string, string>();
  for (const e of errors) if (!byField.has(e.path)) byField.set(e.path, e.message);
  return { values: flat, errors: byField };
}

/** Flattens an entry (`{address: {city}}`) into form values (`{'address.city'}`). */
export function flatten(value: Record<string, unknown>, prefix = ''): Record<string, FormValue> {
  const out: Record<string, FormValue> = {};
  for (const [key, v] of Object.entries(value)) {
    const path = prefix + key;
    if (v === null || v === undefined) continue;
    if (Array.isArray(v)) out[path] = v.map(String);
    else if (typeof v === 'object') Object.assign(out, flatten(v as Record<string, unknown>, `${path}.`));
    else out[path] = String(v);
  }
  return out;
}

/**
 * The posted fields as the API's body: trimmed, empty fields left out, `arrays` always
 * arrays (from repeated fields, checkboxes, or one comma/line separated text), dot paths nested.
 */
export function formBody(posted: unknown, arrays: readonly string[] = []): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const fields = posted && typeof posted === 'object' ? (posted as Record<string, unknown>) : {};
  for (const [name, raw] of Object.entries(fields)) {
    if (name === '_csrf' || name.startsWith('_')) continue;
    const list = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    let value: unknown;
    if (arrays.includes(name)) {
      value = list.flatMap((v) => v.split(/[\n,]/)).map((v) => v.trim()).filter(Boolean);
    } else {
      const text = (list.at(-1) ?? '').trim();
      if (!text) continue;
      value = text;
    }
    const path = name.split('.');
    let target = body;
    for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[path[path.length - 1] as string] = value;
  }
  return body;
}

/** The field a zod issue is about, as the form names it (`address.city`, `sectors`). */
const fieldOf = (path: readonly PropertyKey[]) => path.filter((p): p is string => typeof p === 'string').join('.') || '(root)';

/** A schema's own check that names its words (`params.messageKey`, with `params.values`) says them in the reader's language. */
function keyedMessage(page: Page, issue: z.core.$ZodIssue): string | undefined {
  if (issue.code !== 'custom') return undefined;
  const params = (issue as { params?: { messageKey?: string; values?: Record<string, string | number> } }).params;
  return params?.messageKey ? page.t(params.messageKey as MessageKey, params.values) : undefined;
}

/** A zod issue in the reader's words, as a form says it (not as the API's English messages do). */
function messageOf(page: Page, issue: z.core.$ZodIssue): string {
  const { t } = page;
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array') return t('formChooseOne');
      return Number(issue.minimum) <= 1 ? t('formRequired') : t('formTooShort', { min: Number(issue.minimum) });
    case 'too_big':
      return issue.origin === 'string' ? t('formTooLong', { max: Number(issue.maximum) }) : t('formTooMany', { max: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'email') return t('formBadEmail');
      if (issue.format === 'url') return t('formBadUrl');
      return t('formInvalid');
    case 'invalid_value':
      return t('formChoose');
    case 'invalid_type':
      if (issue.input !== undefined) return t('formInvalid');
      return issue.expected === 'array' ? t('formChooseOne') : t('formRequired');
    case 'unrecognized_keys':
      return t('formUnknownField');
    default:
      return t('formInvalid');
  }
}

/**
 * Parses a posted body with an API schema; every message is in the reader's language. The API's
 * schemas carry English messages for API clients, so forms word zod's issues themselves;
 * `special` words the issues of a form's own fields (undefined leaves the general words).
 */
export function parseForm<S extends z.ZodType>(
  page: Page,
  schema: S,
  body: unknown,
  special: (page: Page, field: string, issue: z.core.$ZodIssue) => string | undefined = () => undefined,
): { data: z.infer<S> } | { errors: FieldError[] } {
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) return { data: result.data };
  return {
    errors: result.error.issues.map((issue) => ({ path: fieldOf(issue.path), message: keyedMessage(page, issue) ?? special(page, fieldOf(issue.path), issue) ?? messageOf(page, issue) })),
  };
}

const fieldId = (name: string) => `f-${name.replace(/[^\w-]/g, '-')}`;

/** The list of problems at the top of a form, each a link to its field; empty when none. */
export function errorSummary(page: Page, form: FormState, labels: Record<string, string> = {}): Html | '' {
  if (!form.errors.size) return '';
  return html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary">
<h2>${page.t('formProblems')}</h2>
<ul>${[...form.errors].map(([name, message]) => html`<li><a href="#${fieldId(name)}">${labels[name] ? page.t('labelled', { label: labels[name], value: message }) : message}</a></li>`)}</ul></div>`;
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
}

function described(form: FormState, { name, hint }: FieldProps) {
  const id = fieldId(name);
  const error = form.errors.get(name);
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    id,
    error,
    attrs: html`id="${id}" name="${name}"${ids ? html` aria-describedby="${ids}"` : ''}${error ? html` aria-invalid="true"` : ''}`,
    notes: html`${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : ''}${error ? html`<span class="field-error" id="${id}-error">${error}</span>` : ''}`,
  };
}

const single = (v: FormValue) => (Array.isArray(v) ? v.join(', ') : (v ?? ''));

export function textInput(form: FormState, props: FieldProps & { type?: 'text' | 'email' | 'url' | 'password' | 'tel' | 'number' | 'date'; autocomplete?: string; maxlength?: number }): Html {
  const d = described(form, props);
  const keep = props.type !== 'password';
  return html`<div class="field${d.error ? ' invalid' : ''}"><label for="${d.id}">${props.label}${props.required ? html` <span aria-hidden="true">*</span>` : ''}</label>${d.notes}
<input ${d.attrs} type="${props.type ?? 'text'}" value="${keep ? single(form.values[props.name]) : ''}"${props.required ? html` required` : ''}${props.autocomplete ? html` autocomplete="${props.autocomplete}"` : ''}${props.maxlength ? html` maxlength="${props.maxlength}"` : ''}></div>`;
}

export function textArea(form: FormState, props: FieldProps & { rows?: number }): Html {
  const d = described(form, props);
  const v = form.values[props.name];
  return html`<div class="field${d.error ? ' invalid' : ''}"><label for="${d.id}">${props.label}${props.required ? html` <span aria-hidden="true">*</span>` : ''}</label>${d.notes}
<textarea ${d.attrs} rows="${props.rows ?? 4}"${props.required ? html` required` : ''}>${Array.isArray(v) ? v.join('\n') : (v ?? '')}</textarea></div>`;
}

export function select(form: FormState, props: FieldProps & { options: Array<[value: string, label: string]>; empty?: string; multiple?: boolean }): Html {
  const d = described(form, props);
  const chosen = new Set([form.values[props.name] ?? []].flat());
  return html`<div class="field${d.error ? ' invalid' : ''}"><label for="${d.id}">${props.label}${props.required ? html` <span aria-hidden="true">*</span>` : ''}</label>${d.notes}
<select ${d.attrs}${props.multiple ? html` multiple size="6"` : ''}${props.required ? html` required` : ''}>${props.empty !== undefined ? html`<option value="">${props.empty}</option>` : ''}${props.options.map(([value, text]) => html`<option value="${value}"${chosen.has(value) ? html` selected` : ''}>${text}</option>`)}</select></div>`;
}

/** A group of checkboxes in a fieldset whose legend is the label; the posted value is an array. */
export function checkboxes(form: FormState, props: FieldProps & { options: Array<[value: string, label: string]> }): Html {
  const d = described(form, props);
  const chosen = new Set([form.values[props.name] ?? []].flat());
  return html`<fieldset class="field checkboxes${d.error ? ' invalid' : ''}" id="${d.id}"${d.error ? html` aria-describedby="${d.id}-error"` : ''}><legend>${props.label}</legend>${d.notes}
${props.options.map(([value, text], i) => html`<label><input type="checkbox" name="${props.name}" value="${value}" id="${d.id}-${i}"${chosen.has(value) ? html` checked` : ''}> ${text}</label>`)}</fieldset>`;
}

/** One choice among a few, as radio buttons in a fieldset whose legend is the label; none is checked until the reader chooses. */
export function radios(form: FormState, props: FieldProps & { options: Array<[value: string, label: string]> }): Html {
  const d = described(form, props);
  const chosen = single(form.values[props.name]);
  return html`<fieldset class="field radios${d.error ? ' invalid' : ''}" id="${d.id}"${d.error ? html` aria-describedby="${d.id}-error"` : ''}><legend>${props.label}${props.required ? html` <span aria-hidden="true">*</span>` : ''}</legend>${d.notes}
${props.options.map(([value, text], i) => html`<label><input type="radio" name="${props.name}" value="${value}" id="${d.id}-${i}"${chosen === value ? html` checked` : ''}${props.required ? html` required` : ''}> ${text}</label>`)}</fieldset>`;
}
