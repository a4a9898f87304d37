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

export const catalogs = { common, firms, account, console: consoleWords, client } as const;

export const en = { ...common.en, ...firms.en, ...account.en, ...consoleWords.en, ...client.en };
export type MessageKey = keyof typeof en;
type Catalog = Record<MessageKey, string>;
export const fr: Catalog = { ...common.fr, ...firms.fr, ...account.fr, ...consoleWords.fr, ...client.fr };
export const es: Catalog = { ...common.es, ...firms.es, ...account.es, ...consoleWords.es, ...client.es };
