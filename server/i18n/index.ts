/**
 * The reader's language for pages: `?lang=en|fr|es` (remembered in a cookie), else the cookie,
 * else Accept-Language, else English. Messages come from i18next with the catalogs in
 * messages.ts; numbers and dates use the reader's locale through Intl.
 */
import i18next, { type TFunction } from 'i18next';
import type { Request, Response } from 'express';
import { en, es, fr, type MessageKey } from './messages';
import { decodedCookie, rawCookies } from '../cookies';

export const languages = ['en', 'fr', 'es'] as const;
export type Language = (typeof languages)[number];
export const LANG_COOKIE = 'lang';

/**
 * The locale dates are written in, pages and mails alike: English writes the day first
 * ("3 December 2026"), as most of the network's readers do outside the United States.
 */
export const dateLocales: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES' };

const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  fallbackLng: 'en',
  supportedLngs: [...languages],
  resources: { en: { translation: en }, fr: { translation: fr }, es: { translation: es } },
  // Pages escape every value they insert; i18next must not escape a second time.
  interpolation: { escapeValue: false },
});

export interface Translator {
  lang: Language;
  /**
   * A message with its values. A plural key is asked for by its base with a numeric `count`
   * (`t('firmsIntermediaryCount', { count: 1 })`): i18next picks `_zero`, `_one` or `_other`
   * by the language's rules, and `{{count, number}}` writes the number in its locale.
   */
  t(key: MessageKey, values?: Record<string, string | number>): string;
  number(n: number): string;
  /** Items joined as the language joins them: "a, b and c", "a, b et c", "a, b y c". */
  list(items: string[]): string;
}

export function translator(lang: Language): Translator {
  const t: TFunction = i18n.getFixedT(lang);
  const numbers = new Intl.NumberFormat(lang);
  const lists = new Intl.ListFormat(lang, { type: 'conjunction' });
  return { lang, t: (key, values) => String(t(key, values ?? {})), number: (n) => numbers.format(n), list: (items) => lists.format(items) };
}

export const isLanguage = (v: unknown): v is Language => typeof v === 'string' && (languages as readonly string[]).includes(v);

/** A malformed value (lang=%E0%A4%A) is no language: the page falls back to Accept-Language. */
function cookieOf(req: Request): string | undefined {
  const value = rawCookies(req.headers.cookie).find(([name]) => name === LANG_COOKIE)?.[1];
  return value === undefined ? undefined : decodedCookie(value);
}

/** The language a request reads in (`?lang=`, the cookie, Accept-Language, English), without remembering anything: the API's sign-up records it. */
export function requestLanguage(req: Request): Language {
  const asked = req.query.lang;
  if (isLanguage(asked)) return asked;
  const remembered = cookieOf(req);
  if (isLanguage(remembered)) return remembered;
  const accepted = req.acceptsLanguages(...languages);
  return isLanguage(accepted) ? accepted : 'en';
}

/** Picks the page language; a `?lang=` choice is remembered for a year (in a Secure cookie when the site is served over TLS). */
export function pageLanguage(req: Request, res: Response, secure: boolean): Language {
  const asked = req.query.lang;
  if (isLanguage(asked)) res.cookie(LANG_COOKIE, asked, { maxAge: 365 * 24 * 3600 * 1000, sameSite: 'lax', httpOnly: true, secure, path: '/' });
  return requestLanguage(req);
}
