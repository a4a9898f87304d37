/** What every console page shares: the staff guard, one-time notices, the console's menu, and how runs read. */
import type { RequestHandler } from 'express';
import { isStaff } from '../../auth/roles';
import type { Db } from '../../db/client';
import { sourceById, type SourceRow } from '../../db/sync';
import { forbidden, HttpError, notFound, unauthorized } from '../../errors';
import { idParam } from '../../schemas/validate';
import { dateLocales } from '../../i18n';
import type { MessageKey } from '../../i18n/messages';
import { html, type Html } from '../html';
import type { Page } from '../kit';
import { runStatuses } from '../../../jobs/run-state';

/** Console pages are for operators and admins; signed-out readers are sent to sign in (the page error handler does that for a 401). */
export const staffOnly: RequestHandler = (req, _res, next) => {
  const user = req.user && !req.user.tokenId ? req.user : undefined;
  next(!user ? unauthorized() : isStaff(user) ? undefined : forbidden('The console is for operators and admins.'));
};

/** The source named by a path parameter: 400 for a malformed id, 404 for an unknown one. */
export async function sourceParam(db: Db, raw: string | string[] | undefined): Promise<SourceRow> {
  const source = await sourceById(db, idParam(raw));
  if (!source) throw notFound('source');
  return source;
}

/**
 * Runs `decide`, and when the thing was decided or changed meanwhile (409, 410) keeps that as the
 * notice instead of failing the page: two operators working the same queue is ordinary.
 */
export async function unlessDecided(page: Page, decide: () => Promise<void>): Promise<void> {
  try {
    await decide();
  } catch (err) {
    if (!(err instanceof HttpError) || (err.status !== 409 && err.status !== 410)) throw err;
    await page.keepNotice(page.t('conAlreadyDecided', { detail: err.message }));
  }
}

/** The console's own menu, on every console page. */
export function consoleMenu(page: Page): Html {
  const { t } = page;
  const links: [string, string][] = [
    ['/console', t('conSources')],
    ['/console/sources/new', t('conAddSource')],
    ['/console/moderation', t('conModeration')],
    ['/console/duplicates', t('conDuplicates')],
  ];
  const here = page.req.path.replace(/\/+$/, '') || '/';
  return html`<nav aria-label="${t('console')}" class="facets">${links.map(([path, text]) =>
    here === path ? html`<a href="${page.href(path)}" aria-current="page">${text}</a>` : html`<a href="${page.href(path)}">${text}</a>`,
  )}</nav>`;
}

/**
 * Wide tables scroll on their own on narrow screens; the preview scrolls both ways inside a box
 * of its own with its header kept in view, so its scroll bar is on screen, not below a long table;
 * a duplicate pair sits side by side when there is room.
 */
const consoleStyles = html`<style>.actions{margin:1rem 0}.scroll{overflow-x:auto}#preview .scroll{overflow:auto;max-height:32rem;border:1px solid #ccc}#preview-records th{position:sticky;top:0;background:#fff}#preview-records td{vertical-align:top}.pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem}</style>`;

/** Sends a console page: the menu, the notice kept for it, then the body; JSON-LD names the page. */
export function sendConsole(page: Page, o: { title: string; body: Html; status?: number }): void {
  const ld = { '@context': 'https://schema.org', '@type': 'WebPage', name: o.title, inLanguage: page.lang, isPartOf: { '@type': 'WebApplication', name: page.t('console') } };
  page.send({ title: o.title, status: o.status, ld, head: consoleStyles, body: html`${consoleMenu(page)}${page.takeNotice()}${o.body}` });
}

export const countNames = ['fetched', 'created', 'updated', 'unchanged', 'withdrawn', 'rejected'] as const;

/** A run's status in the reader's language (an unknown one as it is). */
export function statusName(page: Page, status: string): string {
  return (runStatuses as readonly string[]).includes(status) ? page.t(`conStatus_${status}` as MessageKey) : status;
}

export function triggerName(page: Page, trigger: string): string {
  return trigger === 'manual' || trigger === 'schedule' ? page.t(`conTrigger_${trigger}` as const) : trigger;
}

/** A run's counts as one line: "24 fetched · 20 created · …". */
export function countsLine(page: Page, counts: unknown): string {
  const c = (counts ?? {}) as Partial<Record<(typeof countNames)[number], number>>;
  // "label: n", not "n label": a label cannot agree with every number ("1 créés").
  return countNames.map((name) => page.t('conCountPair', { label: page.t(`conCount_${name}` as const), value: page.tr.number(c[name] ?? 0) })).join(' · ');
}

/** A date and time in a given time zone (a source's schedule), in the reader's language. */
export function zonedDateTime(page: Page, value: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(dateLocales[page.lang], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(value);
}

/** A POST form of one button (with the CSRF field), for actions that need no other input. */
export function actionButton(page: Page, path: string, label: string, o: { secondary?: boolean; fields?: Record<string, string> } = {}): Html {
  return html`<form class="inline" method="post" action="${page.href(path)}">${page.csrfField()}${Object.entries(o.fields ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}<button type="submit"${o.secondary ? html` class="secondary"` : ''}>${label}</button></form>`;
}
