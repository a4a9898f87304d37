import type { CurrentUser } from '../auth/roles';
import { isStaff } from '../auth/roles';
import { languages, type Translator } from '../i18n';
import { clientAssets } from './client-assets';
import { html, jsonLd, type Html } from './html';

/** Search engines show about this many characters; a longer text is cut at a word, with an ellipsis. */
const DESCRIPTION_LENGTH = 160;

/** One line of at most DESCRIPTION_LENGTH characters. */
export function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= DESCRIPTION_LENGTH) return line;
  const cut = line.slice(0, DESCRIPTION_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > DESCRIPTION_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}

export interface LayoutProps {
  tr: Translator;
  title: string;
  basePath: string;
  q?: string;
  body: Html;
  head?: Html;
  ld?: Record<string, unknown>;
  description?: string;
  /** A chromeless page for iframes. */
  bare?: boolean;
  user?: CurrentUser;
  csrfToken?: string;
  /** The sign-out form's one-time token. */
  formToken?: string;
  /** The page's own query string, kept by the language switch (a search stays the same search). */
  query?: string;
}

/**
 * The page's styles, inlined: one round trip less on slow links, and small enough
 * (about 1.5 KB compressed) that caching it apart would not pay. Links in lists of their own
 * (facets, chips) are tapped on phones: at least 24 CSS px high (WCAG 2.2, 2.5.8).
 */
const styles = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header,main,footer{max-width:60rem;margin:0 auto;padding:.75rem 1rem}
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;border-bottom:1px solid #ddd}
header a.brand{font-weight:700;color:#0b4f8a;text-decoration:none}
header nav{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center}
form.search{display:flex;gap:.5rem;flex:1}
form.search input[type=search]{flex:1;min-width:10rem;padding:.4rem}
ul.entries{list-style:none;padding:0}ul.entries li{padding:.5rem 0;border-bottom:1px solid #eee}
.meta{color:#555;font-size:.9rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:600}a{color:#0b4f8a}.facets{display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.9rem}
.facets a{display:inline-block;min-height:1.5rem;padding:.125rem 0}
:focus-visible{outline:3px solid #c25e00;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.25rem .5rem;z-index:9}
.field{margin:0 0 1rem}.field label,.field legend{display:block;font-weight:600}
.field input:not([type=checkbox]):not([type=radio]),.field select,.field textarea{display:block;width:100%;max-width:36rem;padding:.4rem;font:inherit;box-sizing:border-box;border:1px solid #767676}
.checkboxes{border:0;padding:0}.checkboxes label{display:inline-block;font-weight:400;margin-right:1rem}
.radios{border:0;padding:0}.radios label{font-weight:400;padding:.25rem 0}.firm-details{border:1px solid #ccc;padding:.5rem 1rem;margin:0 0 1rem}
.hint{display:block;color:#555;font-size:.9rem}
.field-error{display:block;color:#b00020;font-weight:600}.field.invalid input:not([type=checkbox]):not([type=radio]),.field.invalid select,.field.invalid textarea{border:2px solid #b00020}
.error-summary{border:3px solid #b00020;padding:.5rem 1rem;margin:0 0 1rem;background:#fff}
.notice{border-left:4px solid #0b4f8a;padding:.25rem 1rem;background:#fff}
button,.button{font:inherit;padding:.4rem .9rem;background:#0b4f8a;color:#fff;border:0;border-radius:3px;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#e8e8e8;color:#1b1b1b}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
.inline{display:inline}
form.search{position:relative}
.suggestions{position:absolute;top:100%;left:0;right:0;z-index:5;margin:0;padding:0;list-style:none;background:#fff;border:1px solid #767676}
.suggestions li{padding:.4rem .5rem;cursor:pointer}.suggestions [aria-selected=true],.suggestions [aria-selected=true] .meta{background:#0b4f8a;color:#fff}
#world-map svg{display:block;width:100%;height:auto}#world-map path{stroke:#fff;stroke-width:.4}#world-map path[data-country]{cursor:pointer}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.25rem 0;font-size:.9rem}
.legend i{display:inline-block;width:1rem;height:1rem;margin-right:.3rem;vertical-align:middle;border:1px solid #767676}
`.replace(/\n/g, '');

/**
 * The built client's module script and what it needs from the server (the base path and its
 * words in the reader's language, as a JSON data block: CSP allows no inline script). Pages
 * work without it; chromeless embeds go without.
 */
function clientScript(tr: Translator, basePath: string): Html | '' {
  const client = clientAssets();
  if (!client) return '';
  const { t } = tr;
  const config = {
    base: basePath,
    words: {
      suggestions: t('clientSuggestions'),
      suggestionCount: t('clientSuggestionCount', { n: '{n}' }),
      noSuggestion: t('clientNoSuggestion'),
      mapOrganizations: t('clientMapOrganizations'),
      mapProgrammes: t('clientMapProgrammes'),
      mapLabel: t('clientMapLabel'),
      mapNone: t('clientMapNone'),
    },
  };
  return html`<script type="module" src="${basePath}/${client.entry}"></script>
<script type="application/json" id="client-config">${jsonLd(config)}</script>`;
}

/** The page shell: skip link, a GET search form on every page, account links, no script needed. */
export function layout({ tr, title, basePath, q, body, head, ld, description, bare, user, csrfToken, formToken, query }: LayoutProps): string {
  const { t } = tr;
  const names = { en: 'English', fr: 'Français', es: 'Español' } as const;
  const inLanguage = (l: string) => {
    const params = new URLSearchParams(query);
    params.set('lang', l);
    return `?${params.toString()}`;
  };
  const switcher = languages.map((l) => (l === tr.lang ? html`<strong lang="${l}">${names[l]}</strong>` : html`<a href="${inLanguage(l)}" lang="${l}" hreflang="${l}">${names[l]}</a>`));
  const account = user
    ? html`${user.roles.includes('agency-editor') || user.organizations.length ? html`<a href="${basePath}/account">${t('myOrganizations')}</a>` : html`<a href="${basePath}/account">${t('account')}</a>`}
<a href="${basePath}/introductions">${t('navIntroductions')}</a> <a href="${basePath}/saved-searches">${t('navSavedSearches')}</a>
${isStaff(user) ? html`<a href="${basePath}/console">${t('console')}</a>` : ''}
<form class="inline" method="post" action="${basePath}/sign-out"><input type="hidden" name="_csrf" value="${csrfToken ?? ''}"><input type="hidden" name="_form" value="${formToken ?? ''}"><button type="submit" class="secondary">${t('signOut')}</button></form>`
    : html`<a href="${basePath}/sign-in">${t('signIn')}</a> <a href="${basePath}/sign-up">${t('signUp')}</a>`;
  const header = bare
    ? ''
    : html`<a class="skip" href="#main">${t('skipToContent')}</a>
<header>
<a class="brand" href="${basePath}/">${t('brand')}</a>
<form class="search" action="${basePath}/search" method="get" role="search">
<label for="q" class="skip">${t('search')}</label>
<input id="q" type="search" name="q" value="${q ?? ''}" placeholder="${t('searchPlaceholder')}" maxlength="200" autocomplete="off">
<button type="submit">${t('search')}</button>
</form>
<nav aria-label="${t('account')}">${account}</nav>
<nav aria-label="${t('language')}" class="meta">${switcher}</nav>
</header>`;
  const footer = bare ? '' : html`<footer class="meta">${t('tagline')} <a href="${basePath}/progress">${t('statsTitle')}</a> · <a href="${basePath}/api/openapi.json">${t('api')}</a></footer>`;
  return `<!doctype html>${html`<html lang="${tr.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title} · ${t('brand')}</title>
${description ? html`<meta name="description" content="${description}">` : ''}
<style>${styles}</style>
${ld ? html`<script type="application/ld+json">${jsonLd(ld)}</script>` : ''}
${head ?? ''}
${bare ? '' : clientScript(tr, basePath)}
</head>
<body>
${header}
<main id="main" tabindex="-1">${body}</main>
${footer}
</body>
</html>`}`;
}
