/** Firms' pages: search with facets, countries, the map, the embed page. */
export const en = {
} as const;

type Catalog = Record<keyof typeof en, string>;

export const fr: Catalog = {
};

export const es: Catalog = {
};
