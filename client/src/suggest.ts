/**
 * Suggestions under the header's search box on every page but the search page: up to five
 * intermediaries from the API, as an ARIA 1.2 combobox with a listbox (arrows, Enter,
 * Escape). Enter without a chosen suggestion submits the form as it always did.
 */
import type { Config } from './config';
import { announce } from './live';

interface Suggestion {
  id: string;
  name: string;
  acronym?: string | null;
  country: string;
}

const debounceMs = 300;

export function suggestions(input: HTMLInputElement, config: Config): void {
  const { base, words, lang } = config;
  const regions = new Intl.DisplayNames([lang], { type: 'region' });
  const list = document.createElement('ul');
  list.id = 'q-suggestions';
  list.className = 'suggestions';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', words.suggestions);
  list.hidden = true;
  input.after(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');

  let items: Suggestion[] = [];
  let active = -1;
  let timer: number | undefined;
  let inFlight: AbortController | undefined;

  const options = () => Array.from(list.children) as HTMLElement[];
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const choose = (index: number) => {
    active = index;
    options().forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    const option = options()[index];
    if (option) input.setAttribute('aria-activedescendant', option.id);
    else input.removeAttribute('aria-activedescendant');
  };
  const open = (suggestion: Suggestion) => window.location.assign(`${base}/organizations/${suggestion.id}`);

  const render = () => {
    list.replaceChildren(
      ...items.map((item, i) => {
        const option = document.createElement('li');
        option.id = `q-suggestion-${i}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        const meta = document.createElement('span');
        meta.className = 'meta';
        meta.textContent = ` · ${regions.of(item.country) ?? item.country}`;
        option.append(item.acronym ? `${item.name} (${item.acronym})` : item.name, meta);
        // mousedown, not click: the input keeps focus, and its blur does not close the list first.
        option.addEventListener('mousedown', (event) => {
          event.preventDefault();
          open(item);
        });
        return option;
      }),
    );
    active = -1;
    input.removeAttribute('aria-activedescendant');
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(items.length > 0));
    announce(items.length ? words.suggestionCount.replace('{n}', new Intl.NumberFormat(lang).format(items.length)) : words.noSuggestion);
  };

  const load = async (q: string) => {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    try {
      const res = await fetch(`${base}/api/v1/organizations?${new URLSearchParams({ q, limit: '5', facets: 'none' }).toString()}`, { signal: controller.signal, headers: { Accept: 'application/json' } });
      if (!res.ok) return;
      const page = (await res.json()) as { items: Suggestion[] };
      if (controller.signal.aborted) return;
      items = page.items;
      render();
    } catch {
      // Aborted or offline: the plain form still works.
    }
  };

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) {
      inFlight?.abort();
      items = [];
      close();
      return;
    }
    timer = window.setTimeout(() => void load(q), debounceMs);
  });
  input.addEventListener('keydown', (event) => {
    const count = items.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!count) return;
      event.preventDefault();
      if (list.hidden) {
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
      }
      const step = event.key === 'ArrowDown' ? 1 : -1;
      choose(active < 0 && step < 0 ? count - 1 : (active + step + count) % count);
    } else if (event.key === 'Enter') {
      const item = list.hidden ? undefined : items[active];
      if (item) {
        event.preventDefault();
        open(item);
      }
    } else if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', close);
}
