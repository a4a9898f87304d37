/**
 * Saving a search (at most MAX_SAVED_SEARCHES per user) and the alerts: each due saved search
 * gets one mail listing the organizations and programmes that match it and appeared since its
 * last alert; with nothing new no mail goes, and the date moves on all the same.
 */
import type { AppContext } from '../context';
import type { CurrentUser } from '../auth/roles';
import { presentEntries } from '../directory/read';
import { countSavedSearches, dueSavedSearches, entriesCreatedBetween, insertSavedSearch, lockOwner, markAlertSent, type DueSavedSearch, type SavedSearchRow } from '../db/saved-searches';
import { listEntries } from '../search-index/list';
import type { ListFilters, SortKey } from '../search-index/types';
import { conflict } from '../errors';
import type { Language } from '../i18n';
import { mailTo } from '../localized-mail';
import type { Frequency } from '../db/enums';
import { searchFilters, type SearchFilters } from '../schemas/saved-searches';

export const MAX_SAVED_SEARCHES = 20;
/** Pages of 100 matching ids read at most per alert, looking for the new entries among them. */
const MAX_PAGES = 50;

export interface Props {
  user: CurrentUser;
  name: string;
  frequency: Frequency;
  query: SearchFilters;
  /** The language the alerts are written in. */
  lang: Language;
}

/** Stores a saved search, or a 409 when the user already has the most allowed. */
export async function saveSearch(ctx: AppContext, props: Props): Promise<SavedSearchRow> {
  return ctx.database.db.transaction(async (tx) => {
    await lockOwner(tx, props.user.id);
    if ((await countSavedSearches(tx, props.user.id)) >= MAX_SAVED_SEARCHES) {
      throw conflict(`You already have ${MAX_SAVED_SEARCHES} saved searches, the most allowed: delete one first.`);
    }
    return insertSavedSearch(tx, { userId: props.user.id, name: props.name, frequency: props.frequency, query: props.query, lang: props.lang });
  });
}

const toListFilters = ({ ldc, ...rest }: SearchFilters): ListFilters => ({ ...rest, ldc: ldc === undefined ? undefined : ldc === 'true' });

/** Which of `fresh` match `filters`, reading the matching ids page by page until every fresh one is found. */
async function matching(ctx: AppContext, kind: 'organization' | 'programme', filters: ListFilters, fresh: string[]): Promise<string[]> {
  if (!fresh.length) return [];
  const wanted = new Set(fresh);
  const found = new Set<string>();
  let after: SortKey | undefined;
  for (let i = 0; i < MAX_PAGES && found.size < wanted.size; i += 1) {
    const page = await listEntries(ctx, kind, filters, 100, after, { facets: false });
    for (const id of page.ids) if (wanted.has(id)) found.add(id);
    if (!page.next) break;
    after = page.next;
  }
  return fresh.filter((id) => found.has(id));
}

export type AlertResult = 'mailed' | 'nothing-new' | 'unreadable';

/** Mails one saved search's alert when something new matches it, and moves its date to `now`. */
async function alertOne(ctx: AppContext, s: DueSavedSearch, now: Date): Promise<AlertResult> {
  const parsed = searchFilters.safeParse(s.query);
  // A vocabulary value removed since the search was saved: the search cannot be run as kept.
  if (!parsed.success) {
    ctx.logger.warn({ savedSearch: s.id, issues: parsed.error.issues.length }, 'saved search no longer valid');
    await markAlertSent(ctx.database.db, s.id, now);
    return 'unreadable';
  }
  const filters = toListFilters(parsed.data);
  const db = ctx.database.db;
  const [orgIds, progIds] = await Promise.all([
    entriesCreatedBetween(db, 'organization', s.lastSentAt, now).then((ids) => matching(ctx, 'organization', filters, ids)),
    entriesCreatedBetween(db, 'programme', s.lastSentAt, now).then((ids) => matching(ctx, 'programme', filters, ids)),
  ]);
  let result: AlertResult = 'nothing-new';
  if (orgIds.length || progIds.length) {
    const [orgs, progs] = await Promise.all([presentEntries(ctx, 'organization', orgIds), presentEntries(ctx, 'programme', progIds)]);
    // An alert is written in the language the search was saved in, the reader's choice for it.
    await mailTo(ctx, { email: s.email, language: s.lang }, 'saved-search-alert', ({ t, page }) => {
      const line = (name: string, path: string) => `- ${name}\n  ${page(path)}`;
      const sections = [
        orgs.length ? [t('mailListHeading', { label: t('savedMailOrganizations') }), ...orgs.map((o) => line(o.name, `/organizations/${o.id}`))].join('\n') : '',
        progs.length ? [t('mailListHeading', { label: t('savedMailProgrammes') }), ...progs.map((p) => line(p.name, `/programmes/${p.id}`))].join('\n') : '',
      ].filter(Boolean);
      const text = [
        t('savedMailIntro', { count: orgs.length + progs.length, name: s.name }),
        ...sections,
        t('labelled', { label: t('savedMailWholeSearch'), value: page(`/search${searchQueryString(parsed.data)}`) }),
        t('labelled', { label: t('savedMailManage'), value: page('/saved-searches') }),
      ].join('\n\n');
      return { subject: t('savedMailSubject', { name: s.name }), text };
    });
    result = 'mailed';
  }
  await markAlertSent(db, s.id, now);
  return result;
}

/** The query string of a search's filters (repeated names for several values), in `lang`. */
export function searchQueryString(filters: Partial<SearchFilters>, lang?: Language): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string' && v) params.append(name, v);
  }
  if (lang) params.append('lang', lang);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Sends every alert due at `now`; one failure is logged and does not stop the others. */
export async function sendSavedSearchAlerts(ctx: AppContext, now = new Date()): Promise<Record<AlertResult | 'failed', number>> {
  const counts = { mailed: 0, 'nothing-new': 0, unreadable: 0, failed: 0 };
  for (const s of await dueSavedSearches(ctx.database.db, now)) {
    try {
      counts[await alertOne(ctx, s, now)] += 1;
    } catch (err) {
      counts.failed += 1;
      ctx.logger.error({ err, savedSearch: s.id }, 'saved search alert failed');
    }
  }
  return counts;
}
