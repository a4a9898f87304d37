import { languages, type Translator } from '../i18n';
import { html, type Html } from './html';

export interface LayoutProps {
  tr: Translator;
  title: string;
  basePath: string;
  q?: string;
  body: Html;
  head?: Html;
}

/** The page shell: a GET search form on every page, no script needed. */
export function layout({ tr, title, basePath, q, body, head }: LayoutProps): string {
  const { t } = tr;
  const names = { en: 'English', fr: 'Français', es: 'Español' } as const;
  const switcher = languages.map((l) => (l === tr.lang ? html`<strong lang="${l}">${names[l]}</strong>` : html`<a href="?lang=${l}" lang="${l}" hreflang="${l}">${names[l]}</a>`));
  return `<!doctype html>${html`<html lang="${tr.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t('brand')}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header,main,footer{max-width:60rem;margin:0 auto;padding:.75rem 1rem}
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;border-bottom:1px solid #ddd}
header a.brand{font-weight:700;color:#0b4f8a;text-decoration:none}
form.search{display:flex;gap:.5rem;flex:1}
form.search input[type=search]{flex:1;min-width:10rem;padding:.4rem}
ul.entries{list-style:none;padding:0}ul.entries li{padding:.5rem 0;border-bottom:1px solid #eee}
.meta{color:#555;font-size:.9rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:600}a{color:#0b4f8a}.facets{display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.9rem}
</style>
${head ?? ''}
</head>
<body>
<header>
<a class="brand" href="${basePath}/">${t('brand')}</a>
<form class="search" action="${basePath}/search" method="get" role="search">
<label for="q" hidden>${t('search')}</label>
<input id="q" type="search" name="q" value="${q ?? ''}" placeholder="${t('searchPlaceholder')}" maxlength="200">
<button type="submit">${t('search')}</button>
</form>
<nav aria-label="${t('language')}" class="meta">${switcher}</nav>
</header>
<main>${body}</main>
<footer class="meta">${t('tagline')}
<a href="${basePath}/api/openapi.json">${t('api')}</a></footer>
</body>
</html>`}`;
}
