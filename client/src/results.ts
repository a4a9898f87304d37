/**
 * Search without page loads: the server renders every search page, and the client fetches
 * the next one and swaps its `#results` in place, with the folded filter form (`#search-filters`)
 * that shows the same query. Links inside #results and GET forms to the search page keep
 * working as such; on any failure the browser simply goes to the address.
 */
import { announce } from './live';

const debounceMs = 300;

type HistoryMode = 'push' | 'replace' | 'none';

let inFlight: AbortController | undefined;
/** The address whose results are on show, without its fragment. */
let shown = '';
const withoutFragment = (href: string) => href.split('#')[0] ?? href;

interface Fetched {
  results: Element;
  /** The filter form as the server fills it for this query, when the page has one. */
  filters: HTMLFormElement | undefined;
  title: string;
}

const filterFormOf = (root: Document): HTMLFormElement | undefined => root.querySelector<HTMLFormElement>('#search-filters form') ?? undefined;

/** The page's #results after a fetch, or undefined when the answer is no search page. */
async function fetchResults(url: string, signal: AbortSignal): Promise<Fetched | undefined> {
  const res = await fetch(url, { signal, headers: { Accept: 'text/html' }, credentials: 'same-origin' });
  if (!res.ok) return undefined;
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  const results = doc.getElementById('results');
  return results ? { results, filters: filterFormOf(doc), title: doc.title } : undefined;
}

/**
 * What sits outside #results but shows the query: the folded filter form, and the header's
 * box unless the reader is typing there (then the box is where the query comes from).
 */
function syncQuery(found: Fetched, url: URL, typing: boolean): void {
  const current = filterFormOf(document);
  if (current && found.filters) current.replaceWith(document.adoptNode(found.filters));
  const box = document.getElementById('q');
  if (box instanceof HTMLInputElement && !typing) box.value = url.searchParams.get('q') ?? '';
}

/** The counts the page states: its status line when it has one, else its headings. */
function summary(results: Element): string {
  const status = results.querySelector('[role=status], .status');
  const parts = status ? [status] : Array.from(results.querySelectorAll('h1, h2'));
  return parts.map((e) => e.textContent?.trim() ?? '').join('. ');
}

/**
 * Shows the search page at `url` in place. `focus` moves focus to the new results' heading
 * (after a filter click), not while the reader types.
 */
export async function showResults(url: string, mode: HistoryMode, focus: boolean): Promise<void> {
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  let found: Fetched | undefined;
  try {
    found = await fetchResults(url, controller.signal);
  } catch {
    if (controller.signal.aborted) return;
    found = undefined;
  }
  if (controller.signal.aborted) return;
  const current = document.getElementById('results');
  if (!found || !current) {
    window.location.assign(url);
    return;
  }
  const fresh = document.adoptNode(found.results);
  current.replaceWith(fresh);
  syncQuery(found, new URL(url), !focus);
  shown = withoutFragment(url);
  document.title = found.title;
  if (mode === 'push') history.pushState({ results: true }, '', url);
  if (mode === 'replace') history.replaceState({ results: true }, '', url);
  if (focus) {
    const heading = fresh.querySelector<HTMLElement>('h1, h2');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }
  announce(summary(fresh));
}

/** An address on this site's search page, or undefined for anything else (another page, another origin). */
function searchAddress(href: string, searchPath: string): URL | undefined {
  const url = new URL(href, window.location.href);
  return url.origin === window.location.origin && url.pathname === searchPath ? url : undefined;
}

/**
 * Clicks on links inside #results, submits of GET forms to the search page (the folded filter
 * form, the header's box, forms inside #results), and Back/Forward between them.
 */
export function enhanceFilters(searchPath: string): void {
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('#results a[href]') : null;
    if (!link || link.target || link.hasAttribute('download')) return;
    const url = searchAddress(link.href, searchPath);
    if (!url) return;
    event.preventDefault();
    void showResults(url.href, 'push', true);
  });
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'get' || form.target) return;
    const url = searchAddress(form.action, searchPath);
    if (!url) return;
    const fields = new FormData(form, event.submitter);
    // The "Any" choices submit empty values, which the server ignores: the address goes without them.
    const given = Array.from(fields, ([name, value]): [string, string] => [name, String(value)]).filter(([, value]) => value !== '');
    url.search = new URLSearchParams(given).toString();
    event.preventDefault();
    void showResults(url.href, 'push', true);
  });
  history.replaceState({ results: true }, '');
  shown = withoutFragment(window.location.href);
  window.addEventListener('popstate', () => {
    const url = searchAddress(window.location.href, searchPath);
    // A fragment (the skip link) adds history entries too: those need no new results.
    if (!url || withoutFragment(url.href) === shown) return;
    void showResults(url.href, 'none', true);
  });
}

/** On the search page, typing in the header's box updates the results (same filters, first page). */
export function searchAsYouType(input: HTMLInputElement): void {
  let timer: number | undefined;
  let last = input.value.trim();
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      const q = input.value.trim();
      if (q === last || (q.length > 0 && q.length < 2)) return;
      last = q;
      const url = new URL(window.location.href);
      // A new query starts both lists from their first page.
      url.searchParams.delete('cursor');
      url.searchParams.delete('programmeCursor');
      if (q) url.searchParams.set('q', q);
      else url.searchParams.delete('q');
      void showResults(url.href, 'replace', false);
    }, debounceMs);
  });
}
