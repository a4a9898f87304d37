/**
 * The interface's words in the directory's three languages, one catalog per part of the site
 * (so each part's words live beside each other). English is the reference: every key exists
 * there, and the French and Spanish catalogs must have the same keys (the compiler checks).
 * A key belongs to one catalog only (test/server/pages/languages.test.ts checks).
 */
import * as account from './catalogs/account';
import * as client from './catalogs/client';
import * as common from './catalogs/common';
import * as consoleWords from './catalogs/console';
import * as firms from './catalogs/firms';
import * as followUp from './catalogs/follow-up';
import * as intro from './catalogs/intro';
import * as mail from './catalogs/mail';
import * as introLoop from './catalogs/intro-loop';
import * as match from './catalogs/match';
import * as moderation from './catalogs/moderation';
import * as profile from './catalogs/profile';
import * as readiness from './catalogs/readiness';
import * as saved from './catalogs/saved';
import * as search from './catalogs/search';
import * as seo from './catalogs/seo';
import * as stats from './catalogs/stats';

export const catalogs = { common, firms, account, console: consoleWords, client, stats, readiness, match, intro, introLoop, saved, mail, search, followUp, moderation, seo, profile } as const;

export const en = { ...common.en, ...firms.en, ...account.en, ...consoleWords.en, ...client.en, ...stats.en, ...readiness.en, ...match.en, ...intro.en, ...introLoop.en, ...saved.en, ...mail.en, ...search.en, ...followUp.en, ...moderation.en, ...seo.en, ...profile.en };
/** A key as the catalogs spell it, plural forms included (`firmsIntermediaryCount_one`). */
export type CatalogKey = keyof typeof en;
/** i18next's plural suffixes: the form is picked by the language's plural rules for `count` (`_zero` for 0 in any language). */
type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
/** The base of a key with plural forms (`firmsIntermediaryCount` for `firmsIntermediaryCount_one`), called with a numeric `count`. */
export type PluralKey = CatalogKey extends infer K ? (K extends `${infer Base}_${PluralSuffix}` ? Base : never) : never;
/** What pages may ask the translator for: a plain key, or the base of a plural one. */
export type MessageKey = Exclude<CatalogKey, `${string}_${PluralSuffix}`> | PluralKey;
type Catalog = Record<CatalogKey, string>;
export const fr: Catalog = { ...common.fr, ...firms.fr, ...account.fr, ...consoleWords.fr, ...client.fr, ...stats.fr, ...readiness.fr, ...match.fr, ...intro.fr, ...introLoop.fr, ...saved.fr, ...mail.fr, ...search.fr, ...followUp.fr, ...moderation.fr, ...seo.fr, ...profile.fr };
export const es: Catalog = { ...common.es, ...firms.es, ...account.es, ...consoleWords.es, ...client.es, ...stats.es, ...readiness.es, ...match.es, ...intro.es, ...introLoop.es, ...saved.es, ...mail.es, ...search.es, ...followUp.es, ...moderation.es, ...seo.es, ...profile.es };
