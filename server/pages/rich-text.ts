/**
 * Descriptions as a reader should see them. A feed's description is markup, sanitised when it
 * was stored (jobs/normalize.ts): it is shown as markup, sanitised once more with the same
 * rules. What an agency typed in a form is text: escaped, its blank lines as paragraphs and
 * its line breaks kept.
 */
import { sanitizeForPage, textOf } from '../sanitize';
import { Html, html } from './html';

/** What tells a feed's description from a typed one: it came from a source, and nobody here edited it since. */
export interface Described {
  description: string | null;
  provenance: readonly unknown[];
  localFields: readonly string[];
}

const fromFeed = (e: Described) => e.provenance.length > 0 && !e.localFields.includes('description');

/** Typed text: paragraphs at blank lines, line breaks inside them. */
export function textBlock(text: string | null | undefined, className = 'description'): Html | '' {
  const paragraphs = (text ?? '').replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  if (!paragraphs.length) return '';
  const lines = (p: string) => p.split('\n').map((line, i) => html`${i ? html`<br>` : ''}${line}`);
  return html`<div class="${className}">${paragraphs.map((p) => html`<p>${lines(p)}</p>`)}</div>`;
}

/** A feed's markup, sanitised again; text without a block of its own becomes one paragraph. */
function markupBlock(markup: string): Html | '' {
  const clean = sanitizeForPage(markup);
  if (!clean) return '';
  return /^<(p|ul|ol)[\s>]/i.test(clean) ? html`<div class="description">${new Html(clean)}</div>` : html`<div class="description"><p>${new Html(clean)}</p></div>`;
}

/** An organization's or a programme's description, as markup or as text depending on where it came from. */
export const descriptionBlock = (e: Described): Html | '' => (!e.description ? '' : fromFeed(e) ? markupBlock(e.description) : textBlock(e.description));

/** The description in one line of text, for the page's meta description. */
export const descriptionLine = (e: Described): string | undefined => (e.description ? (fromFeed(e) ? textOf(e.description) : e.description.replace(/\s+/g, ' ').trim()) || undefined : undefined);
