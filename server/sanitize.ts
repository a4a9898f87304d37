/**
 * The one HTML sanitiser of the project: feeds clean descriptions with it before storing them,
 * and pages clean them again with it before showing them, so markup stored by an older, looser
 * version (or written straight into the database) still cannot run script on a page.
 */
import * as cheerio from 'cheerio';
import sanitizeHtml from 'sanitize-html';

/** Text with no `<`, `>` or `&` has no markup to clean: most feeds' fields, read without a parser. */
export const markupFree = (s: string) => !/[<>&]/.test(s);

const allowed: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'a'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
};

/** Keeps paragraphs, lists, emphasis and links; drops everything else, scripts and event attributes first. */
export const sanitize = (html: string) => (markupFree(html) ? html.trim() : sanitizeHtml(html, allowed).trim());

/** As `sanitize`, for showing: links a feed wrote leave the site without vouching for it. */
export const sanitizeForPage = (html: string) =>
  sanitizeHtml(html, { ...allowed, transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener' }) }, allowedAttributes: { a: ['href', 'rel'] } }).trim();

/** The text of markup, for a meta description: blocks end with a space so that paragraphs do not run together. */
export const textOf = (html: string) =>
  markupFree(html)
    ? html.replace(/\s+/g, ' ').trim()
    : cheerio
        .load(sanitizeHtml(html.replace(/<\/(p|li)>|<br\s*\/?>/gi, '$& '), { allowedTags: [], allowedAttributes: {} }), null, false)
        .text()
        .replace(/\s+/g, ' ')
        .trim();
