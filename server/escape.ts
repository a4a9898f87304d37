/**
 * Escaping for text placed in HTML or XML: the pages' templates and the Atom feed both use it,
 * so it lives below either of them.
 */
const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `s` safe inside an element or a quoted attribute. */
export const escape = (s: string) => s.replace(/[&<>"']/g, (c) => escapes[c] ?? c);
