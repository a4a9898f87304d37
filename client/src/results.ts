/**
 * Search without page loads: the server renders every search page, and the client fetches
 * the next one and swaps its `#results` in place. Links and GET forms inside #results keep
 * working as such; on any failure the browser simply goes to the address.
 */
import { announce } from './live';

const debounceMs = 300;

type HistoryMode = 'push' | 'replace' | 'none';

let inFlight: AbortController | undefined;
/** The address whose results are on show, without its fragment. */
let shown = '';
const withoutFragment = (href: string) => href.split('#')[0] ?? href;

/** The page's #results after a fetch, or undefined when the answer is no search page. */
async function fetchResults(url: string, signal: AbortSignal): Promise<{ results: Element; title: string } | undefined> {
  const res = await fetch(url, { signal, headers: { Accept: 'text/html' }, credentials: 'same-origin' });
  if (!res.ok) return undefined;
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  const results = doc.getElementById('results');
  return results ? { results, title: doc.title } : undefined;
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
  let found: Awaited<ReturnType<typeof fetchResults>>;
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

/** Clicks on links and submits of GET forms inside #results, and Back/Forward between them. */
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
    if (event.defaultPrevented || !(form instanceof HTMLFormElement) || !form.closest('#results') || form.method.toLowerCase() !== 'get') return;
    const url = searchAddress(form.action, searchPath);
    if (!url) return;
    const fields = new FormData(form, event.submitter);
    url.search = new URLSearchParams(Array.from(fields, ([name, value]) => [name, String(value)])).toString();
    event.preventDefault();
    void showResults(url.href, 'push', true);
  });
  history.replaceState({ results: true }, '');
  shown = withoutFragment(window.location.href);
  window.addEventListener('popstate', () => {
    const url = searchAddress(window.location.href, searchPath);
    // A fragment (the skip link) adds history entries too: those need no new results.
    if (!url || withoutFragment(url.href) === shown) return;
    const box = document.getElementById('q');
    if (box instanceof HTMLInputElement) box.value = url.searchParams.get('q') ?? '';
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
      url.searchParams.delete('cursor');
      if (q) url.searchParams.set('q', q);
      else url.searchParams.delete('q');
      void showResults(url.href, 'replace', false);
    }, debounceMs);
  });
}
