/**
 * A signed-in user's saved searches as pages, without JavaScript: the list with a delete button
 * each (POST forms with the CSRF field), and /saved-searches/new?<a search's query>, which
 * shows the search's filters in words and asks for a name and how often to mail.
 */
import { Router, type Request } from 'express';
import type { AppContext } from '../context';
import { saveSearch } from '../commands/saved-searches';
import { deleteSavedSearch, savedSearchesOf, type SavedSearchRow } from '../db/saved-searches';
import { HttpError, notFound, unauthorized, type FieldError } from '../errors';
import { savedSearchBody, searchFilters, type SearchFilters } from '../schemas/saved-searches';
import { idParam } from '../schemas/validate';
import { readSearch } from './firms/filters';
import { filterLabel, filterNames, filterParams, firmsStyles, listFilters, searchHref, type Filters } from './firms/parts';
import { errorSummary, formState, parseForm, select, textInput, type FormState } from './forms';
import { html, type Html } from './html';
import { pageFor, type Page } from './kit';

/** The page of a signed-in user; anyone else is sent to sign in (the error handler redirects a 401). */
function signedInPage(ctx: AppContext, req: Request, res: Parameters<typeof pageFor>[2]) {
  const page = pageFor(ctx, req, res);
  if (!page.user) throw unauthorized();
  return { page, user: page.user };
}

/** A search's filters in words, one line each; "everything" when it has none. */
export function filtersInWords(page: Page, filters: Partial<Filters>): Html {
  const names = filterNames(page);
  const lines: Html[] = [];
  if (filters.q) lines.push(html`<li>${page.t('savedWords', { q: filters.q })}</li>`);
  if (filters.q && filters.places === 'none') lines.push(html`<li>${page.t('savedPlacesAsWords')}</li>`);
  for (const name of listFilters) {
    const values = filters[name] ?? [];
    if (values.length) lines.push(html`<li>${page.t('labelled', { label: names[name], value: values.map((v) => filterLabel(page, name, v)).join(', ') })}</li>`);
  }
  if (filters.ldc) lines.push(html`<li>${page.t('labelled', { label: names.ldc, value: filterLabel(page, 'ldc', filters.ldc) })}</li>`);
  return lines.length ? html`<ul class="saved-filters">${lines}</ul>` : html`<p>${page.t('savedEverything')}</p>`;
}

const frequencyName = (page: Page, f: string) => page.t(f === 'monthly' ? 'savedMonthly' : 'savedWeekly');

function savedItem(page: Page, s: SavedSearchRow): Html {
  const parsed = searchFilters.safeParse(s.query);
  const filters: Partial<Filters> | undefined = parsed.success ? parsed.data : undefined;
  const headingId = `saved-${s.id}`;
  return html`<li class="saved-search"><h2 id="${headingId}">${s.name}</h2>
${filters ? filtersInWords(page, filters) : html`<p>${page.t('savedBadSearch')}</p>`}
<p class="meta">${page.t('labelled', { label: page.t('savedFrequency'), value: frequencyName(page, s.frequency) })} · ${page.t('labelled', { label: page.t('savedSince'), value: page.date(s.lastSentAt) })}</p>
<p>${filters ? html`<a href="${searchHref(page, filters)}">${page.t('savedOpen')}<span class="visually-hidden"> (${s.name})</span></a>` : ''}</p>
<form method="post" action="${page.href(`/saved-searches/${s.id}/delete`)}">${page.csrfField()}<button type="submit" aria-describedby="${headingId}">${page.t('savedDelete')}</button></form></li>`;
}

function newForm(page: Page, filters: SearchFilters, form: FormState): Html {
  const { t } = page;
  const query = new URLSearchParams(filterParams(filters));
  return html`<form method="post" action="${page.href('/saved-searches')}">${page.csrfField()}
${errorSummary(page, form, { name: t('savedName'), frequency: t('savedFrequency') })}
${[...query].map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
${textInput(form, { name: 'name', label: t('savedName'), hint: t('savedNameHint'), required: true, maxlength: 100 })}
${select(form, { name: 'frequency', label: t('savedFrequency'), required: true, options: [['weekly', t('savedWeekly')], ['monthly', t('savedMonthly')]] })}
<p><button type="submit">${t('savedSubmit')}</button></p></form>`;
}

function sendNew(page: Page, filters: SearchFilters, form: FormState, status = 200) {
  const { t } = page;
  const body = html`<h1>${t('savedNewTitle')}</h1><p>${t('savedNewIntro')}</p>
<h2>${t('savedFilters')}</h2>${filtersInWords(page, filters)}
${newForm(page, filters, form)}
<p><a href="${searchHref(page, filters)}">${t('savedBack')}</a></p>`;
  page.send({ status, title: form.errors.size ? t('savedErrorTitle', { title: t('savedNewTitle') }) : t('savedNewTitle'), body, head: firmsStyles });
}

function badSearch(page: Page) {
  const { t } = page;
  page.send({ status: 400, title: t('savedNewTitle'), body: html`<h1>${t('savedNewTitle')}</h1><p role="alert">${t('savedBadSearch')}</p><p><a href="${page.href('/search')}">${t('savedSearchLink')}</a></p>` });
}

/** The posted form as the API's body: name and frequency, the search's filters under `query`. */
function postedBody(posted: unknown, lang: string): Record<string, unknown> {
  const fields = posted && typeof posted === 'object' ? (posted as Record<string, unknown>) : {};
  const query: Record<string, unknown> = {};
  for (const name of [...listFilters, 'q', 'ldc', 'places']) if (fields[name] !== undefined && fields[name] !== '') query[name] = fields[name];
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { name: text(fields.name) ?? '', frequency: text(fields.frequency) ?? '', query, lang };
}

export function savedSearchesPagesRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/saved-searches', async (req, res) => {
    const { page, user } = signedInPage(ctx, req, res);
    const { t } = page;
    const rows = await savedSearchesOf(ctx.database.db, user.id);
    const body = html`<h1>${t('savedTitle')}</h1>${page.takeNotice()}<p>${t('savedIntro')}</p>
${rows.length ? html`<p>${t('savedCount', { count: rows.length })}</p><ul class="entries">${rows.map((s) => savedItem(page, s))}</ul>` : html`<p>${t('savedNone')}</p>`}
<p>${t('savedHowTo')} <a href="${page.href('/search')}">${t('savedSearchLink')}</a></p>`;
    page.send({ title: t('savedTitle'), body, head: firmsStyles });
  });

  router.get('/saved-searches/new', (req, res) => {
    const { page } = signedInPage(ctx, req, res);
    const read = readSearch(page, req);
    if ('errors' in read) return badSearch(page);
    const filters = searchFilters.parse(postedBody(read.query, page.lang).query);
    sendNew(page, filters, formState({ frequency: 'weekly', name: read.query.q ?? '' }));
  });

  router.post('/saved-searches', async (req, res) => {
    const { page, user } = signedInPage(ctx, req, res);
    const parsed = parseForm(page, savedSearchBody, postedBody(req.body, page.lang));
    if ('errors' in parsed) {
      if (parsed.errors.some((e) => e.path.startsWith('query'))) return badSearch(page);
      const filters = searchFilters.parse(postedBody(req.body, page.lang).query);
      return sendNew(page, filters, formState(req.body as Record<string, unknown>, parsed.errors), 400);
    }
    const { name, frequency, query } = parsed.data;
    try {
      await saveSearch(ctx, { user, name, frequency, query, lang: page.lang });
    } catch (err) {
      if (!(err instanceof HttpError && err.status === 409)) throw err;
      const errors: FieldError[] = [{ path: 'name', message: page.t('savedTooMany') }];
      return sendNew(page, query, formState(req.body as Record<string, unknown>, errors), 409);
    }
    await page.keepNotice(page.t('savedSaved'));
    page.redirect('/saved-searches');
  });

  router.post('/saved-searches/:id/delete', async (req, res) => {
    const { page, user } = signedInPage(ctx, req, res);
    const id = idParam(req.params.id);
    const row = (await savedSearchesOf(ctx.database.db, user.id)).find((s) => s.id === id);
    if (!row || !(await deleteSavedSearch(ctx.database.db, user.id, id))) throw notFound('saved search');
    await page.keepNotice(page.t('savedDeleted', { name: row.name }));
    page.redirect('/saved-searches');
  });
  return router;
}
