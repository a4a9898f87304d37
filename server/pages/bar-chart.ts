/**
 * The bar charts of the pages (progress figures, programmes by direction, readiness scores,
 * recommendation scores), drawn one way: CSS widths set by the server, no script. A bar is
 * decoration (hidden from assistive technology); each row's label and figure are text, so a
 * chart reads as a list of "label figure" lines without CSS as well as with a screen reader.
 */
import { Html, html } from './html';

/** One row of a chart. */
export interface BarRow {
  label: string;
  /** What the bar's length shows; null draws no bar (a figure withheld). */
  value: number | null;
  /** The figure as the reader reads it (a number in their language, "fewer than 5"). */
  figure: Html | string;
  /** Makes the row a link (a direction leads to its programmes). */
  href?: string;
  /** A class of the row, for a page to mark some rows (readiness gaps). */
  className?: string;
}

export interface BarChartOptions {
  /** The list's own class, by which a page sets its column widths (`--bar-label`, `--bar-figure`) or marks rows. */
  className: string;
  /** The value of a full bar; the largest value of the rows by default. */
  max?: number;
}

/** A bar as wide as `percent` of its track. */
export const bar = (percent: number): Html => html`<span class="bar" style="width:${Math.round(percent)}%" aria-hidden="true"></span>`;

/** Rows as labelled bars, each row's figure as text after its bar. */
export function barChart(rows: readonly BarRow[], options: BarChartOptions): Html {
  const max = options.max ?? Math.max(1, ...rows.map((r) => r.value ?? 0));
  const row = (r: BarRow) => {
    const cells = html`<span>${r.label}</span>${r.value === null ? '' : bar((100 * r.value) / max)}<span class="n">${r.figure}</span>`;
    if (r.href) return html`<li${r.className ? html` class="${r.className}"` : ''}><a class="bar-row" href="${r.href}">${cells}</a></li>`;
    return html`<li class="bar-row${r.className ? ` ${r.className}` : ''}">${cells}</li>`;
  };
  return html`<ul class="bars ${options.className}">${rows.map(row)}</ul>`;
}

/** The charts' styles, once for every page that draws one. */
export const barStyles = new Html(
  `<style>${[
    '.bars{list-style:none;padding:0;margin:0}',
    '.bar-row{display:grid;grid-template-columns:var(--bar-label,minmax(8rem,14rem)) 1fr var(--bar-figure,4rem);gap:.5rem;align-items:center;padding:.15rem 0}',
    // A withheld figure draws no bar: its figure keeps the last column.
    '.bar-row>.n{grid-column:3;text-align:right;font-variant-numeric:tabular-nums}',
    '.bar{display:block;height:1rem;background:#0b4f8a;min-width:2px}',
  ].join('')}</style>`,
);
