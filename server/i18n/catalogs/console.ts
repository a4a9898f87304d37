/** The operators' console: sources, mapping previews, runs, moderation and duplicates. */
export const en = {
} as const;

type Catalog = Record<keyof typeof en, string>;

export const fr: Catalog = {
};

export const es: Catalog = {
};
