/**
 * Several countries chosen as checkboxes folded by region, instead of a multiple select that needs
 * Ctrl-click (which most readers do not know and phones do not have): a reader ticks as many as it
 * likes, a keyboard passes a closed region in one Tab, and a region with a ticked country opens by
 * itself. Names in the reader's language and alphabetical order; the posted value is an array.
 */
import { html, type Html } from './html';
import type { FormState } from './forms';
import type { Page } from './kit';

export interface CountryChoiceProps {
  name: string;
  label: string;
  hint?: string;
}

export function countryChoice(page: Page, form: FormState, { name, label, hint }: CountryChoiceProps): Html {
  const ref = page.ctx.reference;
  const id = `f-${name}`;
  const error = form.errors.get(name);
  const chosen = new Set([form.values[name] ?? []].flat());
  const regionOf = (alpha2: string) => ref.countryByAlpha2.get(alpha2)?.region ?? '';
  const countries = ref.countries.map((c): [string, string] => [c.alpha2, page.countryName(c.alpha2)]).sort((a, b) => a[1].localeCompare(b[1], page.lang));
  // Antarctica (no region) is no place to look for partners, but a value already chosen stays shown.
  const offered = countries.filter(([c]) => regionOf(c) || chosen.has(c));
  const regions = [...new Set(offered.map(([c]) => regionOf(c)))].map((code) => ({ code, name: code ? (ref.regionByCode.get(code)?.names[page.lang] ?? code) : page.t('unknown') }));
  regions.sort((a, b) => a.name.localeCompare(b.name, page.lang));
  let n = 0;
  const group = (region: { code: string; name: string }) => {
    const inRegion = offered.filter(([c]) => regionOf(c) === region.code);
    const ticked = inRegion.filter(([c]) => chosen.has(c)).length;
    return html`<details${ticked ? html` open` : ''}><summary>${region.name}${ticked ? ` (${page.tr.number(ticked)})` : ''}</summary><div class="picks">${inRegion.map(
      ([value, text]) => html`<label><input type="checkbox" name="${name}" value="${value}" id="${id}-${n++}"${chosen.has(value) ? html` checked` : ''}> ${text}</label>`,
    )}</div></details>`;
  };
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<fieldset class="field checkboxes regions${error ? ' invalid' : ''}" id="${id}"${described ? html` aria-describedby="${described}"` : ''}><legend>${label}</legend>
${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : ''}${error ? html`<span class="field-error" id="${id}-error">${error}</span>` : ''}
${regions.map(group)}</fieldset>`;
}
