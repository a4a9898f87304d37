/** Reads a page as a person does: its visible text and elements, parsed with cheerio, never its markup as a string. */
import * as cheerio from 'cheerio';

export type Read = cheerio.CheerioAPI;

/** Collapses white space as a browser does: ASCII white space only; a no-break space stays. */
const collapse = (text: string) => text.replace(/[ \t\n\r\f]+/g, ' ').trim();

export const read = (page: string): Read => cheerio.load(page);

/** The text a reader sees in the elements of `selector`, with white space as a browser collapses it. */
export const textIn = ($: Read, selector: string): string => collapse($(selector).text());

/** The text of each element of `selector` on its own, in document order: the items of a list, the cells of a column. */
export const textsOf = ($: Read, selector: string): string[] =>
  $(selector)
    .map((_, el) => collapse($(el).text()))
    .get();

/** The text of the `<dd>` after the `<dt>` that reads `term`; undefined when no such term. */
export function definition($: Read, term: string): string | undefined {
  const dt = $('dt').filter((_, el) => $(el).text().trim() === term).first();
  return dt.length ? collapse(dt.next('dd').text()) : undefined;
}

/** A link as a reader meets it: the text it reads and where it goes (entities decoded). */
export interface Link {
  text: string;
  href: string;
}

/** Every link inside `selector` (the whole page by default), in document order. */
export const links = ($: Read, selector = 'html'): Link[] =>
  $(selector)
    .find('a[href]')
    .map((_, a) => ({ text: collapse($(a).text()), href: $(a).attr('href') ?? '' }))
    .get();

/** Where the first link inside `selector` that reads `text` goes; undefined when no link reads so. */
export const hrefOf = ($: Read, text: string, selector = 'html'): string | undefined => links($, selector).find((l) => l.text === text)?.href;

/** Every href of the page (links, stylesheets, alternates), entities decoded. */
export const hrefs = ($: Read): string[] => $('[href]').map((_, el) => $(el).attr('href') ?? '').get();

/** An option of a `<select>` as a reader sees it in the list. */
export interface Choice {
  value: string;
  text: string;
  selected: boolean;
}

/** The options of the select named `name` (the first one on the page). */
export const choices = ($: Read, name: string): Choice[] =>
  $(`select[name="${name}"]`)
    .first()
    .find('option')
    .map((_, o) => ({ value: $(o).attr('value') ?? collapse($(o).text()), text: collapse($(o).text()), selected: $(o).attr('selected') !== undefined }))
    .get();

/** The form control that the `<label>` reading `label` names, by its `for` or by holding it; empty when none. */
export function labelled($: Read, label: string) {
  const tag = $('label')
    .filter((_, el) => collapse($(el).text()) === label)
    .first();
  const id = tag.attr('for');
  return id ? $(`[id="${id}"]`) : tag.find('input, select, textarea').first();
}

/** The language the page declares on `<html>`. */
export const langOf = ($: Read): string | undefined => $('html').attr('lang');

/** The rows of the table `selector` as a reader scans them: each row's header and data cells' text. */
export const rows = ($: Read, selector: string): string[][] =>
  $(selector)
    .find('tr')
    .toArray()
    .map((tr) =>
      $(tr)
        .children('th, td')
        .toArray()
        .map((cell) => collapse($(cell).text())),
    );

/** What the form shows in the field named `name`: an input's value, a textarea's text, a select's chosen value. */
export function valueOf($: Read, name: string): string | undefined {
  const control = $(`[name="${name}"]`).first();
  if (control.is('textarea')) return control.text();
  if (control.is('select')) return control.find('option[selected]').attr('value');
  return control.attr('value');
}

/** The values of the boxes or radios named `name` that are checked. */
export const checked = ($: Read, name: string): string[] => $(`input[name="${name}"][checked]`).map((_, el) => $(el).attr('value') ?? '').get();

/** The text of the `<label>` that names the control named `name` inside `selector` (by its `for`, or by holding it); undefined when none does. */
export function labelOf($: Read, name: string, selector = 'html'): string | undefined {
  const control = $(selector).find(`[name="${name}"]`).first();
  const id = control.attr('id');
  const label = id ? $(`label[for="${id}"]`).first() : control.closest('label');
  return label.length ? collapse(label.text()) : undefined;
}

/** What a screen reader reads after the control named `name` inside `selector`: the text of the elements its aria-describedby names, in order. */
export function describedBy($: Read, name: string, selector = 'html'): string {
  const ids = ($(selector).find(`[name="${name}"]`).first().attr('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => collapse($(`[id="${id}"]`).text())).join(' ');
}

/** Where each form of the page inside `selector` posts to, in document order. */
export const actions = ($: Read, selector = 'html'): string[] =>
  $(selector)
    .find('form')
    .map((_, f) => $(f).attr('action') ?? '')
    .get();
