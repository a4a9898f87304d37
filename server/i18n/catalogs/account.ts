/** Agencies' pages: sign up and in, their organizations, programmes, cases and claims. */
export const en = {
} as const;

type Catalog = Record<keyof typeof en, string>;

export const fr: Catalog = {
};

export const es: Catalog = {
};
