/**
 * What every page handler needs for one request: the reader's language and its words, the
 * signed-in user, the CSRF field for forms, links under BASE_PATH, and `send` to answer
 * with the page shell. Handlers build their body with `html` and call `page.send`.
 */
import type { Request, Response } from 'express';
import { csrf } from '../auth/middleware';
import { isStaff, type CurrentUser } from '../auth/roles';
import type { AppContext } from '../context';
import { servedOverTls } from '../env';
import { dateLocales, languages, pageLanguage, translator, type Language, type Translator } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { label, type Vocabulary } from '../i18n/vocabulary';
import { html, type Html } from './html';
import { newFormToken } from './form-token';
import { layout, oneLine } from './layout';

declare module 'express-session' {
  interface SessionData {
    /** A line for the next page the user opens, after a form was acted on (shown once). */
    /** `anywhere`: shown by whichever page comes next, even one that does not show notices itself. */
    notice?: { text: string; link?: { href: string; text: string }; anywhere?: boolean };
  }
}

export interface SendOptions {
  title: string;
  body: Html;
  status?: number;
  /** Extra tags for <head>. */
  head?: Html;
  /** schema.org JSON-LD for this page; every page gets at least a WebPage. */
  ld?: Record<string, unknown>;
  /** The text in the header's search box. */
  q?: string;
  /** A one-line summary for search engines and link previews (cut to DESCRIPTION_LENGTH). */
  description?: string;
  /**
   * The page (path and query inside the site) this one is a copy of, for its canonical and
   * hreflang links; by default the page itself.
   */
  canonical?: string;
  /** A chromeless page (for iframes): no header, no footer. */
  bare?: boolean;
}

export interface Page {
  ctx: AppContext;
  req: Request;
  res: Response;
  /** BASE_PATH without its trailing slash ('' at the root). */
  base: string;
  tr: Translator;
  lang: Language;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  user: CurrentUser | undefined;
  staff: boolean;
  countryName(alpha2: string): string;
  named(vocabulary: Vocabulary): (value: string) => string;
  sectorName(code: string): string;
  date(value: string | Date | null | undefined, style?: 'long' | 'short'): string;
  dateTime(value: string | Date | null | undefined): string;
  /**
   * The hidden inputs of a POST form: the session's CSRF token, and a one-time form token
   * (server/pages/form-tokens.ts) so a double submit stores one entry. Every POST form has it.
   */
  csrfField(): Html;
  /** An address inside the site (BASE_PATH prepended). */
  href(path: string): string;
  /** An address inside the site, absolute: from PUBLIC_URL, never from the request's Host. */
  absolute(path: string): string;
  send(options: SendOptions): void;
  redirect(path: string): void;
  /**
   * Keeps a notice for the next page (`link.href` inside the site). Resolves once the session
   * is stored: express-session saves while the response is on its way, and a browser that
   * follows a redirect at once would otherwise read the session without the notice.
   */
  keepNotice(text: string, link?: { href: string; text: string }, anywhere?: boolean): Promise<void>;
  /** The notice kept for this page, once, as a status line; '' when none. */
  takeNotice(): Html | '';
}

export function pageFor(ctx: AppContext, req: Request, res: Response): Page {
  const tr = translator(pageLanguage(req, res, servedOverTls(ctx.env)));
  const base = ctx.env.basePath;
  const user = req.user && !req.user.tokenId ? req.user : undefined;
  const locale = dateLocales[tr.lang];
  const dates = { long: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }), short: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }) };
  // Times are shown in UTC, named: the server cannot know the reader's time zone.
  const dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const asDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));
  const href = (path: string) => `${base}${path.startsWith('/') ? path : `/${path}`}`;
  const absolute = (path: string) => `${ctx.env.publicUrl}${path.startsWith('/') ? path : `/${path}`}`;
  const takeNotice = (): Html | '' => {
    const notice = req.session?.notice;
    if (!notice || !req.session) return '';
    delete req.session.notice;
    return html`<p class="notice" role="status">${notice.text}${notice.link ? html` <a href="${href(notice.link.href)}">${notice.link.text}</a>` : ''}</p>`;
  };
  const csrfToken = () => (req.session ? csrf.generateToken(req) : '');
  return {
    ctx,
    req,
    res,
    base,
    tr,
    lang: tr.lang,
    t: tr.t,
    user,
    staff: isStaff(user),
    countryName: (alpha2) => ctx.reference.countryByAlpha2.get(alpha2)?.names[tr.lang] ?? alpha2,
    named: (vocabulary) => (value) => label(vocabulary, value, tr.lang),
    sectorName: (code) => {
      const sector = ctx.reference.sectorByCode.get(code);
      return sector ? `${code} ${sector.names[tr.lang] ?? sector.names.en}` : code;
    },
    date: (v, style = 'long') => (v ? dates[style].format(asDate(v)) : ''),
    dateTime: (v) => (v ? `${dateTimes.format(asDate(v))} ${tr.t('utc')}` : ''),
    csrfField: () => html`<input type="hidden" name="_csrf" value="${csrfToken()}"><input type="hidden" name="_form" value="${newFormToken(req, ctx.sessionSecret)}">`,
    href,
    absolute,
    send(o) {
      // A notice meant for any page, which this page's body did not show itself, leads the body.
      const pending = req.method === 'GET' && !o.bare && req.session?.notice?.anywhere ? takeNotice() : '';
      const ld = o.ld ?? { '@context': 'https://schema.org', '@type': 'WebPage', name: o.title, inLanguage: tr.lang };
      res
        .status(o.status ?? 200)
        .type('html')
        .send(layout({ tr, title: o.title, basePath: base, body: pending ? html`${pending}${o.body}` : o.body, head: html`${req.method === 'GET' && (o.status ?? 200) === 200 ? addressLinks(o.canonical ?? req.originalUrl.slice(base.length), tr.lang, absolute) : ''}${o.head ?? ''}`, q: o.q, ld, description: o.description ? oneLine(o.description) : undefined, bare: o.bare, user, csrfToken: user ? csrfToken() : '', formToken: user ? newFormToken(req, ctx.sessionSecret) : '', query: req.originalUrl.split('?')[1] ?? '' }));
    },
    redirect: (path) => res.redirect(303, href(path)),
    async keepNotice(text, link, anywhere) {
      const { session } = req;
      if (!session) return;
      session.notice = { text, ...(link ? { link } : {}), ...(anywhere ? { anywhere } : {}) };
      await new Promise<void>((resolve, reject) => session.save((err: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve())));
    },
    takeNotice,
  };
}

/**
 * The canonical address of a page in the reader's language and its hreflang alternates (the
 * page without `lang` is the one that follows the browser's language: x-default), absolute
 * from PUBLIC_URL, so search engines index one address per page and language.
 */
export function addressLinks(url: string, lang: Language, absolute: (path: string) => string): Html {
  const [path = '/', query = ''] = url.split('?', 2);
  const params = new URLSearchParams(query);
  params.delete('lang');
  const at = (l?: Language) => {
    const own = new URLSearchParams(params);
    if (l) own.set('lang', l);
    const q = own.toString();
    return absolute(`${path || '/'}${q ? `?${q}` : ''}`);
  };
  return html`<link rel="canonical" href="${at(lang)}">
${languages.map((l) => html`<link rel="alternate" hreflang="${l}" href="${at(l)}">`)}
<link rel="alternate" hreflang="x-default" href="${at()}">
`;
}
