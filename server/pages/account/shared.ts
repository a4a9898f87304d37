/**
 * What the agencies' pages share: validation messages in the reader's language (the API's
 * schemas carry English messages for API clients), one-time notices, the options of the
 * reference data's selects, and the frame of a form page.
 */
import type { z } from 'zod';
import { passwordWeakness } from '../../auth/password';
import type { CurrentUser } from '../../auth/roles';
import type { EntityType } from '../../db/entries';
import { readEntry } from '../../directory/read';
import { forbidden, HttpError, unauthorized, type FieldError } from '../../errors';
import type { Vocabulary } from '../../i18n/vocabulary';
import type { CaseJson } from '../../presenters/case';
import type { OrganizationJson } from '../../presenters/organization';
import type { ProgrammeJson } from '../../presenters/programme';
import { isicSections } from '../../reference/vocabularies';
import { idParam } from '../../schemas/validate';
import { errorSummary, parseForm, type FormState } from '../forms';
import { html, type Html } from '../html';
import type { Page } from '../kit';

/** The signed-in user of a page, or the sign-in redirect (through the page error handler). */
export function signedInUser(page: Page): CurrentUser {
  if (!page.user) throw unauthorized();
  return page.user;
}

/** Keeps a notice for the next page and redirects there (303) once it is stored. */
export async function redirectWithNotice(page: Page, path: string, text: string): Promise<void> {
  await page.keepNotice(text);
  page.redirect(path);
}

/** Messages the agencies' forms say for their own fields; zod's other issues get the forms' general words. */
function accountMessage(page: Page, field: string, issue: z.core.$ZodIssue): string | undefined {
  const { t } = page;
  if (field === 'year') return t('acctBadYear');
  // A country is chosen from a list, whether it is missing or unknown.
  if (/countr/i.test(field) && issue.code !== 'too_big') return t('acctBadCountry');
  if (issue.code === 'invalid_format' && field === 'networks') return t('acctBadNetwork');
  if (issue.code === 'custom' && field === 'sectors') return t('acctBadSector');
  return undefined;
}

/** Parses a form's body with an API schema; every message is in the reader's language. */
export const parseLocalized = <S extends z.ZodType>(page: Page, schema: S, body: unknown) => parseForm(page, schema, body, accountMessage);

const weaknesses: Record<string, Parameters<Page['t']>[0]> = {
  'must be at least 12 characters': 'acctPasswordShort',
  'must be at most 200 characters': 'acctPasswordLong',
  'is too common': 'acctPasswordCommon',
  'must use at least 5 different characters': 'acctPasswordVaried',
  'must not contain your e-mail address': 'acctPasswordEmail',
};

/**
 * The field errors of a command's 400 (a weak password, an unknown operator), in the reader's
 * language; anything else is thrown on to the error pages.
 */
export function commandFieldErrors(page: Page, err: unknown): FieldError[] {
  if (!(err instanceof HttpError) || err.status !== 400 || !err.errors) throw err;
  return err.errors.map((e) => {
    const known = weaknesses[e.message];
    const message = known ? page.t(known) : e.path === 'token' ? page.t('acctResetTokenBad') : page.t('formChoose');
    return { path: e.path, message };
  });
}

/**
 * What is wrong with a new password, in the reader's words, checked with the form's other
 * fields so that the form lists every problem at once (the command checks it again).
 */
export function passwordErrors(page: Page, password: unknown, email: unknown): FieldError[] {
  if (typeof password !== 'string' || !password) return [];
  const weakness = passwordWeakness(password, typeof email === 'string' ? email.trim().toLowerCase() : undefined);
  const known = weakness ? weaknesses[weakness] : undefined;
  return weakness ? [{ path: 'password', message: known ? page.t(known) : page.t('formInvalid') }] : [];
}

export type Options = Array<[value: string, label: string]>;

export const countryOptions = (page: Page): Options =>
  page.ctx.reference.countries.map((c): [string, string] => [c.alpha2, c.names[page.lang]]).sort((a, b) => a[1].localeCompare(b[1], page.lang));

export const sectionOptions = (page: Page): Options => isicSections.map((code) => [code, page.sectorName(code)]);

export const vocabularyOptions = (page: Page, vocabulary: Vocabulary, values: readonly string[]): Options => values.map((v) => [v, page.named(vocabulary)(v)]);

/** Languages agencies most often work in; names come from Intl in the reader's language. */
const workingLanguages = ['ar', 'en', 'es', 'fr', 'pt', 'ru', 'zh', 'de', 'it', 'sw', 'am', 'ha', 'hi', 'id', 'tr', 'vi'];

/** The working languages, plus any other code the entry holds already, so editing keeps it. */
export function languageOptions(page: Page, held: readonly string[] = []): Options {
  const names = new Intl.DisplayNames([page.lang], { type: 'language' });
  return [...new Set([...workingLanguages, ...held])].map((code): [string, string] => [code, names.of(code) ?? code]).sort((a, b) => a[1].localeCompare(b[1], page.lang));
}

/** The fields of `data` whose value differs from the entry's, so an edit marks only those as local. */
export function changedFields<T extends object>(data: T, before: object): Partial<T> {
  const old = before as Record<string, unknown>;
  // Key order must not matter: an address read back from the database is the same address.
  const canonical = (v: unknown) => JSON.stringify(v ?? null, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));
  const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
  return Object.fromEntries(Object.entries(data).filter(([k, v]) => !same(v, old[k]))) as Partial<T>;
}

/** A cleared text field of an edit form clears the entry's value (null), rather than keeping it. */
export function clearedAsNull(body: Record<string, unknown>, nullable: readonly string[]): Record<string, unknown> {
  return { ...Object.fromEntries(nullable.map((k) => [k, null])), ...body };
}

export const webPage = (page: Page, name: string) => ({ '@context': 'https://schema.org', '@type': 'WebPage', name, inLanguage: page.lang });

export interface FormPageProps {
  title: string;
  form: FormState;
  /** Field labels, for the error summary's links. */
  labels: Record<string, string>;
  fields: Html;
  submit: string;
  intro?: Html | '';
  after?: Html;
  status?: number;
  /** What the page is for, for search engines (the page's meta description). */
  description?: string;
}

/**
 * A page with one POST form to its own address. The browser's own checks are off
 * (novalidate): the server's messages, in the reader's language and tied to each field, speak.
 */
export function sendForm(page: Page, p: FormPageProps): void {
  const body = html`<h1>${p.title}</h1>${p.intro ?? ''}${errorSummary(page, p.form, p.labels)}
<form method="post" novalidate>${page.csrfField()}
${p.fields}
<p><button type="submit">${p.submit}</button></p></form>${p.after ?? ''}`;
  const title = p.form.errors.size ? page.t('acctErrorTitle', { title: p.title }) : p.title;
  page.send({ title, body, status: p.status ?? (p.form.errors.size ? 400 : 200), ld: webPage(page, p.title), description: p.description });
}

type EntryJson = { organization: OrganizationJson; programme: ProgrammeJson; case: CaseJson };

/** An entry the signed-in user may edit: 404/410 as the API answers, 403 when `may` says no. */
export async function editableEntry<K extends EntityType>(page: Page, kind: K, rawId: string | string[] | undefined, may: (user: CurrentUser, entry: EntryJson[K]) => boolean): Promise<EntryJson[K]> {
  const user = signedInUser(page);
  const entry = await readEntry(page.ctx, kind, idParam(rawId), user);
  if (!may(user, entry)) throw forbidden('You do not maintain this entry.');
  return entry;
}

export interface Submission {
  /** The command; its 400 field errors re-render the form through `retry`. */
  write(): Promise<unknown>;
  retry(errors: FieldError[]): void;
  notice: string;
}

/** Runs a valid form's command, then goes to /account with a notice (303), or shows the form again. */
export async function submit(page: Page, s: Submission): Promise<void> {
  try {
    await s.write();
  } catch (err) {
    return s.retry(commandFieldErrors(page, err));
  }
  await redirectWithNotice(page, '/account', s.notice);
}

/** Saves the fields of an edit form that changed (only those become local), or says nothing changed. */
export function submitEdit<T extends object>(page: Page, data: T, before: object, name: string, edit: (changes: Partial<T>) => Promise<void>, retry: (errors: FieldError[]) => void): Promise<void> {
  const changes = changedFields(data, before);
  const changed = Object.keys(changes).length > 0;
  return submit(page, { write: () => (changed ? edit(changes) : Promise.resolve()), retry, notice: page.t(changed ? 'acctSaved' : 'acctNothingChanged', { name }) });
}
