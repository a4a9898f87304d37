/** What the server hands the client in the page (`#client-config`): the base path and its words. */
export interface Words {
  suggestions: string;
  /** With `{n}` for the number. */
  suggestionCount: string;
  noSuggestion: string;
  mapOrganizations: string;
  mapProgrammes: string;
  mapLabel: string;
  mapNone: string;
}

export interface Config {
  /** BASE_PATH without its trailing slash ('' at the root). */
  base: string;
  words: Words;
  /** The page's language, for numbers and country names. */
  lang: string;
}

export function readConfig(): Config | undefined {
  const block = document.getElementById('client-config');
  if (!block?.textContent) return undefined;
  const parsed = JSON.parse(block.textContent) as Omit<Config, 'lang'>;
  return { ...parsed, lang: document.documentElement.lang || 'en' };
}
